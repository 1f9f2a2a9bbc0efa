/**
 * Route: values returned through an extension point view (SPEC.md: "A method that returns the
 * implementation itself (`return this`, fluent API) returns the view"; "Nothing reachable by …
 * returned value leads to the implementation").
 *
 * The attacker is a module of the victim plugin calling the victim's fluent API. What the
 * implementation hands out on purpose (a copy of its list, a callback argument) is its own API;
 * the implementation itself must never come back.
 */
import {
  crawl,
  hostileModule,
  IMPLEMENTATION_KINDS,
  leaks,
  outcome,
  scenario,
  thrownSync,
  victimSecrets,
  victimThings,
  withStarted,
  type Things,
} from './kit.js';

/** The victim app with a hostile module 'evil' of the victim plugin; `construct` runs with the gate open. */
function withEvilModule(kind: (typeof IMPLEMENTATION_KINDS)[number], construct: (view: Things) => void) {
  let held: Things | undefined;
  const built = scenario({
    implementation: kind,
    attackers: [
      hostileModule('victim', 'evil', victimThings, {
        construct: ({ view }) => {
          held = view!;
          construct(view!);
        },
      }),
    ],
  });
  return { ...built, view: () => held! };
}

/** What `call` returned, or `thrown: …` (methods inherited from Object.prototype may be refused). */
function returnedBy(call: () => unknown): unknown {
  let value: unknown;
  const thrown = thrownSync(() => (value = call()));
  return thrown === undefined ? value : `thrown: ${outcome(thrown)}`;
}

describe.each(IMPLEMENTATION_KINDS)('values returned through a view of an extension point implemented with %s', (kind) => {
  it('a fluent method (`return this`) hands back the caller’s own view, not the implementation', async () => {
    let returned: unknown;
    const { app, victim, view } = withEvilModule(kind, (held) => (returned = held.add('fluent')));
    await withStarted(app, () => {
      expect(victim.implementations).not.toContain(returned);
      expect(returned).toBe(view());
    });
  });

  it('an async fluent method resolves to the caller’s view, not the implementation', async () => {
    let pending: Promise<unknown> | undefined;
    const { app, victim, view } = withEvilModule(kind, (held) => {
      pending = held.addLater('later');
      // Keep an unhandled rejection from ending the run before the assertion reports it.
      pending.catch(() => undefined);
    });
    await withStarted(app, async () => {
      const resolved = await pending!.then(
        (value) => value,
        (error: unknown) => `rejected: ${outcome(error)}`,
      );
      expect(victim.implementations).not.toContain(resolved);
      expect(resolved).toBe(view());
    });
  });

  it('a getter that returns `this` hands back the view, not the implementation', async () => {
    let returned: unknown;
    const { app, victim, view } = withEvilModule(kind, (held) => (returned = returnedBy(() => held.self)));
    await withStarted(app, () => {
      expect(victim.implementations).not.toContain(returned);
      expect(returned).toBe(view());
    });
  });

  it('a chain of fluent calls stays on the view, and the chained value is closed with the gate', async () => {
    let chained: Things | undefined;
    const { app, victim } = withEvilModule(kind, (held) => (chained = held.add('one').add('two')));
    await withStarted(app, () => {
      expect(victim.implementations).not.toContain(chained);
      expect(outcome(thrownSync(() => chained!.add('three')))).toBe('PlugboardError EXTENSION_POINT_CLOSED');
      expect(victim.implementations.flatMap((implementation) => (implementation as Things).list())).not.toContain('three');
    });
  });

  it('methods every object inherits (valueOf, toString, toLocaleString, Object.prototype.valueOf.call) never return the implementation', async () => {
    const returned: unknown[] = [];
    const { app, victim } = withEvilModule(kind, (held) => {
      const any = held as unknown as { valueOf(): unknown; toString(): unknown; toLocaleString(): unknown };
      returned.push(returnedBy(() => any.valueOf()));
      returned.push(returnedBy(() => any.toString()));
      returned.push(returnedBy(() => any.toLocaleString()));
      returned.push(returnedBy(() => Object.prototype.valueOf.call(held)));
    });
    await withStarted(app, () => {
      for (const value of returned) expect(victim.implementations).not.toContain(value);
    });
  });

  it('nothing reachable from any value the view returned leads to the implementation or another view', async () => {
    const returned: Record<string, unknown> = {};
    const { app, victim } = withEvilModule(kind, (held) => {
      returned['add'] = returnedBy(() => held.add('x'));
      returned['self'] = returnedBy(() => held.self);
      returned['list'] = returnedBy(() => held.list());
      returned['count'] = returnedBy(() => held.count);
    });
    await withStarted(app, () => {
      const secrets = victimSecrets(victim);
      delete secrets["the victim's view (module 'friend')"];
      expect(leaks(crawl(returned), secrets)).toEqual([]);
    });
  });
});
