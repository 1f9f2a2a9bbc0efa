import fc from 'fast-check';
import { nodeId } from '../../src/model/render/ids.js';

describe('node ids of the renderers', () => {
  it('are plain identifiers that Mermaid and DOT accept unquoted', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 3 }), (parts) => {
        expect(nodeId('svc', ...parts)).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      }),
    );
  });

  it('never give two different ids the same node', () => {
    expect(new Set(['a.b', 'a-b', 'a_b', 'a__b', 'a_2e_b', 'a b'].map((id) => nodeId('ep', id))).size).toBe(6);
    const parts = fc.array(fc.string({ unit: fc.constantFrom('a', '2', 'e', '_', '.', '-', 'é') }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(parts, parts, (left, right) => {
        fc.pre(JSON.stringify(left) !== JSON.stringify(right));
        expect(nodeId('svc', ...left)).not.toBe(nodeId('svc', ...right));
      }),
    );
  });
});
