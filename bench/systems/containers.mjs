// Not a way to build the app: the InversifyJS work alone that plugboard's runtime does per plugin in
// this scenario, to show how much of plugboard's start is spent inside InversifyJS. DESIGN.md gives
// each plugin a real child container with its plugin services and extension points bound in it and
// resolved through it; here, per plugin: a child container of one root, three bindings (the
// plugin-scoped service, the extension point's implementation class, the extension point token)
// and two resolutions. No module, no init, no validation. Stop drops the containers, as plugboard does.
import 'reflect-metadata';
import { Container } from 'inversify';

import { ScenarioError } from './check.mjs';

export const name = 'InversifyJS containers only';

export async function run({ n }) {
  const t0 = performance.now();
  const pluginService = Symbol('bench.plugin');
  const plugins = [];
  for (let i = 0; i < n; i++) {
    const Registry = class {
      constructor() {
        this.items = [];
      }
    };
    plugins.push({ Registry, extensionPoint: Symbol(`p${i}.items`) });
  }
  const t1 = performance.now();

  const root = new Container();
  const children = [];
  for (const { Registry, extensionPoint } of plugins) {
    const child = new Container({ parent: root });
    child
      .bind(pluginService)
      .toDynamicValue(() => ({}))
      .inSingletonScope();
    child
      .bind(Registry)
      .toDynamicValue(() => new Registry())
      .inSingletonScope();
    child.bind(extensionPoint).toDynamicValue(() => ({}));
    const service = child.get(pluginService);
    const registry = child.get(Registry);
    if (service === undefined || !(registry instanceof Registry)) throw new ScenarioError('a resolution failed');
    children.push(child);
  }
  const t2 = performance.now();
  if (children.length !== n) throw new ScenarioError(`${children.length} containers, expected ${n}`);

  const t3 = performance.now();
  children.length = 0; // drop the containers, as plugboard's stop does
  const t4 = performance.now();

  return { defineMs: t1 - t0, startMs: t2 - t1, stopMs: t4 - t3 };
}
