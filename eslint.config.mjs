// Type-aware lint: the rules that catch lost promises and unhandled union cases matter most in a data hub.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'deploy/**', 'jest.config.js', 'eslint.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', { patterns: [{ group: ['../../*'], message: 'Use an @zhijian/* path alias.' }] }],
    },
  },
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    // The API's types are compiled with the console as well (browser libs, no Node types): the
    // folder imports only itself.
    files: ['libs/contracts/src/api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)',
              message: 'libs/contracts/src/api holds types only and imports only itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The console runs in the browser: of libs/ it may read the API's types, and nothing else,
    // with `import type` only, so that no code of the hub is emitted into (or loaded by) it.
    files: ['console/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@zhijian/contracts/api'],
              allowTypeImports: true,
              message: 'Only `import type` from the API contracts: no code of libs/ in the browser.',
            },
            {
              regex: '^(@zhijian/(?!contracts/api$)|\\.\\./)',
              message: 'The console reads only the API types (import type … from @zhijian/contracts/api).',
            },
          ],
        },
      ],
    },
  },
);
