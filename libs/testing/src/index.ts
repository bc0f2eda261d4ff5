export {
  createTestEnv,
  waitFor,
  countOf,
  type TestEnv,
  type SettleOptions,
  type IndividualLead,
} from './test-hub';
