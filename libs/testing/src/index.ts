export { createTestEnv, waitFor, countOf, type TestEnv } from './test-hub';
