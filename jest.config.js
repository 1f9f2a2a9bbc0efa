/** Jest in ESM mode with ts-jest; `npm test` sets NODE_OPTIONS=--experimental-vm-modules. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/bench/', '/scratch/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/bench/'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^plugboard$': '<rootDir>/src/index.ts',
    '^plugboard/testing$': '<rootDir>/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 20000,
};
