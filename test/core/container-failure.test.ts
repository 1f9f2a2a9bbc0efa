import { PlugboardError } from 'plugboard';
import { containerFailure } from '../../src/runtime/failures.js';

describe('InversifyJS errors never reach the user alone', () => {
  it("wraps a container's error in CONTAINER_ERROR naming what was resolved and the plugin", () => {
    const raw = new Error('No bindings found for service: "Symbol(x)"');
    const error = containerFailure("service 'x'", raw, 'catalog');
    expect(error).toBeInstanceOf(PlugboardError);
    expect(error.code).toBe('CONTAINER_ERROR');
    expect(error.message).toContain("could not resolve service 'x' for plugin 'catalog'");
    expect(error.cause).toBe(raw);
  });

  it('passes a PlugboardError through unchanged', () => {
    const original = new PlugboardError('INIT_FAILED', 'x');
    expect(containerFailure('y', original, undefined)).toBe(original);
  });
});
