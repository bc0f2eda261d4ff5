import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';
import { kafkaTlsOf, localKafkaCredentials, PasswordSecret, type KafkaCredentials } from '@zhijian/config';
import { dlqTopic, physicalTopic, type FeedTopic } from '@zhijian/contracts';
import { kafkaConnection } from '@zhijian/ingest';
import { createTestEnv, type TestEnv } from '@zhijian/testing';

/**
 * The local broker authenticates (SASL/SCRAM-SHA-512) and authorizes (ACLs): a client without
 * credentials or with a wrong password gets nowhere, and each principal writes only what is its own.
 * What is checked is the broker's answer and that nothing reached the topic.
 */
describe('Kafka authentication and ACLs (local stack)', () => {
  let env: TestEnv;

  beforeAll(async () => {
    env = await createTestEnv();
    if (!env.config.kafkaAuth)
      throw new Error('this spec needs the secured local stack (KAFKA_SASL_MECHANISM is none)');
  });

  afterAll(async () => {
    await env?.close();
  });

  const topic = (feed: FeedTopic) => physicalTopic(env.config.topicPrefix, feed);
  const court = () => topic('court.case-events');

  /** A client that gives up at once: no retries, short timeouts. */
  function client(auth: KafkaCredentials | null): Kafka {
    const options: KafkaConfig = {
      clientId: `auth-spec-${env.id}`,
      ...kafkaConnection(env.config.kafkaBrokers, auth),
      retry: { retries: 0 },
      connectionTimeout: 3_000,
      requestTimeout: 5_000,
      logLevel: logLevel.NOTHING,
    };
    return new Kafka(options);
  }

  /** Tries to write one message; answers the error's text (message, type, causes), or 'written'. */
  async function tryWrite(auth: KafkaCredentials | null, to: string): Promise<string> {
    const producer = client(auth).producer({ allowAutoTopicCreation: false });
    try {
      await producer.connect();
      await producer.send({ topic: to, messages: [{ key: 'k', value: '{"probe":true}' }] });
      return 'written';
    } catch (e) {
      return describeError(e);
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  /** Messages in a topic (sum of its partitions' end offsets), read by the admin. */
  async function messagesIn(name: string): Promise<number> {
    const admin = env.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(name)).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  it('lets a feed producer write its own topic', async () => {
    expect(await tryWrite(localKafkaCredentials('producer-court'), court())).toBe('written');
    expect(await messagesIn(court())).toBe(1);
  });

  it('refuses a client without credentials: no connection, nothing written', async () => {
    const before = await messagesIn(court());
    const outcome = await tryWrite(null, court());
    expect(outcome).not.toBe('written');
    expect(await messagesIn(court())).toBe(before);
  });

  it('refuses a client with the right credentials that does not speak TLS', async () => {
    const before = await messagesIn(court());
    const plain = { ...localKafkaCredentials('producer-court'), tls: null };
    expect(await tryWrite(plain, court())).not.toBe('written');
    expect(await messagesIn(court())).toBe(before);
  });

  it('refuses a wrong password', async () => {
    const wrong: KafkaCredentials = {
      mechanism: 'scram-sha-512',
      username: 'producer-court',
      password: PasswordSecret.of('not-the-password'),
      tls: kafkaTlsOf(),
    };
    const before = await messagesIn(court());
    expect(await tryWrite(wrong, court())).toMatch(/SASL|authentic/i);
    expect(await messagesIn(court())).toBe(before);
  });

  it("refuses a producer writing another feed's topic", async () => {
    const before = await messagesIn(court());
    expect(await tryWrite(localKafkaCredentials('producer-realestate'), court())).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
    expect(await messagesIn(court())).toBe(before);
    // …while it may write its own.
    expect(await tryWrite(localKafkaCredentials('producer-realestate'), topic('registry.realestate'))).toBe(
      'written',
    );
  });

  it("refuses a producer writing a topic of another environment's prefix it has no ACL for", async () => {
    const foreign = `x${env.id}.court.case-events`;
    expect(await tryWrite(localKafkaCredentials('producer-court'), foreign)).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized|UNKNOWN_TOPIC/i,
    );
  });

  it('lets the upload gateway write the feed topics (HTTP uploads), not the DLQs', async () => {
    const uploader = env.config.kafkaUploadAuth;
    expect(uploader?.username).toBe('uploader');
    expect(await tryWrite(uploader, topic('registry.tax'))).toBe('written');
    expect(await tryWrite(uploader, dlqTopic(topic('registry.tax')))).toMatch(
      /TOPIC_AUTHORIZATION_FAILED|not authorized/i,
    );
  });

  it('lets the hub write the DLQs but never a feed topic', async () => {
    const hub = env.config.kafkaAuth;
    const before = await messagesIn(court());
    expect(await tryWrite(hub, court())).toMatch(/TOPIC_AUTHORIZATION_FAILED|not authorized/i);
    expect(await messagesIn(court())).toBe(before);
    expect(await tryWrite(hub, dlqTopic(court()))).toBe('written');
  });
});

function describeError(e: unknown): string {
  const parts: string[] = [];
  for (let x: unknown = e; x && typeof x === 'object';) {
    const { message, type, name, cause, originalError } = x as Record<string, unknown>;
    parts.push([name, type, message].filter((p) => typeof p === 'string').join(' '));
    x = cause ?? originalError;
  }
  return parts.join(' <- ') || String(e);
}
