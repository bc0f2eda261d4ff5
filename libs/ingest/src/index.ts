export { IngestModule } from './ingest.module';
export {
  IngestService,
  type InboundMessage,
  type PartitionPosition,
  type BatchOutcome,
} from './ingest.service';
export { EnvelopeDecoder, type Decoded } from './envelope-decoder';
export {
  KafkaBatchTransport,
  type FeedBatch,
  type KafkaBatchTransportOptions,
} from './kafka-batch.transport';
export { KafkaModule, ensureTopics, kafkaClient } from './kafka.module';
export { computeHoldings } from './holdings';
