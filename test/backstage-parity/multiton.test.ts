/**
 * Multiton refs (issue 14) beyond Backstage's two cases (in initializer.test.ts): class
 * implementations, the default, and the types. `createServiceFactory({ deps })` and `app.get()`
 * type a multiton ref as `readonly T[]`, so using it where one value is expected is a compile
 * error. Each `@ts-expect-error` line fails `npm run typecheck` (and this suite) if it compiles.
 * `@inject(ref)` cannot be checked this way: TypeScript gives a parameter decorator no access to
 * the parameter's type, so `@inject(handlers) handler: Handler` compiles (see SPEC.md).
 */
import { createServiceFactory, createServiceRef, Service, type ServiceRef } from 'plugboard';
import { quietBuilder, userOf } from './kit.js';

interface Handler {
  readonly name: string;
  handle(input: string): string;
}
const handlers = createServiceRef<Handler>({ id: 'handlers', scope: 'root', multiton: true });
const store = createServiceRef<{ get(): string }>({ id: 'store', scope: 'root' });

/** Compiles only when `value` is a `T`. */
const expectType = <T>(value: T): T => value;
const handler = (name: string) =>
  createServiceFactory({ service: handlers, factory: () => ({ name, handle: (input: string) => `${name}:${input}` }) });

it('types a multiton ref as readonly T[] in factory deps and app.get(), and a singleton ref as T', async () => {
  expectType<ServiceRef<Handler, 'root', 'multiton'>>(handlers);
  // @ts-expect-error a multiton ref is not a ref of one value
  expectType<ServiceRef<Handler, 'root'>>(handlers);

  const summary = createServiceRef<string>({ id: 'summary', scope: 'root' });
  const summaryFactory = createServiceFactory({
    service: summary,
    deps: { all: handlers, one: store },
    factory({ all, one }) {
      expectType<readonly Handler[]>(all);
      // @ts-expect-error a multiton dep is every implementation, not one
      expectType<Handler>(all);
      expect(() => {
        // @ts-expect-error the array is read-only (and frozen at run time)
        all.push({ name: 'late', handle: (input: string) => input }); // eslint-disable-line @typescript-eslint/no-unsafe-call
      }).toThrow(TypeError);
      expectType<{ get(): string }>(one);
      // @ts-expect-error a singleton dep is one value, not an array
      expectType<readonly unknown[]>(one);
      return `${one.get()} ${all.map((h) => h.handle('x')).join(',')}`;
    },
  });

  // @ts-expect-error a multiton factory provides one implementation; plugboard collects them into the array
  createServiceFactory({ service: handlers, factory: () => [{ name: 'both', handle: (input: string) => input }] });

  const app = quietBuilder()
    .add(handler('a'))
    .add(handler('b'))
    .add(createServiceFactory({ service: store, factory: () => ({ get: () => 'store' }) }))
    .add(summaryFactory)
    .build();
  await app.start();
  const all = app.get(handlers);
  expectType<readonly Handler[]>(all);
  // @ts-expect-error app.get() of a multiton ref returns the array
  expectType<Handler>(app.get(handlers));
  expect(all.map((h) => h.name)).toEqual(['a', 'b']);
  expect(app.get(summary)).toBe('store a:x,b:x');
  await app.stop();
});

it('injects an empty array when no implementation is installed', async () => {
  let received: unknown;
  const app = quietBuilder()
    .add(userOf('lonely', handlers, (value) => (received = value)))
    .build();
  await app.start();
  expect(received).toEqual([]);
  await app.stop();
});

it('collects @Service({ provides }) classes and factories alike, in add() order, and describes each', async () => {
  @Service({ provides: handlers })
  class Upper implements Handler {
    readonly name = 'upper';
    handle(input: string): string {
      return input.toUpperCase();
    }
  }
  const app = quietBuilder().add(handler('a')).add(Upper).add(handler('b')).build();
  await app.start();
  expect(app.get(handlers).map((h) => h.handle('x'))).toEqual(['a:x', 'X', 'b:x']);
  expect(app.describe().services.find((s) => s.id === 'handlers')).toMatchObject({
    multiton: true,
    implementation: 'factory',
    implementations: ['factory', 'Upper', 'factory'],
  });
  await app.stop();
});

it("uses a multiton ref's defaultFactory only when nothing is installed: the array then holds the default's one element", async () => {
  const withDefault = createServiceRef<string>({
    id: 'greetings',
    scope: 'root',
    multiton: true,
    defaultFactory: (service) => createServiceFactory({ service, factory: () => 'hello' }),
  });
  const received: unknown[] = [];
  const reader = userOf('reader', withDefault, (value) => received.push(value));
  const bare = quietBuilder().add(reader).build();
  const installed = quietBuilder()
    .add(createServiceFactory({ service: withDefault, factory: () => 'hi' }))
    .add(createServiceFactory({ service: withDefault, factory: () => 'hey' }))
    .add(reader)
    .build();
  await bare.start();
  await installed.start();
  expect(received).toEqual([['hello'], ['hi', 'hey']]);
  await bare.stop();
  await installed.stop();
});
