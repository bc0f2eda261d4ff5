export {
  type AssetRef,
  type BankEvent,
  type CaseEvent,
  type EnterpriseEvent,
  type Envelope,
  type Party,
  type Petition,
  type RealEstateEvent,
  type TaxRecord,
  type VehicleEvent,
} from './feed-types';
export {
  JOB_NAMES,
  WITHDRAW_JOB,
  leadQueueOf,
  queueNameOf,
  taskforceQueueOf,
  triageQueueOf,
  type JobName,
} from './queue-names';
export {
  REASON_CODES,
  REASON_MESSAGES_ZH,
  escapeControlText,
  reasonMessageZh,
  sanitizeViolations,
  type ReasonCode,
  type Rejection,
  type Violation,
} from './reason-codes';
export {
  SCHEMA_BASE_URI,
  SchemaRegistry,
  findSchemasDir,
  specialCourtsReference,
  type SpecialCourtReference,
  toViolations,
  type JsonSchema,
} from './schema-registry';
export {
  CONSUMED_TOPICS,
  FEED_PRODUCERS,
  FEED_TOPICS,
  auditCheckpointTopic,
  dlqTopic,
  isFeedTopic,
  physicalTopic,
  topicOfSchema,
  type FeedTopic,
} from './topics';
export type * from './api';
export {
  compareSchemas,
  compareSchemaSets,
  formatIncompatibilities,
  type Incompatibility,
  type IncompatibilityKind,
} from './schema-compat';
export { checkSchemas, publishSchemas, readSchemaSet, type SchemaCheck } from './schema-tool';
export { ajvViolationsZh } from './violation-zh';
export { DEPARTMENT_NAMES, TRANSFER_KIND_NAMES } from './api/casework';
