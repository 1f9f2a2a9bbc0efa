// ESLint flat config: typescript-eslint's recommended rules everywhere, and its type-checked
// recommended rules on the TypeScript sources (the type information is already built for the two
// type-aware rules we always wanted, so the rest costs little: about 2 s on this code base).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const typeScript = ['**/*.ts'];
const tests = ['test/**/*.ts', 'examples/**/*.test.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      '.tsc/',
      'docs/api/',
      '.examples-build/',
      'node_modules/',
      'bench/node_modules/',
      'bench/results/',
      'scratch/',
      'coverage/',
      'test/**/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...tseslint.configs.recommendedTypeCheckedOnly.map((config) => ({ ...config, files: typeScript })),
  {
    files: typeScript,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Decorated classes are often empty on purpose (a plugin with nothing to initialise).
      '@typescript-eslint/no-extraneous-class': 'off',
      // `async init()` without an await is how a hook satisfies a MaybePromise signature (and how
      // Backstage code reads); it is not a bug.
      '@typescript-eslint/require-await': 'off',
      // plugboard passes the user's thrown value through unchanged (DESIGN.md, Errors), and that
      // value is `unknown`.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true, allowRethrowing: true }],
    },
  },
  {
    files: tests,
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
      // jest's asymmetric matchers (expect.objectContaining, expect.any) are typed `any`.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // Node scripts: the benchmark runners, test fixtures run as child processes, this file.
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        global: 'readonly',
        globalThis: 'readonly',
        WeakRef: 'readonly',
        FinalizationRegistry: 'readonly',
        URL: 'readonly',
      },
    },
  },
);
