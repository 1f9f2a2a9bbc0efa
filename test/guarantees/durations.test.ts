/**
 * Durations beyond Node's longest timer (2 147 483 647 ms): setTimeout takes them for 1 ms, so an
 * initTimeoutMs of 3e9 failed every async init at once. They are refused where they are given;
 * `Infinity` means no bound (and, for slowInitWarningMs, no warnings).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { ContainerBuilder, createServiceFactory, createServiceRef, onInit, onShutdown, Plugin, type PlugboardError } from 'plugboard';
import { delay, quietBuilder } from '../support.js';

const names = ['initTimeoutMs', 'shutdownTimeoutMs', 'slowInitWarningMs'] as const;

function slowPlugin(events: string[]) {
  @Plugin({ id: 'slow' })
  class Slow {
    @onInit() async init(): Promise<void> {
      await delay(30);
      events.push('up');
    }
    @onShutdown() async stop(): Promise<void> {
      await delay(30);
      events.push('down');
    }
  }
  return Slow;
}

describe('durations', () => {
  it.each(names)('%s above 2147483647 ms is INVALID_OPTIONS naming the limit', (name) => {
    let thrown: unknown;
    try {
      new ContainerBuilder({ [name]: 3e9 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((thrown as PlugboardError).message).toContain(name);
    expect((thrown as PlugboardError).message).toContain('2147483647');
  });

  it.each(names)('%s of exactly 2147483647 ms and of Infinity are accepted', (name) => {
    expect(() => new ContainerBuilder({ [name]: 2_147_483_647 })).not.toThrow();
    expect(() => new ContainerBuilder({ [name]: Infinity })).not.toThrow();
  });

  it('plugboard.initTimeoutMs above the limit in config rejects start() with CONFIG_TYPE naming the key', async () => {
    const app = quietBuilder({ config: { plugboard: { initTimeoutMs: 3e9 } } })
      .add(slowPlugin([]))
      .build();
    const error = (await app.start().catch((e: unknown) => e)) as PlugboardError;
    expect(error).toMatchObject({ code: 'CONFIG_TYPE' });
    expect(error.message).toContain('plugboard.initTimeoutMs');
    expect(error.message).toContain('2147483647');
  });

  it('Infinity bounds nothing: async inits, factories and stops run to the end, and no slow-init warning repeats every millisecond', async () => {
    const events: string[] = [];
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const ref = createServiceRef<string>({ id: 'durations.slow-value', scope: 'root' });
    const factory = createServiceFactory({
      service: ref,
      initialization: 'always',
      factory: async () => {
        await delay(30);
        events.push('made');
        return 'value';
      },
    });
    const app = new ContainerBuilder({ logger, initTimeoutMs: Infinity, shutdownTimeoutMs: Infinity, slowInitWarningMs: Infinity })
      .add(factory)
      .add(slowPlugin(events))
      .build();
    await app.start();
    await app.stop();
    expect(events).toEqual(['made', 'up', 'down']);
    expect(lines).toEqual([]);
  });
});
