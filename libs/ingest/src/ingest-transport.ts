import type { DataSource } from 'typeorm';
import type { HubConfig } from '@zhijian/config';
import { kafkaConnection } from './kafka.module';
import { KafkaBatchTransport } from './kafka-batch.transport';
import { ConsumerLagRepository } from './repositories/consumer-lag.repository';
import { ProgressRepository } from './repositories/progress.repository';

/** The Kafka consumer of the ingest part, with the partition reports business time and /health read. */
export function kafkaIngestTransport(config: HubConfig, dataSource: DataSource): KafkaBatchTransport {
  const progress = new ProgressRepository();
  const consumerLag = new ConsumerLagRepository();
  return new KafkaBatchTransport({
    client: {
      clientId: `${config.kafkaClientId}-consumer`,
      ...kafkaConnection(config.kafkaBrokers, config.kafkaAuth),
    },
    groupId: config.consumerGroup,
    sessionTimeout: config.kafkaSessionTimeoutMs,
    maxWaitTimeInMs: config.kafkaMaxWaitMs,
    topicPrefix: config.topicPrefix,
    partitionsConsumedConcurrently: config.ingestConcurrency,
    // Partitions behind the broker's end hold the business clock back (see watermarkOf).
    onLagging: (lagging, caughtUp) => progress.recordLag(dataSource.manager, lagging, caughtUp),
    // Each partition's lag and progress, for /health, /metrics and /v1/status.
    onPartitions: (partitions) => consumerLag.record(dataSource.manager, partitions),
  });
}
