// Two projects: `unit` (pure logic, beside the code, no services) and
// `integration` (tests/, against the real Kafka, PostgreSQL and Redis that
// deploy/local/stack.sh brings up). SWC strips types for speed; `npm run typecheck` is the type gate.
const { pathsToModuleNameMapper } = require('./deploy/jest/paths');

const transform = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
    },
  ],
};
const moduleNameMapper = pathsToModuleNameMapper();

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/**/*.int-spec.ts'],
      transform,
      moduleNameMapper,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/tests/setup/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/tests/setup/after-env.ts'],
    },
  ],
};
