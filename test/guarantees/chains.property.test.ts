/**
 * Issue 13.13, as a property: an app made of several chains of random kinds and lengths (up to
 * 10 000 links in all) validates, starts each chain in dependency order, describes and renders,
 * and stops each chain in exactly the reverse order. Replay a failure with PLUGBOARD_SEED and
 * PLUGBOARD_PATH (see test/property/settings.ts).
 */
import fc from 'fast-check';
import { toDot, toMermaid } from 'plugboard';
import { quietBuilder } from '../support.js';
import { propertySettings } from '../property/settings.js';
import { buildChain, CHAIN_KINDS, firstDifference, initOrder, shutdownOrder, type ChainKind } from './chains.js';

const { params, timeoutMs } = propertySettings(8);
const MAX_LINKS = 10_000;

/** Lengths mostly short (cheap, and where off-by-one bugs live), sometimes up to the whole budget. */
const length = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 40 }), weight: 5 },
  { arbitrary: fc.integer({ min: 1, max: MAX_LINKS }), weight: 1 },
);

/** One to five chains; the later ones are cut so the app has at most MAX_LINKS links. */
const chains = fc.array(fc.record({ kind: fc.constantFrom(...CHAIN_KINDS), length }), { minLength: 1, maxLength: 5 }).map((specs) => {
  let budget = MAX_LINKS;
  const kept: Array<{ kind: ChainKind; length: number }> = [];
  for (const spec of specs) {
    const cut = Math.min(spec.length, budget);
    if (cut === 0) break;
    kept.push({ kind: spec.kind, length: cut });
    budget -= cut;
  }
  return kept;
});

it(
  'several chains in one app, up to 10 000 links: each starts in dependency order and stops in reverse',
  async () => {
    await fc.assert(
      fc.asyncProperty(chains, async (specs) => {
        const built = specs.map((spec, index) => ({ ...spec, chain: buildChain(spec.kind, spec.length, `c${index}`) }));
        const app = quietBuilder()
          .add(built.flatMap(({ chain }) => chain.features))
          .build();
        expect(await app.validate()).toEqual([]);
        expect((await app.start()).outcome).toBe('success');
        const description = app.describe();
        expect(typeof toMermaid(description)).toBe('string');
        expect(typeof toDot(description)).toBe('string');
        await app.stop();
        const wrong = built.flatMap(({ kind, length, chain }, index) => {
          const inits = firstDifference(chain.inits, initOrder(length));
          const shutdowns = firstDifference(chain.shutdowns, shutdownOrder(length));
          return [
            ...(inits === undefined ? [] : [`chain ${index} (${kind}) init order: ${inits}`]),
            ...(shutdowns === undefined ? [] : [`chain ${index} (${kind}) shutdown order: ${shutdowns}`]),
          ];
        });
        expect(wrong).toEqual([]);
      }),
      params,
    );
  },
  timeoutMs,
);
