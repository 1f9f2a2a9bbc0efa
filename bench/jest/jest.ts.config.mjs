// The same benchmark as jest.config.mjs, with the test written in TypeScript and compiled by
// ts-jest in ESM mode, as plugboard's own tests and most of its users' are. The tsconfig here has
// isolatedModules, as the project's has, so ts-jest transpiles each file without type-checking.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../../dist');

export default {
  rootDir: here,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: path.join(here, 'tsconfig.json') }] },
  moduleNameMapper: {
    '^plugboard$': `${dist}/index.js`,
    '^plugboard/testing$': `${dist}/testing/index.js`,
  },
  setupFilesAfterEnv: ['<rootDir>/marks-setup.mjs'],
  cacheDirectory: process.env.BENCH_JEST_CACHE ?? path.resolve(here, '../results/jest-cache/ts'),
};
