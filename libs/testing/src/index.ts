export {
  createTestEnv,
  waitFor,
  countOf,
  type TestEnv,
  type SettleOptions,
  type IndividualLead,
} from './test-hub';
export { HubChild, hubProcessEnv, startHubChildren, type HubRole } from './hub-processes';
