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
