// Part of the per-test-file breakdown (measure.mjs): a test file that imports plugboard and plugboard/testing (with everything they import)
// and has one empty test, so what its imports cost under jest can be told from the rest.
/* global test */ // jest globals
import 'plugboard';
import 'plugboard/testing';

globalThis.benchMark('imports');

test('nothing', () => {});
