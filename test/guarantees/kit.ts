/**
 * Shared by the guarantee tests: bounded waiting on a promise (a hang is an answer, not a jest
 * timeout), a child-process runner for what only a real process shows (does it exit, with which
 * code, what did it log), and a log capture.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { isPlugboardError, type PlugboardError } from 'plugboard';

/** How a promise stood after a while. */
export type Settled<T> =
  | { readonly state: 'resolved'; readonly value: T; readonly ms: number }
  | { readonly state: 'rejected'; readonly error: unknown; readonly ms: number }
  | { readonly state: 'pending' };

/** Waits for `promise` at most `ms`: a promise still pending then is reported as `pending`. */
export function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  const started = performance.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ state: 'pending' }), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ state: 'resolved', value, ms: performance.now() - started });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ state: 'rejected', error, ms: performance.now() - started });
      },
    );
  });
}

/** The error `promise` rejected with within `ms`; fails the test with what happened instead. */
export async function rejectionWithin(promise: Promise<unknown>, ms: number): Promise<PlugboardError> {
  const settled = await settleWithin(promise, ms);
  if (settled.state === 'pending') throw new Error(`still pending after ${ms} ms`);
  if (settled.state === 'resolved') throw new Error('resolved; a rejection was expected');
  if (!isPlugboardError(settled.error)) throw new Error(`rejected with a raw ${describe(settled.error)}`);
  return settled.error;
}

/** Resolves within `ms` or fails the test saying it hung (or rejected). */
export async function resolvesWithin<T>(promise: Promise<T>, ms: number): Promise<T> {
  const settled = await settleWithin(promise, ms);
  if (settled.state === 'pending') throw new Error(`still pending after ${ms} ms`);
  if (settled.state === 'rejected') throw new Error(`rejected: ${describe(settled.error)}`);
  return settled.value;
}

function describe(value: unknown): string {
  try {
    return value instanceof Error ? `${value.name}: ${value.message}` : typeof value;
  } catch {
    return 'value that cannot be described';
  }
}

/** A pino logger that keeps every line as an object. */
export function captureLogs(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/** What a child process did. `killed` when it had not exited by the deadline (it was killed then). */
export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Milliseconds from spawn to exit. */
  readonly ms: number;
  readonly killed: boolean;
  /** Milliseconds from spawn to the first appearance of each line written with `say()`. */
  readonly marks: ReadonlyMap<string, number>;
}

export interface RunOptions {
  /** Sent once `after` appears on stdout (plus `delayMs`). */
  readonly signal?: { readonly name: NodeJS.Signals; readonly after: string; readonly delayMs?: number };
  /** Killed (and reported `killed`) after this long. */
  readonly deadlineMs?: number;
  readonly env?: Readonly<Record<string, string>>;
}

const built = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Throws unless dist/ is built: the fixtures import plugboard as a package (`npm run build`). */
export function assertBuilt(): void {
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` before these tests (npm test does).');
}

/** Runs `node test/guarantees/fixtures/<fixture> ...args` and reports how it ended. */
export function runFixture(fixture: string, args: readonly string[], options: RunOptions = {}): Promise<ProcessRun> {
  const script = fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url));
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    let sent = false;
    let killed = false;
    const marks = new Map<string, number>();
    const deadline = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, options.deadlineMs ?? 8_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Complete lines only (the last piece may be half a line).
      for (const line of stdout.split('\n').slice(0, -1)) {
        if (line.startsWith('@ ') && !marks.has(line.slice(2))) marks.set(line.slice(2), performance.now() - started);
      }
      const signal = options.signal;
      if (signal !== undefined && !sent && stdout.includes(signal.after)) {
        sent = true;
        setTimeout(() => child.kill(signal.name), signal.delayMs ?? 0);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr, ms: performance.now() - started, killed, marks });
    });
  });
}

/** The JSON lines a child wrote (pino's log lines, and the fixtures' `report` lines). */
export function jsonLines(text: string): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // not a JSON line
    }
  }
  return lines;
}
