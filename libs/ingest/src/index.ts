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
export { KafkaModule, ensureTopics, kafkaClient } from './kafka.module';
export { computeHoldings, computeVehicleHoldings, computeOwnership } from './holdings';
export { UploadModule, UploadService, UPLOAD_LIMITS, messageKeyOf, type LineOutcome } from './upload';
