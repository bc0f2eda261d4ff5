import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localKafkaCredentials, localStackCache, type KafkaCredentials } from '@zhijian/config';
import { FEED_PRODUCERS, physicalTopic, type FeedTopic } from '@zhijian/contracts';
import {
  caseClosed,
  caseFiled,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
} from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * A real client beside kafkajs: Kafka's own console producer, from the broker's jars
 * (deploy/local/stack.sh fetches them), writes `key<TAB>value` lines to the hub's topics.
 */
const root = join(__dirname, '..', '..');
const kafkaVersion = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(
  readFileSync(join(root, 'deploy', 'local', 'kafka', 'pom.xml'), 'utf8'),
)![1]!;
const kafkaDir = join(localStackCache(), `kafka-${kafkaVersion}`);
const libs = join(kafkaDir, 'libs');

/** The Java client's settings for a SASL principal (a file of its own, removed after use). */
function clientProperties(dir: string, auth: KafkaCredentials | null): string[] {
  if (!auth) return [];
  const file = join(dir, 'producer.properties');
  const module =
    auth.mechanism === 'plain'
      ? 'org.apache.kafka.common.security.plain.PlainLoginModule'
      : 'org.apache.kafka.common.security.scram.ScramLoginModule';
  writeFileSync(
    file,
    [
      // Over TLS when the principal's connection has a CA (the local stack's PEM, as kafkajs uses it).
      ...(auth.tls
        ? [
            'security.protocol=SASL_SSL',
            'ssl.truststore.type=PEM',
            `ssl.truststore.location=${auth.tls.caFile}`,
          ]
        : ['security.protocol=SASL_PLAINTEXT']),
      `sasl.mechanism=${auth.mechanism.toUpperCase()}`,
      `sasl.jaas.config=${module} required username="${auth.username}" password="${auth.password.reveal()}";`,
    ].join('\n'),
    { mode: 0o600 },
  );
  return ['--producer.config', file];
}

async function consoleProduce(
  brokers: string,
  topic: string,
  auth: KafkaCredentials | null,
  lines: { key: string; value: string }[],
): Promise<void> {
  const log4j = join(kafkaDir, 'tools-log4j.properties');
  const dir = mkdtempSync(join(tmpdir(), 'zhijian-console-producer-'));
  const args = [
    '-cp',
    `${libs}/*`,
    ...(existsSync(log4j) ? [`-Dlog4j.configuration=file:${log4j}`] : []),
    'kafka.tools.ConsoleProducer',
    '--bootstrap-server',
    brokers,
    '--topic',
    topic,
    '--property',
    'parse.key=true',
    '--property',
    'key.separator=\t',
    ...clientProperties(dir, auth),
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  for (const l of lines) {
    if (/[\t\n]/.test(l.key) || l.value.includes('\n'))
      throw new Error('a console producer line is one line');
    child.stdin.write(`${l.key}\t${l.value}\n`);
  }
  child.stdin.end();
  const code = await exited.finally(() => rmSync(dir, { recursive: true, force: true }));
  if (code !== 0) throw new Error(`kafka.tools.ConsoleProducer exited with ${code}:\n${output}`);
}

const court = '浙0803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf('330803', 1) };
const caseNo = '（2024）浙0803执401号';
const debtor = { kind: 'person' as const, name: '被执行人401', idNo: idCardOf('330803', '1980-01-01', 401) };
const filed = caseFiled({
  eventId: 'cp-filed-401',
  courtCode: court,
  caseNo,
  filedOn: '2024-01-10',
  claimFen: 50_000_000,
  applicants: [bank],
  respondents: [debtor],
});
const closed = caseClosed({
  eventId: 'cp-closed-401',
  courtCode: court,
  caseNo,
  closedOn: '2024-03-04',
  method: 'terminated_this_round',
});
const flat = realEstateEvent({
  eventId: 'cp-re-401',
  adminCode: '330803',
  unitNo: '330803001001GB0401F0001',
  event: 'first_registration',
  owners: [debtor],
  registeredOn: '2024-03-10',
});
/** A later, unrelated fact that moves business time past the deadlines above. */
const tick = realEstateEvent({
  eventId: 'cp-tick-1',
  adminCode: '330802',
  unitNo: 'TICK-cp-1',
  event: 'first_registration',
  owners: [{ kind: 'org', name: '某开发公司', uscc: usccOf('330802', 9) }],
  registeredOn: '2024-06-01',
});
const MALFORMED = '{"schema": "court.case-event/1", "eventId": ';

describe('a real client: Kafka console producer → hub', () => {
  let env: TestEnv;

  beforeAll(async () => {
    if (!existsSync(join(libs, `kafka_2.13-${kafkaVersion}.jar`)))
      throw new Error(`Kafka jars not found in ${libs}: run bash deploy/local/stack.sh up`);
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub();
  });

  afterAll(async () => {
    await env?.close();
  });

  // As the feed's producer principal, as a court's or registry's own Java client would.
  const produce = (topic: FeedTopic, lines: { key: string; value: string }[]) =>
    consoleProduce(
      env.config.kafkaBrokers.join(','),
      physicalTopic(env.config.topicPrefix, topic),
      env.config.kafkaAuth ? localKafkaCredentials(FEED_PRODUCERS[topic]) : null,
      lines,
    );
  const line = (key: string, e: WireEnvelope) => ({ key, value: JSON.stringify(e) });
  const stored = (ids: string[]) =>
    waitFor(`${ids.join(', ')} ingested`, async () => {
      const n = await countOf(env.db, `select count(*)::int as n from raw_events where event_id = any($1)`, [
        ids,
      ]);
      return n === ids.length;
    });

  it('ingests what it publishes: valid envelopes to the raw log, a malformed one to quarantine', async () => {
    await produce('court.case-events', [
      line(caseNo, filed),
      { key: 'cp-bad-1', value: MALFORMED },
      line(caseNo, closed),
    ]);
    await stored(['cp-filed-401', 'cp-closed-401']);
    const envelope: { envelope: unknown }[] = await env.db.query(
      `select envelope from raw_events where event_id = 'cp-filed-401'`,
    );
    expect(envelope[0]!.envelope).toEqual(filed); // Chinese text intact through the Java client
    const q = await waitFor('the malformed line quarantined', async () => {
      const rows: { reason: string; key: string; raw: Buffer; topic: string }[] = await env.db.query(
        `select reason, message_key as key, raw, topic from quarantine`,
      );
      return rows.length ? rows : undefined;
    });
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      reason: 'malformed_json',
      key: 'cp-bad-1',
      topic: physicalTopic(env.config.topicPrefix, 'court.case-events'),
    });
    expect(q[0]!.raw.toString('utf8')).toBe(MALFORMED);
  });

  it('raises the lead in the county office queue of the executing court', async () => {
    await produce('registry.realestate', [line(String(flat.payload.unitNo), flat)]);
    await stored(['cp-re-401']);
    await produce('registry.realestate', [line(String(tick.payload.unitNo), tick)]);
    await stored(['cp-tick-1']);
    const authorization = `Bearer ${await env.token('staff', '330803')}`;
    const lead = await waitFor('lead for case 401', async () => {
      const res = await fetch(`${env.baseUrl}/v1/leads?caseNo=${encodeURIComponent(caseNo)}`, {
        headers: { authorization },
      });
      const { items } = (await res.json()) as { items: { id: string; unitCode: string; modelId: string }[] };
      return items[0];
    });
    expect(lead).toMatchObject({ modelId: 'zhongben_with_assets', unitCode: '330803' });
    const job = await waitFor(
      'job in intake-330803',
      async () => (await env.queue('intake-330803').getJob(lead.id)) ?? undefined,
    );
    expect(job.id).toBe(lead.id);
    expect(job.data).toMatchObject({ leadId: lead.id, caseNo });
  });
});
