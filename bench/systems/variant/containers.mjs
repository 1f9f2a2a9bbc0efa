// Not an app, a measurement (see ../containers.mjs): the InversifyJS work alone that plugboard does
// per plugin in the variant scenario. The same three bindings and two resolutions per child
// container, but the plugin-scoped service is made from the root service, resolved from the parent.
import 'reflect-metadata';
import { Container } from 'inversify';

import { ScenarioError } from '../check.mjs';
import { RootService } from './logger-like.mjs';

export const name = 'InversifyJS containers only';

export async function run({ n }) {
  const t0 = performance.now();
  const rootService = Symbol('bench.root');
  const pluginService = Symbol('bench.plugin');
  const plugins = [];
  for (let i = 0; i < n; i++) {
    const Registry = class {
      constructor() {
        this.items = [];
      }
    };
    plugins.push({ pluginId: `p${i}`, Registry, extensionPoint: Symbol(`p${i}.items`) });
  }
  const t1 = performance.now();

  const root = new Container();
  root
    .bind(rootService)
    .toDynamicValue(() => new RootService())
    .inSingletonScope();
  const children = [];
  for (const { pluginId, Registry, extensionPoint } of plugins) {
    const child = new Container({ parent: root });
    child
      .bind(pluginService)
      .toDynamicValue((context) => context.get(rootService).child({ plugin: pluginId }))
      .inSingletonScope();
    child
      .bind(Registry)
      .toDynamicValue(() => new Registry())
      .inSingletonScope();
    child.bind(extensionPoint).toDynamicValue(() => ({}));
    const service = child.get(pluginService);
    const registry = child.get(Registry);
    if (service?.bindings?.plugin !== pluginId || !(registry instanceof Registry)) throw new ScenarioError('a resolution failed');
    children.push(child);
  }
  const t2 = performance.now();
  if (children.length !== n) throw new ScenarioError(`${children.length} containers, expected ${n}`);

  const t3 = performance.now();
  children.length = 0; // drop the containers, as plugboard's stop does
  const t4 = performance.now();

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
