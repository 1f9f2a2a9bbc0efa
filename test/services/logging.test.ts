import { pino } from 'pino';
import { coreServices } from 'plugboard';
import { wantsPrettyOutput } from '../../src/services/logger.js';
import { quietBuilder } from '../support.js';

describe('root logger', () => {
  const saved = process.env['LOG_LEVEL'];
  afterEach(() => {
    if (saved === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = saved;
  });

  it('takes its level from config logging.level when plugboard creates it', async () => {
    delete process.env['LOG_LEVEL'];
    const app = quietBuilder({ logger: { level: 'info' }, config: { logging: { level: 'error' } } }).build();
    await app.start();
    expect(app.get(coreServices.rootLogger).level).toBe('error');
    await app.stop();
  });

  it('lets LOG_LEVEL override config', async () => {
    process.env['LOG_LEVEL'] = 'fatal';
    const app = quietBuilder({ logger: { level: 'info' }, config: { logging: { level: 'debug' } } }).build();
    await app.start();
    expect(app.get(coreServices.rootLogger).level).toBe('fatal');
    await app.stop();
  });

  it.each([
    ['the builder option', { logger: { level: 'bogus' } }, undefined, "the builder's logger options"],
    ['LOG_LEVEL', { logger: { level: 'info' } }, 'verbose', 'LOG_LEVEL="verbose"'],
  ])('an unknown level from %s: start() rejects with INVALID_OPTIONS naming where it came from', async (_from, options, env, named) => {
    if (env === undefined) delete process.env['LOG_LEVEL'];
    else process.env['LOG_LEVEL'] = env;
    const app = quietBuilder(options).build();
    const error: unknown = await app.start().then(
      () => 'resolved',
      (rejection: unknown) => rejection,
    );
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS', data: expect.objectContaining({ reason: 'logger' }) });
    expect((error as Error).message).toContain(named);
  });

  it('uses a pino instance exactly as given', async () => {
    process.env['LOG_LEVEL'] = 'error';
    const given = pino({ level: 'warn' });
    const app = quietBuilder({ logger: given, config: { logging: { level: 'debug' } } }).build();
    await app.start();
    expect(app.get(coreServices.rootLogger)).toBe(given);
    expect(given.level).toBe('warn');
    await app.stop();
  });

  it('pretty-prints only on a terminal with pino-pretty installed', () => {
    const found = (): string => '/node_modules/pino-pretty/index.js';
    const missing = (): string => {
      throw new Error('Cannot find module');
    };
    expect(wantsPrettyOutput(true, found)).toBe(true);
    expect(wantsPrettyOutput(true, missing)).toBe(false);
    expect(wantsPrettyOutput(false, found)).toBe(false);
    expect(wantsPrettyOutput(undefined, found)).toBe(false);
  });
});
