/**
 * Issue 13.13 (runtime side): chains of every kind — plugin-scoped services, root services,
 * classes injected by class, modules through extension points, plugins through dependsOn — of
 * 20 000 links validate, start in dependency order, describe, render and stop in reverse order:
 * nothing's depth is bounded by the JS stack. And the cost grows linearly: four times the links
 * cost about four times the CPU time (a growth ratio, not an absolute time; CPU time, so other
 * processes on the machine do not count).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toDot, toMermaid } from 'plugboard';
import { quietBuilder } from '../support.js';
import { buildChain, CHAIN_KINDS, firstDifference, initOrder, lastLinkId, shutdownOrder, type ChainKind } from './chains.js';

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

// A collection before each step, so the garbage one step leaves is not charged to the next.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

type Costs = Record<'validate' | 'start' | 'describe' | 'render' | 'stop', number>;

/** Everything a user does with a chain of `length` links, checked; returns the CPU time of each step. */
async function exercise(kind: ChainKind, length: number): Promise<Costs> {
  const chain = buildChain(kind, length, String(length));
  const app = quietBuilder().add(chain.features).build();
  let mark = cpuMs();
  const lap = (): number => {
    const before = mark;
    mark = cpuMs();
    collectGarbage();
    mark = cpuMs();
    return mark - before;
  };

  expect(await app.validate()).toEqual([]);
  const validate = lap();
  expect((await app.start()).outcome).toBe('success');
  const start = lap();
  expect(firstDifference(chain.inits, initOrder(length))).toBeUndefined();
  if (kind === 'modules') {
    // Each provider saw exactly what its one user added.
    for (let index = 0; index < length; index++) {
      const seen = chain.seen.get(index)!;
      if (index === length - 1 ? seen.length !== 0 : seen.length !== 1 || seen[0] !== `module ${index + 1}`) {
        throw new Error(`module ${index} saw ${JSON.stringify(seen)}`);
      }
    }
  }

  lap();
  const description = app.describe();
  const describe = lap();
  const mermaid = toMermaid(description);
  const dot = toDot(description);
  const render = lap();
  const last = lastLinkId(kind, length, String(length));
  if (last !== undefined) {
    expect(JSON.stringify(description)).toContain(`"${last}"`);
    expect(mermaid).toContain(last);
    expect(dot).toContain(last);
  }

  lap();
  await app.stop();
  const stop = lap();
  expect(firstDifference(chain.shutdowns, shutdownOrder(length))).toBeUndefined();
  return { validate, start, describe, render, stop };
}

/**
 * The steps that dominate the large run and grew by 8 or more for 4 times the links (linear is
 * about 4, a little more with the larger heap; quadratic is 16). A short step says nothing.
 */
function superLinearSteps(small: Costs, large: Costs): string[] {
  const total = Object.values(large).reduce((sum, ms) => sum + ms, 0);
  return (Object.keys(large) as Array<keyof Costs>)
    .filter((step) => large[step] >= total / 4 && large[step] / Math.max(small[step], 1) >= 8)
    .map((step) => `${step}: ${Math.round(small[step])} ms CPU for 5 000 links, ${Math.round(large[step])} ms for 20 000`);
}

function best(first: Costs, second: Costs): Costs {
  const min = (step: keyof Costs): number => Math.min(first[step], second[step]);
  return { validate: min('validate'), start: min('start'), describe: min('describe'), render: min('render'), stop: min('stop') };
}

describe.each(CHAIN_KINDS)('a chain of %s', (kind) => {
  it('20 000 links work end to end, and cost about four times what 5 000 do', async () => {
    await exercise(kind, 300); // warms the JIT up, so the first measured run is not the slow one
    const small = await exercise(kind, 5_000);
    const large = await exercise(kind, 20_000);
    let tooSlow = superLinearSteps(small, large);
    if (tooSlow.length > 0) {
      // A busy machine (parallel test workers, their collections) can inflate one run; a step that
      // really grows quadratically does so again. Judged on the better of two runs at each size.
      const [small2, large2] = [await exercise(kind, 5_000), await exercise(kind, 20_000)];
      tooSlow = superLinearSteps(best(small, small2), best(large, large2));
    }
    expect(tooSlow).toEqual([]);
  }, 120_000);
});
