export { countOf, createTestEnv, type IndividualLead, type TestEnv, waitFor } from './test-hub';
