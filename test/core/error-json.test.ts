import { onInit, Plugin, PlugboardError } from 'plugboard';
import { quietBuilder } from '../support.js';

describe('PlugboardError as JSON', () => {
  it('a failed start serialises: the result holds the error itself, summarised, not a cycle', async () => {
    @Plugin({ id: 'broken' })
    class Broken {
      @onInit() init(): void {
        throw new Error('disk full');
      }
    }
    const error = (await quietBuilder()
      .add(Broken)
      .build()
      .start()
      .catch((e: unknown) => e)) as PlugboardError;
    expect(error.result?.plugins[0]?.error).toBe(error);

    const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;
    expect(json).toMatchObject({
      name: 'PlugboardError',
      code: 'INIT_FAILED',
      pluginId: 'broken',
      message: error.message,
      cause: { name: 'Error', message: 'disk full' },
      result: {
        outcome: 'failure',
        plugins: [{ pluginId: 'broken', status: 'failed', error: { code: 'INIT_FAILED', message: error.message }, modules: [] }],
      },
    });
  });

  it('hostile causes and data values are described, never thrown from or serialised as is', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const error = new PlugboardError('INIT_FAILED', 'x', {
      cause: revoked.proxy,
      data: { big: 10n, proxy: revoked.proxy, ids: ['a', 'b'], limit: Infinity },
    });
    const json = JSON.parse(JSON.stringify(error)) as { cause: { description: string }; data: Record<string, unknown> };
    expect(typeof json.cause.description).toBe('string');
    expect(json.data.ids).toEqual(['a', 'b']);
    expect(json.data.limit).toBe('Infinity');
    expect(typeof json.data.big).toBe('string');
    expect(typeof json.data.proxy).toBe('string');
  });

  it('wiring problems are kept with their codes', async () => {
    @Plugin({ id: 'twice' })
    class A {}
    @Plugin({ id: 'twice' })
    class B {}
    const error = (await quietBuilder()
      .add(A)
      .add(B)
      .build()
      .start()
      .catch((e: unknown) => e)) as PlugboardError;
    const json = JSON.parse(JSON.stringify(error)) as { code: string; problems: { code: string; pluginId: string }[] };
    expect(json.code).toBe('INVALID_WIRING');
    expect(json.problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_PLUGIN', pluginId: 'twice' })]);
  });
});
