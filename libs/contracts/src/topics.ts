/** Feed topics of spec/feeds.md §1, with the schema name each carries. */
export const FEED_TOPICS = {
  'court.case-events': 'court.case-event',
  'registry.tax': 'registry.tax',
  'registry.bank': 'registry.bank',
  'registry.realestate': 'registry.realestate',
  'registry.vehicle': 'registry.vehicle',
  'registry.enterprise': 'registry.enterprise',
  'procuratorate.petitions': 'procuratorate.petition',
} as const;

export type FeedTopic = keyof typeof FEED_TOPICS;

/** The topics the hub consumes: every feed of the spec (IngestController has one handler each). */
export const CONSUMED_TOPICS = [
  'court.case-events',
  'registry.tax',
  'registry.bank',
  'registry.realestate',
  'registry.vehicle',
  'registry.enterprise',
  'procuratorate.petitions',
] as const satisfies readonly FeedTopic[];
export type ConsumedTopic = (typeof CONSUMED_TOPICS)[number];

export function isFeedTopic(name: string): name is FeedTopic {
  return Object.prototype.hasOwnProperty.call(FEED_TOPICS, name);
}

/** The feed topic that carries a schema id, e.g. court.case-event/1 → court.case-events. */
export function topicOfSchema(schemaId: string): FeedTopic | undefined {
  const name = schemaId.slice(0, schemaId.lastIndexOf('/'));
  return (Object.keys(FEED_TOPICS) as FeedTopic[]).find((t) => FEED_TOPICS[t] === name);
}

/** Physical topic name: tests and parallel environments isolate themselves with a prefix. */
export function physicalTopic(prefix: string, topic: FeedTopic): string {
  return prefix ? `${prefix}.${topic}` : topic;
}

export function dlqTopic(physical: string): string {
  return `${physical}.dlq`;
}

/** Where the audit log's head is checkpointed outside the database (one partition, kept forever). */
export const AUDIT_CHECKPOINT_TOPIC = 'audit.checkpoints';

export function auditCheckpointTopic(prefix: string): string {
  return prefix ? `${prefix}.${AUDIT_CHECKPOINT_TOPIC}` : AUDIT_CHECKPOINT_TOPIC;
}

/**
 * The Kafka principal (SASL user) of each feed's producers: it may write that topic only
 * (deploy/local/kafka/producers.tsv is the local stack's copy of this table).
 */
export const FEED_PRODUCERS = {
  'court.case-events': 'producer-court',
  'registry.tax': 'producer-tax',
  'registry.bank': 'producer-bank',
  'registry.realestate': 'producer-realestate',
  'registry.vehicle': 'producer-vehicle',
  'registry.enterprise': 'producer-enterprise',
  'procuratorate.petitions': 'producer-petitions',
} as const satisfies Record<FeedTopic, string>;
