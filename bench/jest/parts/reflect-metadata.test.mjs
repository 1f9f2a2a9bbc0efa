// Part of the per-test-file breakdown (measure.mjs): a test file that imports reflect-metadata
// and has one empty test, so what its imports cost under jest can be told from the rest.
/* global test */ // jest globals
import 'reflect-metadata';

globalThis.benchMark('imports');

test('nothing', () => {});
