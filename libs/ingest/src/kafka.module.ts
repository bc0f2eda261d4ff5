import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { FEED_TOPICS, dlqTopic, physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { nestLogCreator } from './kafka-log';

export function kafkaClient(config: HubConfig, suffix: string): Kafka {
  return new Kafka({
    clientId: `${config.kafkaClientId}-${suffix}`,
    brokers: config.kafkaBrokers,
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator,
    retry: { retries: 8, initialRetryTime: 300 },
  });
}

/** Creates the feed topics and their DLQs if missing (the broker does not auto-create). */
export async function ensureTopics(kafka: Kafka, prefix: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = (Object.keys(FEED_TOPICS) as FeedTopic[]).flatMap((t) => {
      const name = physicalTopic(prefix, t);
      return [name, dlqTopic(name)];
    });
    const missing = wanted.filter((t) => !existing.has(t));
    if (missing.length) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      });
    }
  } finally {
    await admin.disconnect();
  }
}

/** The process's one Kafka producer (DLQ copies); connected at boot, flushed at shutdown. */
@Injectable()
export class KafkaProducerHolder implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(KafkaProducerHolder.name);
  readonly producer: Producer;

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {
    this.producer = kafkaClient(config, 'producer').producer({
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
  }

  async onModuleInit(): Promise<void> {
    await ensureTopics(
      kafkaClient(this.config, 'admin'),
      this.config.topicPrefix,
      this.config.ingestPartitions,
    );
    await this.producer.connect();
    this.logger.log(`connected to Kafka at ${this.config.kafkaBrokers.join(',')}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Global()
@Module({ providers: [KafkaProducerHolder], exports: [KafkaProducerHolder] })
export class KafkaModule {}
