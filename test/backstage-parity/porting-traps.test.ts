/**
 * What bites when Backstage code is ported to plugboard (found porting the scaffolder and
 * catalog backends; see README.md): each test shows the trap and the plugboard way.
 */
import { coreServices, createExtensionPoint, inject, Module, onInit, Plugin, Service, type LoggerService } from 'plugboard';
import { captureLogs, causes, plugin, quietBuilder, startFailure } from './kit.js';

it("drops the fields of Backstage's info(msg, meta) (a type error, silent at run time): pino takes info(meta, msg)", async () => {
  @Plugin({ id: 'catalog' })
  class Catalog {
    constructor(@inject(coreServices.logger) private readonly log: LoggerService) {}
    @onInit() init(): void {
      // @ts-expect-error pino's types refuse it; untyped code compiles and loses the fields
      this.log.info('refreshed, Backstage order', { entities: 3 });
      this.log.info({ entities: 3 }, 'refreshed, pino order');
    }
  }
  const { logger, lines } = captureLogs();
  const app = quietBuilder({ logger }).add(Catalog).build();
  await app.start();
  expect(lines.find((l) => l['msg'] === 'refreshed, Backstage order')).not.toHaveProperty('entities');
  expect(lines.find((l) => l['msg'] === 'refreshed, pino order')).toMatchObject({ entities: 3, plugin: 'catalog' });
  await app.stop();
});

describe('one extension point implementation per app, or one per process', () => {
  interface Names {
    add(name: string): void;
  }
  const namesPoint = createExtensionPoint<Names>({ id: 'catalog.names' });
  @Module({ pluginId: 'catalog', id: 'adder' })
  class Adder {
    constructor(@inject(namesPoint) private readonly names: Names) {}
    @onInit() init(): void {
      this.names.add('github');
    }
  }

  it('shares a useValue object between every app in the process', async () => {
    const shared = {
      names: [] as string[],
      add(name: string): void {
        this.names.push(name);
      },
    };
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: namesPoint, useValue: shared }] })
    class Catalog {}
    for (const app of [quietBuilder().add(Catalog).add(Adder).build(), quietBuilder().add(Catalog).add(Adder).build()]) {
      await app.start();
      await app.stop();
    }
    expect(shared.names).toEqual(['github', 'github']);
  });

  it('gives each app its own useClass instance', async () => {
    @Service()
    class NameList implements Names {
      private readonly names: string[] = [];
      add(name: string): void {
        this.names.push(name);
      }
      all(): string[] {
        return [...this.names];
      }
    }
    const seen: string[][] = [];
    @Plugin({ id: 'catalog', extensionPoints: [{ provide: namesPoint, useClass: NameList }] })
    class Catalog {
      constructor(@inject(NameList) private readonly list: NameList) {}
      @onInit() init(): void {
        seen.push(this.list.all());
      }
    }
    for (const app of [quietBuilder().add(Catalog).add(Adder).build(), quietBuilder().add(Catalog).add(Adder).build()]) {
      await app.start();
      await app.stop();
    }
    expect(seen).toEqual([['github'], ['github']]);
  });
});

it("refuses Backstage's `extension.values.push(x)`: a module reads no data field through a view (EXTENSION_POINT_FIELD)", async () => {
  const valuesPoint = createExtensionPoint<{ values: string[] }>({ id: 'test.values' });
  @Service()
  class Values {
    values = ['b'];
  }
  @Plugin({ id: 'test', extensionPoints: [{ provide: valuesPoint, useClass: Values }] })
  class Test {}
  @Module({ pluginId: 'test', id: 'mod-a' })
  class ModA {
    constructor(@inject(valuesPoint) private readonly extension: { values: string[] }) {}
    @onInit() init(): void {
      this.extension.values.push('a');
    }
  }
  const { error } = await startFailure(quietBuilder().add(Test).add(ModA).add(plugin('other')).build());
  expect(error).toMatchObject({ pluginId: 'test', moduleId: 'mod-a' });
  expect(causes(error)).toContainEqual(expect.objectContaining({ code: 'EXTENSION_POINT_FIELD', extensionPointId: 'test.values' }));
});
