export {
  FEED_TOPICS,
  CONSUMED_TOPICS,
  type FeedTopic,
  type ConsumedTopic,
  isFeedTopic,
  topicOfSchema,
  physicalTopic,
  dlqTopic,
  AUDIT_CHECKPOINT_TOPIC,
  auditCheckpointTopic,
  FEED_PRODUCERS,
} from './topics';
export {
  REASON_CODES,
  REASON_MESSAGES_ZH,
  isReasonCode,
  reasonMessageZh,
  escapeControlText,
  sanitizeViolations,
  type ReasonCode,
  type Violation,
  type Rejection,
} from './reason-codes';
export {
  SchemaRegistry,
  SCHEMA_BASE_URI,
  findSchemasDir,
  toViolations,
  type CompiledSchema,
  type JsonSchema,
} from './schema-registry';
export type * from './feed-types';
export {
  compareSchemas,
  compareSchemaSets,
  formatIncompatibilities,
  type Incompatibility,
  type IncompatibilityKind,
} from './schema-compat';
export * from './api/casework';
