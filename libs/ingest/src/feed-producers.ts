import { logLevel, type Kafka, type Producer, type ProducerConfig } from 'kafkajs';
import { localKafkaCredentials, type HubConfig, type KafkaCredentials } from '@zhijian/config';
import { FEED_PRODUCERS, type FeedTopic } from '@zhijian/contracts';
import { provisionFeeds, type AclBinding } from './kafka-acls';
import { ensureTopics, kafkaClient, waitForGroupCoordinator } from './kafka.module';

/**
 * A principal of the local stack (admin, producer-court, …) when the hub's config authenticates;
 * null (plaintext) when it does not (KAFKA_SASL_MECHANISM=none).
 */
export function localPrincipal(config: HubConfig, name: string): KafkaCredentials | null {
  return config.kafkaAuth ? localKafkaCredentials(name) : null;
}

/** A client of the local stack's admin principal: topics, ACLs, groups (tests, demo, benches). */
export function localAdminClient(config: HubConfig, clientId: string): Kafka {
  return kafkaClient(config, clientId, localPrincipal(config, 'admin'), logLevel.NOTHING);
}

/**
 * One producer per feed, each connected as that feed's producer principal (producer-court may
 * write only the court topic, …), created on first use: how the courts and registries publish.
 */
export class FeedProducers {
  private readonly producers = new Map<FeedTopic, Promise<Producer>>();

  constructor(
    private readonly config: HubConfig,
    private readonly clientId: string,
    private readonly options: ProducerConfig = {},
  ) {}

  of(topic: FeedTopic): Promise<Producer> {
    let p = this.producers.get(topic);
    if (!p) {
      const producer = kafkaClient(
        this.config,
        `${this.clientId}-${topic}`,
        localPrincipal(this.config, FEED_PRODUCERS[topic]),
        logLevel.NOTHING,
      ).producer({ allowAutoTopicCreation: false, ...this.options });
      p = producer.connect().then(() => producer);
      this.producers.set(topic, p);
    }
    return p;
  }

  async disconnect(): Promise<void> {
    const all = [...this.producers.values()];
    this.producers.clear();
    await Promise.all(all.map(async (p) => (await p).disconnect()));
  }
}

/**
 * One producer for a replay across feeds in publish order (the demo, the catalogue replay spec,
 * the benches), connected as the upload gateway's principal, which may write every feed topic: a
 * chunk of several feeds then goes in one request, as before authentication. With one producer per
 * feed principal the feeds of a chunk are separate requests, and on a loaded machine one feed ran
 * more than WATERMARK_IDLE_MS behind another: the quiet feed stopped holding business time, the
 * clock passed facts not yet delivered and the catalogue replay raised leads that were not planted.
 */
export function replayProducer(config: HubConfig, clientId: string, options: ProducerConfig = {}): Producer {
  return kafkaClient(config, clientId, config.kafkaUploadAuth, logLevel.NOTHING).producer({
    allowAutoTopicCreation: false,
    ...options,
  });
}

/**
 * The feed topics of a prefix created (each partition with a serving leader) by the admin client
 * and, with authentication on, the ACLs of the hub (`config.kafkaAuth`, consumer group `group`) and
 * the producer principals on exactly these names in force. Returns the ACLs, to revoke later.
 */
export async function provisionHubFeeds(
  config: HubConfig,
  adminKafka: Kafka,
  prefix: string,
  group: string,
): Promise<AclBinding[]> {
  if (!config.kafkaAuth) {
    await ensureTopics(adminKafka, prefix, config.ingestPartitions);
    const admin = adminKafka.admin();
    await admin.connect();
    await waitForGroupCoordinator(admin, group).finally(() => admin.disconnect());
    return [];
  }
  return provisionFeeds(adminKafka, {
    prefix,
    partitions: config.ingestPartitions,
    hub: config.kafkaAuth.username,
    uploader: config.kafkaUploadAuth?.username ?? 'uploader',
    // The hub's group and the throwaway ones named under it (the audit verify's reader).
    group: { name: group, pattern: 'prefixed' },
  });
}
