// The per-test-file benchmark's jest config: plain ESM JavaScript against the built package, no
// transform. plugboard is mapped to dist/ as a user's node_modules/plugboard would be; jest does not
// transform node_modules either, so this is what jest does with plugboard in a user's project.
// Run with `node --experimental-vm-modules`, as ESM jest needs (measure.mjs does).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');

export default {
  rootDir: here,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.mjs'],
  transform: {},
  moduleNameMapper: {
    '^plugboard$': `${dist}/index.js`,
    '^plugboard/testing$': `${dist}/testing/index.js`,
  },
  setupFilesAfterEnv: ['<rootDir>/marks-setup.mjs'],
  cacheDirectory: path.resolve(here, '../results/jest-cache/js'),
};
