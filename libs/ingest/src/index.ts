export { IngestModule } from './ingest.module';
export {
  IngestService,
  type InboundMessage,
  type PartitionPosition,
  type BatchOutcome,
} from './ingest.service';
export { EnvelopeDecoder, decoderFor, type Decoded, type DecoderOptions } from './envelope-decoder';
export { SourceAuthorization, areaCovers, type SourceGrant } from './source-authorization';
export { DlqPublisher } from './dlq.publisher';
export { isTransientError, TransientIngestError } from './failure';
export {
  QuarantineService,
  QuarantineError,
  type QuarantineQuery,
  type Validation,
  type CorrectionResult,
  type ReplayResult,
} from './quarantine.service';
export {
  KafkaBatchTransport,
  type FeedBatch,
  type KafkaBatchTransportOptions,
} from './kafka-batch.transport';
export {
  KafkaModule,
  ensureTopics,
  waitForLeaders,
  kafkaClient,
  kafkaConnection,
  feedTopicNames,
  isAuthError,
  KAFKA_RETRY,
} from './kafka.module';
export {
  type AclBinding,
  type FeedAclOptions,
  feedAclBindings,
  grantAcls,
  revokeAcls,
  provisionFeeds,
} from './kafka-acls';
export {
  FeedProducers,
  localPrincipal,
  localAdminClient,
  provisionHubFeeds,
  replayProducer,
} from './feed-producers';
export { computeHoldings, computeVehicleHoldings, computeOwnership } from './holdings';
export {
  UploadModule,
  UploadService,
  UPLOAD_LIMITS,
  messageKeyOf,
  checkFeed,
  type LineOutcome,
  type FeedCheckOptions,
} from './upload';
export { explainViolation, explainViolations } from './violation-messages';
export { feedSamples, SAMPLE_SOURCES, type Sample } from './feed-samples';
