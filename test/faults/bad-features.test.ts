/**
 * What add() cannot use: a value that is not a feature is refused at once with INVALID_FEATURE
 * (naming the add() call and why), leaving the builder as it was; a feature module promise that
 * rejects, or whose default export is not a feature, is a wiring problem (FEATURE_LOAD_FAILED,
 * INVALID_FEATURE) reported by validate() and start() before anything runs, and never an
 * unhandled rejection.
 */
import { ContainerBuilder, createExtensionPoint, createServiceRef, PlugboardError, Service, type Feature } from 'plugboard';
import { quietBuilder } from '../support.js';
import { Journal, plugin } from './kit.js';
import { expectNothingLeftRunning } from './leftovers.js';

class Undecorated {}
class Unprovided {}
Service()(Unprovided);

// Messages name the kind of value with its article: "an object", "a number".
const notFeatures: Array<[string, unknown, RegExp]> = [
  ['a plain object', { id: 'catalog' }, /add\(\) call #2: an? object is not a feature/],
  ['undefined', undefined, /add\(\) call #2: undefined is not a feature/],
  ['null', null, /add\(\) call #2: null is not a feature/],
  ['a number', 42, /add\(\) call #2: a number is not a feature/],
  ['a string', 'catalog', /add\(\) call #2: a string is not a feature/],
  [
    'a class without a decorator',
    Undecorated,
    /add\(\) call #2: Undecorated has no @Plugin, @Module or @Service\(\{ provides \}\) decorator/,
  ],
  ['a @Service() without provides', Unprovided, /add\(\) call #2: Unprovided is a @Service\(\) without `provides`/],
  ['a nested array', [[Undecorated]], /add\(\) call #2: a nested array is not a feature/],
  ['an extension point token', createExtensionPoint({ id: 'x.points' }), /add\(\) call #2: an? object is not a feature/],
  ['a service ref (not an implementation)', createServiceRef({ id: 'x.service' }), /add\(\) call #2: an? object is not a feature/],
];

describe('values add() cannot use', () => {
  expectNothingLeftRunning();

  it.each(notFeatures)('%s: add() throws INVALID_FEATURE at once, naming the call and the reason', (_, value, reason) => {
    const builder = new ContainerBuilder().add(plugin(new Journal(), 'fine'));
    let error: unknown;
    try {
      builder.add(value as Feature);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error).toMatchObject({ code: 'INVALID_FEATURE' });
    expect((error as PlugboardError).message).toMatch(reason);
  });

  // Regression: the article follows the kind ("a object" once).
  it('says "an object" for an object', () => {
    expect(() => new ContainerBuilder().add({} as Feature)).toThrow('add() call #1: an object is not a feature');
  });

  it('a refused value leaves the builder as it was: the app still starts with what was added', async () => {
    const journal = new Journal();
    const builder = quietBuilder().add(plugin(journal, 'fine'));
    expect(() => builder.add(Undecorated as Feature)).toThrow(PlugboardError);
    const app = builder.build();
    await app.start();
    expect(app.describe().plugins.map((p) => p.id)).toEqual(['fine']);
    await app.stop();
    expect(journal.shutdownProblems()).toEqual([]);
  });

  it('a feature module promise that rejects: FEATURE_LOAD_FAILED from validate() and start(), nothing runs', async () => {
    const journal = new Journal();
    const app = quietBuilder()
      .add(plugin(journal, 'fine'))
      .add(Promise.reject(new Error('cannot find module ./gitlab.js')))
      .build();
    const problems = await app.validate();
    expect(problems).toEqual([
      expect.objectContaining({
        code: 'FEATURE_LOAD_FAILED',
        message: expect.stringContaining('(call #2) failed to load: Error: cannot find module ./gitlab.js'),
      }),
    ]);
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_WIRING', problems });
    expect(journal.events).toEqual([]);
  });

  it('a rejecting feature module on an app that is never started is no unhandled rejection', async () => {
    quietBuilder()
      .add(Promise.reject(new Error('never looked at')))
      .build();
    // Jest fails the test on an unhandled rejection; give it the chance to surface.
    await new Promise((resolve) => setImmediate(resolve));
  });

  it.each([
    ['no default export', {}, 'it has no default export'],
    ['a default export that is not a feature', { default: { id: 'x' } }, 'an object is not a feature'],
    ['a default array with a non-feature', { default: [Undecorated] }, 'Undecorated has no @Plugin'],
  ])('a feature module with %s: INVALID_FEATURE from validate() and start(), nothing runs', async (_, exported, reason) => {
    const journal = new Journal();
    const app = quietBuilder()
      .add(plugin(journal, 'fine'))
      .add(Promise.resolve(exported as never))
      .build();
    const problems = await app.validate();
    expect(problems).toEqual([expect.objectContaining({ code: 'INVALID_FEATURE', message: expect.stringContaining(reason) })]);
    await expect(app.start()).rejects.toMatchObject({ code: 'INVALID_WIRING', problems });
    expect(journal.events).toEqual([]);
  });
});
