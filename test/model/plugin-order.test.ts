import type { WiringProblem } from 'plugboard';
import { analyse, ids, plugin } from './kit.js';

/** `@Plugin({ dependsOn })` resolved to installed plugins (resolvePluginOrder). */
describe('plugin dependsOn (resolvePluginOrder)', () => {
  it.each<{
    name: string;
    plugins: Record<string, string[]>;
    dependsOn: Record<string, string[]>;
    problems: Array<Omit<WiringProblem, 'message'>>;
  }>([
    { name: 'none', plugins: { a: [], b: [] }, dependsOn: { a: [], b: [] }, problems: [] },
    { name: 'a chain', plugins: { a: [], b: ['a'], c: ['b'] }, dependsOn: { a: [], b: ['a'], c: ['b'] }, problems: [] },
    { name: 'on a plugin added later', plugins: { b: ['a'], a: [] }, dependsOn: { b: ['a'], a: [] }, problems: [] },
    {
      name: 'a missing plugin: left out, reported',
      plugins: { a: [], b: ['a', 'x'] },
      dependsOn: { a: [], b: ['a'] },
      problems: [{ code: 'PLUGIN_DEPENDENCY_MISSING', pluginId: 'b', related: ['x'] }],
    },
    {
      name: 'two missing plugins: one problem each',
      plugins: { a: ['x', 'y'] },
      dependsOn: { a: [] },
      problems: [
        { code: 'PLUGIN_DEPENDENCY_MISSING', pluginId: 'a', related: ['x'] },
        { code: 'PLUGIN_DEPENDENCY_MISSING', pluginId: 'a', related: ['y'] },
      ],
    },
    {
      name: 'on itself',
      plugins: { a: ['a'] },
      dependsOn: { a: ['a'] },
      problems: [{ code: 'DEPENDENCY_CYCLE', pluginId: 'a', path: ['a', 'a'] }],
    },
    {
      name: 'two plugins on each other',
      plugins: { a: ['b'], b: ['a'] },
      dependsOn: { a: ['b'], b: ['a'] },
      problems: [{ code: 'DEPENDENCY_CYCLE', pluginId: 'a', path: ['a', 'b', 'a'] }],
    },
    {
      name: 'a cycle of three beside a plugin outside it',
      plugins: { x: ['a'], a: ['b'], b: ['c'], c: ['a'] },
      dependsOn: { x: ['a'], a: ['b'], b: ['c'], c: ['a'] },
      problems: [{ code: 'DEPENDENCY_CYCLE', pluginId: 'a', path: ['a', 'b', 'c', 'a'] }],
    },
  ])('$name', ({ plugins, dependsOn, problems }) => {
    const { graph, problems: found } = analyse(Object.entries(plugins).map(([id, on]) => plugin(id, { dependsOn: on })));
    expect(Object.fromEntries(graph.plugins.map((node) => [node.id, node.dependsOn.map((other) => other.id)]))).toEqual(dependsOn);
    expect(Object.fromEntries(graph.plugins.map((node) => [node.id, [...node.dependsOnIds]]))).toEqual(plugins);
    expect(found.map(ids)).toEqual(problems);
  });
});
