export { DlqPublisher } from './dlq.publisher';
export { EnvelopeDecoder } from './envelope-decoder';
export { FeedProducers, localAdminClient, provisionHubFeeds, replayProducer } from './feed-producers';
export { computeHoldings } from './holdings';
export { IngestModule } from './ingest.module';
export { IngestService, type InboundMessage } from './ingest.service';
export { revokeAcls, type AclBinding } from './kafka-acls';
export { KafkaBatchTransport } from './kafka-batch.transport';
export { ensureTopics, kafkaClient, kafkaConnection } from './kafka.module';
export {
  QuarantineError,
  QuarantineService,
  type CorrectionResult,
  type ReplayResult,
  type Validation,
} from './quarantine.service';
export { type ConsumerPartitionRow } from './repositories/consumer-lag.repository';
export { IngestStatus } from './ingest-status';
export { createFeedKey } from './repositories/feed-keys';
export { type RealEstateEventRow } from './repositories/ingest.repository';
export { type QuarantineDetail, type QuarantineSummary } from './repositories/quarantine.repository';
export { messageKeyOf } from './upload/message-key';
export { UploadModule } from './upload/upload.module';
export { kafkaIngestTransport } from './ingest-transport';
export { SourceReports } from './source-reports';
export { FeedKeys } from './feed-keys.service';
export { type FeedKey } from './repositories/feed-keys';
export { conformancePeriod, DEFAULT_REPORT_DAYS } from './conformance-period';
export { type ConformancePeriod } from './repositories/source-conformance.repository';
export { checkFeed, type FeedCheckOptions } from './upload/feed-check';
export { type LineOutcome } from './upload/upload-outcome';
export { feedSamples, SAMPLE_SOURCES, type Sample } from './feed-samples';
