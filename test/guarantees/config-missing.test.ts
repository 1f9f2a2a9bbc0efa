/**
 * Issue 13.15: an unset `${VAR}` in config rejects start() with CONFIG_MISSING (as docs promise),
 * naming the key and the variable, not INIT_FAILED. The config error's code, key and file are kept
 * through every wrapping on the way out of start(): the root config service, a plugin, a service
 * a plugin needs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreServices, createServiceFactory, createServiceRef, inject, onInit, Plugin, type ConfigService } from 'plugboard';
import { quietBuilder } from '../support.js';
import { rejectionWithin } from './kit.js';

/** A variable name nothing sets. */
const UNSET = 'PLUGBOARD_GUARANTEES_UNSET_VARIABLE';
let dir: string;

beforeAll(() => {
  delete process.env[UNSET];
  dir = mkdtempSync(join(tmpdir(), 'plugboard-config-missing-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

@Plugin({ id: 'reader' })
class Reader {
  constructor(@inject(coreServices.rootConfig) readonly config: ConfigService) {}
}

it('a config file: CONFIG_MISSING naming the key, the variable and the file', async () => {
  const file = join(dir, 'app.yaml');
  writeFileSync(file, `db:\n  pool: 4\n  url: postgres://\${${UNSET}}/app\n`);
  const error = await rejectionWithin(
    quietBuilder({ configFiles: [file] })
      .add(Reader)
      .build()
      .start(),
    2_000,
  );
  expect(error.code).toBe('CONFIG_MISSING');
  expect(error.key).toBe('db.url');
  expect(error.file).toBe(file);
  expect(error.message).toContain(UNSET);
  expect(error.message).toContain('db.url');
});

it('the builder’s config object: CONFIG_MISSING naming the key and the variable', async () => {
  const app = quietBuilder({ config: { search: { endpoints: [{ url: `\${${UNSET}}` }] } } })
    .add(Reader)
    .build();
  const error = await rejectionWithin(app.start(), 2_000);
  expect(error.code).toBe('CONFIG_MISSING');
  expect(error.key).toBe('search.endpoints[0].url');
  expect(error.message).toContain(UNSET);
});

it('a ${VAR} with a default is no error', async () => {
  const app = quietBuilder({ config: { db: { url: `\${${UNSET}:-sqlite://memory}` } } })
    .add(Reader)
    .build();
  await app.start();
  await app.stop();
});

describe('a config error keeps its code through wrapping', () => {
  it('read in a plugin’s @onInit: CONFIG_MISSING with the key, naming the plugin', async () => {
    @Plugin({ id: 'needs-config' })
    class NeedsConfig {
      constructor(@inject(coreServices.rootConfig) private readonly config: ConfigService) {}
      @onInit() init(): void {
        this.config.getString('db.url');
      }
    }
    const error = await rejectionWithin(quietBuilder().add(NeedsConfig).build().start(), 2_000);
    expect(error).toMatchObject({ code: 'CONFIG_MISSING', key: 'db.url', pluginId: 'needs-config' });
  });

  it('read by a plugin-scoped service a plugin needs (wrapped twice): CONFIG_TYPE with the key', async () => {
    const clientRef = createServiceRef<{ url: string }>({ id: 'db.client' });
    const client = createServiceFactory({
      service: clientRef,
      deps: { config: coreServices.rootConfig },
      factory: async ({ config }) => ({ url: config.getString('db.url') }),
    });
    @Plugin({ id: 'uses-client' })
    class UsesClient {
      constructor(@inject(clientRef) readonly client: { url: string }) {}
    }
    const error = await rejectionWithin(
      quietBuilder({ config: { db: { url: 42 } } })
        .add([client, UsesClient])
        .build()
        .start(),
      2_000,
    );
    expect(error).toMatchObject({ code: 'CONFIG_TYPE', key: 'db.url', pluginId: 'uses-client' });
    expect(error.message).toContain("'db.client'");
  });
});
