#!/usr/bin/env node
// Usage (by deploy/local/stack.sh): node deploy/local/kafka-acls.js <builtin producers.tsv> <name:topic,…>
// Grants, as the admin principal (password in KAFKA_ADMIN_PASSWORD_FILE), the local stack's ACLs
// for topics without a prefix: each producer principal may write its topic; the hub may read every
// feed topic of the built-in table, write its `.dlq`, create both, and use the consumer groups
// `zhijian-hub*`; the upload gateway (uploader) may write every feed topic (HTTP uploads).
// Creating an ACL that exists changes nothing. Exits once the broker enforces them.
// libs/ingest/src/kafka-acls.ts grants the same per topic prefix (tests, benches); a unit spec
// checks that both give the same bindings.
'use strict';
const fs = require('fs');
const path = require('path');
const {
  Kafka,
  logLevel,
  AclResourceTypes,
  AclOperationTypes,
  AclPermissionTypes,
  ResourcePatternTypes,
} = require(require.resolve('kafkajs', { paths: [path.join(__dirname, '..', '..')] }));

/** The bindings as plain objects: { principal, resource: 'topic'|'group', pattern, name, operations }. */
function localBindings(
  feedTopics,
  producers,
  hub = 'hub',
  groupPrefix = 'zhijian-hub',
  uploader = 'uploader',
) {
  const out = [];
  for (const topic of feedTopics) {
    out.push({
      principal: uploader,
      resource: 'topic',
      pattern: 'literal',
      name: topic,
      operations: ['WRITE', 'DESCRIBE'],
    });
    out.push({
      principal: hub,
      resource: 'topic',
      pattern: 'literal',
      name: topic,
      operations: ['READ', 'DESCRIBE', 'CREATE'],
    });
    out.push({
      principal: hub,
      resource: 'topic',
      pattern: 'literal',
      name: `${topic}.dlq`,
      operations: ['WRITE', 'DESCRIBE', 'CREATE'],
    });
  }
  out.push({
    principal: hub,
    resource: 'topic',
    pattern: 'literal',
    name: 'audit.checkpoints',
    operations: ['READ', 'WRITE', 'DESCRIBE', 'CREATE'],
  });
  out.push({
    principal: hub,
    resource: 'group',
    pattern: 'prefixed',
    name: groupPrefix,
    operations: ['READ'],
  });
  for (const { name, topic } of producers) {
    out.push({
      principal: name,
      resource: 'topic',
      pattern: 'literal',
      name: topic,
      operations: ['WRITE', 'DESCRIBE'],
    });
  }
  return out;
}

function toAclEntries(bindings) {
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

function parseProducers(list) {
  return (list || '')
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const [name, topic] = p.split(':');
      return { name, topic };
    });
}

/** TLS as the hub's clients use it (KAFKA_TLS=false: none; the CA from KAFKA_TLS_CA_FILE). */
function tlsOptions() {
  if ((process.env.KAFKA_TLS || '').toLowerCase() === 'false') return undefined;
  const file = process.env.KAFKA_TLS_CA_FILE;
  return file ? { ca: [fs.readFileSync(file, 'utf8')] } : undefined;
}

async function main() {
  const [tsv, list] = process.argv.slice(2);
  const feedTopics = fs
    .readFileSync(tsv, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t')[1].trim());
  const bindings = localBindings(feedTopics, parseProducers(list));
  const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',');
  const password = fs.readFileSync(process.env.KAFKA_ADMIN_PASSWORD_FILE, 'utf8').trim();
  const kafka = new Kafka({
    clientId: 'zhijian-stack-acls',
    brokers,
    sasl: { mechanism: 'scram-sha-512', username: 'admin', password },
    ssl: tlsOptions(),
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const acl = toAclEntries(bindings);
    await admin.createAcls({ acl });
    // The broker's authorizer applies ACLs from the metadata log a moment after the controller
    // committed them; describeAcls is answered by that authorizer.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { resources } = await admin.describeAcls({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      });
      const have = new Set(
        resources.flatMap((r) =>
          r.acls.map((a) => `${r.resourceName}|${r.resourcePatternType}|${a.principal}|${a.operation}`),
        ),
      );
      const missing = acl.filter(
        (a) => !have.has(`${a.resourceName}|${a.resourcePatternType}|${a.principal}|${a.operation}`),
      );
      if (!missing.length) break;
      if (Date.now() > deadline) throw new Error(`${missing.length} ACL(s) not in force after 30 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    console.error(
      `[stack] ACLs in force: hub on ${feedTopics.length} feed topic(s), ${parseProducers(list).length} producer principal(s)`,
    );
  } finally {
    await admin.disconnect();
  }
}

module.exports = { localBindings };

if (require.main === module) {
  main().catch((e) => {
    console.error(`[stack] ACLs: ${e.message}`);
    process.exit(1);
  });
}
