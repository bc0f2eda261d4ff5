// Type-aware lint: the rules that catch lost promises and unhandled union cases matter most in a data hub.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The stages in the order data flows, and what each library may import (README, "Architecture").
// Specs may reach further (a stage's internals through @zhijian/<lib>/internal/*, the simulator).
const MAY_IMPORT = {
  contracts: [],
  domain: ['contracts'],
  catalogue: ['contracts', 'domain'],
  config: ['domain'],
  persistence: ['config', 'contracts', 'domain'],
  access: ['config', 'contracts', 'domain', 'persistence'],
  platform: ['config', 'contracts', 'domain'],
  linking: ['config', 'contracts', 'domain', 'persistence', 'platform'],
  ingest: ['access', 'config', 'contracts', 'domain', 'linking', 'persistence', 'platform'],
  referral: ['access', 'config', 'contracts', 'domain', 'persistence', 'platform'],
  screening: ['access', 'catalogue', 'config', 'contracts', 'domain', 'persistence', 'platform', 'referral'],
  intake: [
    'access',
    'catalogue',
    'config',
    'contracts',
    'domain',
    'ingest',
    'persistence',
    'platform',
    'referral',
    'screening',
  ],
};
const PURE = ['contracts', 'domain', 'catalogue'];
const STORAGE_AND_TRANSPORT = ['@nestjs/*', 'typeorm', 'pg', 'pg-*', 'kafkajs', 'bullmq', 'ioredis'];
const NO_DEEP_RELATIVE = { group: ['../../*'], message: 'Use an @zhijian/* path alias.' };
const NO_INTERNALS = {
  group: ['@zhijian/*/internal/*'],
  message: "A stage's internals (repositories) are for its specs; ask the stage's service.",
};
const LIBRARY_BOUNDARIES = Object.entries(MAY_IMPORT).map(([lib, allowed]) => {
  const forbidden = Object.keys(MAY_IMPORT)
    .concat(['hub', 'simulator', 'testing'])
    .filter((other) => other !== lib && !allowed.includes(other));
  const patterns = [NO_DEEP_RELATIVE, NO_INTERNALS];
  if (forbidden.length)
    patterns.push({
      group: forbidden.map((other) => `@zhijian/${other}`),
      message: `libs/${lib} may import only ${allowed.map((a) => '@zhijian/' + a).join(', ') || 'no @zhijian library'}.`,
    });
  if (PURE.includes(lib))
    patterns.push({
      group: STORAGE_AND_TRANSPORT,
      message: `libs/${lib} is pure: no Nest, TypeORM, pg, Kafka, BullMQ or Redis.`,
    });
  return {
    files: [`libs/${lib}/src/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'reports/**', '.cache/**', 'deploy/**', 'jest.config.js', 'eslint.config.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      'no-restricted-imports': ['error', { patterns: [NO_DEEP_RELATIVE, NO_INTERNALS] }],
    },
  },
  ...LIBRARY_BOUNDARIES,
  {
    files: ['**/*.spec.ts', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [NO_DEEP_RELATIVE] }] },
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
