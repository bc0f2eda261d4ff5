import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
  type Admin,
  type Kafka,
} from 'kafkajs';
import {
  auditCheckpointTopic,
  FEED_PRODUCERS,
  FEED_TOPICS,
  dlqTopic,
  physicalTopic,
  type FeedTopic,
} from '@zhijian/contracts';
import { ensureTopics, waitForGroupCoordinator } from './kafka.module';

export type AclOperation = 'READ' | 'WRITE' | 'DESCRIBE' | 'CREATE';

/** One principal's allowed operations on one topic or group name (or name prefix). */
export interface AclBinding {
  principal: string;
  resource: 'topic' | 'group';
  pattern: 'literal' | 'prefixed';
  name: string;
  operations: AclOperation[];
}

export interface FeedAclOptions {
  /** Topic prefix of the environment (`t<id>` in tests, empty in production). */
  prefix: string;
  /** The hub's principal. */
  hub: string;
  /** The upload gateway's principal (HTTP uploads into the feed topics). */
  uploader: string;
  /** The hub's consumer group(s): one name, or every group starting with it. */
  group: { name: string; pattern: 'literal' | 'prefixed' };
  /** Producer principal per feed; default the local stack's (`producer-court`, …). */
  producers?: Record<FeedTopic, string>;
}

/**
 * Who may do what on the feed topics of a prefix. Kafka matches a prefixed ACL on the start of a
 * name, and physical names are `<prefix>.<feed>`, so a static prefixed ACL cannot give
 * `producer-court` the court topic of every test prefix without the other feeds of that prefix:
 * each environment gets literal ACLs on its own names, granted by the admin that creates its
 * topics (TestEnv, the benches; deploy/local/kafka-acls.js for the unprefixed names).
 *  - the hub reads every feed topic and writes only the DLQs (it never writes a feed), may create
 *    both (the hub creates missing topics at boot), and uses its consumer group;
 *  - the upload gateway writes every feed topic (lines of HTTP uploads, each checked against its
 *    feed key's sources and topics by the hub);
 *  - a producer writes its own feed topic only.
 */
export function feedAclBindings(o: FeedAclOptions): AclBinding[] {
  const producers = o.producers ?? FEED_PRODUCERS;
  const out: AclBinding[] = [];
  for (const feed of Object.keys(FEED_TOPICS) as FeedTopic[]) {
    const topic = physicalTopic(o.prefix, feed);
    out.push(
      {
        principal: o.uploader,
        resource: 'topic',
        pattern: 'literal',
        name: topic,
        operations: ['WRITE', 'DESCRIBE'],
      },
      {
        principal: o.hub,
        resource: 'topic',
        pattern: 'literal',
        name: topic,
        operations: ['READ', 'DESCRIBE', 'CREATE'],
      },
      {
        principal: o.hub,
        resource: 'topic',
        pattern: 'literal',
        name: dlqTopic(topic),
        operations: ['WRITE', 'DESCRIBE', 'CREATE'],
      },
    );
  }
  // The audit log's checkpoints (libs/intake): the hub creates, writes and reads them back to verify.
  out.push({
    principal: o.hub,
    resource: 'topic',
    pattern: 'literal',
    name: auditCheckpointTopic(o.prefix),
    operations: ['READ', 'WRITE', 'DESCRIBE', 'CREATE'],
  });
  out.push({
    principal: o.hub,
    resource: 'group',
    pattern: o.group.pattern,
    name: o.group.name,
    operations: ['READ'],
  });
  for (const feed of Object.keys(FEED_TOPICS) as FeedTopic[]) {
    out.push({
      principal: producers[feed],
      resource: 'topic',
      pattern: 'literal',
      name: physicalTopic(o.prefix, feed),
      operations: ['WRITE', 'DESCRIBE'],
    });
  }
  return out;
}

export function aclEntriesOf(bindings: AclBinding[]): AclEntry[] {
  return bindings.flatMap((b) =>
    b.operations.map((op) => ({
      resourceType: b.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
      resourceName: b.name,
      resourcePatternType:
        b.pattern === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
      principal: `User:${b.principal}`,
      host: '*',
      operation: AclOperationTypes[op],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
}

const keyOf = (a: Pick<AclEntry, 'resourceName' | 'resourcePatternType' | 'principal' | 'operation'>) =>
  `${a.resourceName}|${a.resourcePatternType}|${a.principal}|${a.operation}`;

/**
 * Creates the ACLs (an existing one is left as it is) and waits until the broker enforces them:
 * the controller commits them to the metadata log, the broker's authorizer applies them a moment
 * later, and describeAcls is answered by that authorizer. Needs an admin principal.
 */
export async function grantAcls(admin: Admin, bindings: AclBinding[], timeoutMs = 30_000): Promise<void> {
  const acl = aclEntriesOf(bindings);
  await admin.createAcls({ acl });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = new Set(acl.map((a) => a.resourceName));
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.ANY,
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ALLOW,
    });
    const have = new Set(
      resources
        .filter((r) => names.has(r.resourceName))
        .flatMap((r) =>
          r.acls.map((a) =>
            keyOf({ resourceName: r.resourceName, resourcePatternType: r.resourcePatternType, ...a }),
          ),
        ),
    );
    const missing = acl.filter((a) => !have.has(keyOf(a)));
    if (!missing.length) return;
    if (Date.now() > deadline)
      throw new Error(`${missing.length} Kafka ACL(s) not in force after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Deletes exactly these ACLs (an environment's, when it is closed). */
export async function revokeAcls(admin: Admin, bindings: AclBinding[]): Promise<void> {
  const filters = aclEntriesOf(bindings);
  if (filters.length) await admin.deleteAcls({ filters });
}

/**
 * An environment's feed topics (created, with leaders) and its ACLs (in force), by an admin
 * client: what a test or a benchmark needs before its hub and producers connect.
 * Returns the bindings, to revoke them when the environment is closed.
 */
export async function provisionFeeds(
  adminKafka: Kafka,
  o: FeedAclOptions & { partitions: number },
): Promise<AclBinding[]> {
  await ensureTopics(adminKafka, o.prefix, o.partitions);
  const bindings = feedAclBindings(o);
  const admin = adminKafka.admin();
  await admin.connect();
  try {
    await grantAcls(admin, bindings);
    if (o.group.pattern === 'literal') await waitForGroupCoordinator(admin, o.group.name);
  } finally {
    await admin.disconnect();
  }
  return bindings;
}
