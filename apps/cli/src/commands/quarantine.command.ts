import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigModule, loadHubConfig, type HubConfig } from '@zhijian/config';
import {
  IngestModule,
  QuarantineService,
  type Validation,
  type QuarantineDetail,
  type QuarantineSummary,
} from '@zhijian/ingest';
import { PersistenceModule } from '@zhijian/persistence';
import { useAuditKey } from '@zhijian/access';

export const QUARANTINE_USAGE = `  quarantine list [--reason R] [--topic T] [--status S] [--limit N] [--offset N] [--json]
  quarantine show <id> [--json]          a rejected message whole: bytes, reason, pointers, origin
  quarantine correct <id> --file F       store a corrected envelope (F, or - for stdin) and validate it
  quarantine replay <id>                 run it (corrected, else original) through ingest: accepted/duplicate/rejected
  quarantine discard <id> --reason "…"   give it up, with the reason
  (correct, replay and discard record --actor, default: the login name)`;

/** The parts a quarantine operation needs — persistence and the ingest path — without HTTP or Kafka consumer. */
@Module({})
class QuarantineCliModule {
  static forRoot(config: HubConfig): DynamicModule {
    return {
      module: QuarantineCliModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule, IngestModule],
    };
  }
}

export async function quarantineCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      reason: { type: 'string' },
      topic: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string', default: '50' },
      offset: { type: 'string', default: '0' },
      file: { type: 'string' },
      actor: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const [sub, id] = positionals;
  const needsId = ['show', 'correct', 'replay', 'discard'];
  if (!sub || !['list', ...needsId].includes(sub)) throw new Error(`usage:\n${QUARANTINE_USAGE}`);
  if (needsId.includes(sub) && !id) throw new Error(`quarantine ${sub}: the message id is missing`);
  if (sub === 'correct' && !values.file) throw new Error('quarantine correct: --file is required');
  if (sub === 'discard' && !values.reason?.trim())
    throw new Error('quarantine discard: --reason is required');
  const actor = values.actor?.trim() || `cli:${userInfo().username}`;

  quietKafkaWarnings();
  const config = loadHubConfig();
  // Operations the CLI records in the audit log continue its keyed chain.
  useAuditKey(config.auditKey?.reveal() ?? null);
  const app = await NestFactory.createApplicationContext(QuarantineCliModule.forRoot(config), {
    logger: ['fatal', 'error', 'warn'],
  });
  try {
    if (await app.get(DataSource).showMigrations())
      throw new Error('the database has migrations not yet applied: run `npm run migrate` first');
    const service = app.get(QuarantineService);
    switch (sub) {
      case 'list': {
        const page = await service.list({
          reason: values.reason,
          topic: values.topic,
          status: values.status,
          limit: Number(values.limit),
          offset: Number(values.offset),
        });
        if (values.json) return print(page);
        printTable(page.items);
        console.log(`${page.items.length} of ${page.total} shown (offset ${page.offset})`);
        return;
      }
      case 'show': {
        const detail = await service.get(id!);
        return values.json ? print(detail) : printDetail(detail);
      }
      case 'correct': {
        const bytes = values.file === '-' ? readFileSync(0) : readFileSync(values.file!);
        const result = await service.correct(id!, bytes, actor);
        console.log(`quarantine #${result.id}: correction stored (status ${result.status}), not yet applied`);
        printValidation(result.validation);
        if (result.validation.valid) console.log(`next: quarantine replay ${result.id}`);
        return;
      }
      case 'replay': {
        const r = await service.replay(id!, actor);
        console.log(
          `quarantine #${r.id}: ${r.corrected ? 'corrected' : 'original'} message replayed → ${r.outcome} (status ${r.status})`,
        );
        if (r.outcome === 'duplicate')
          console.log('the event was already in the raw log; nothing applied again');
        if (r.outcome === 'rejected') {
          console.log(`rejected again: ${r.reason}`);
          for (const v of r.violations ?? [])
            console.log(`  ${v.pointer}  ${v.message}${v.check ? ` [${v.check}]` : ''}`);
          process.exitCode = 3;
        }
        return;
      }
      case 'discard': {
        const d = await service.discard(id!, values.reason!, actor);
        console.log(`quarantine #${d.id}: discarded by ${d.discardedBy} (${d.discardReason})`);
        return;
      }
    }
  } finally {
    await app.close();
  }
}

/**
 * The producer the ingest path holds warns about its settings at every start; on an
 * operator's terminal that is noise. kafkajs errors still show.
 */
function quietKafkaWarnings(): void {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('{"level":"WARN"') && args[0].includes('"kafkajs"'))
      return;
    warn(...args);
  };
}

function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

function when(d: Date | null): string {
  return d ? d.toISOString().replace('T', ' ').slice(0, 19) : '';
}

function printTable(items: QuarantineSummary[]): void {
  const rows = items.map((q) => [
    q.id,
    when(q.receivedAt),
    q.topic,
    `${q.partition}/${q.offset}`,
    q.reason,
    q.status + (q.replayOutcome ? ` (${q.replayOutcome})` : ''),
    q.violations
      .slice(0, 2)
      .map((v) => v.pointer)
      .join(' ') + (q.violations.length > 2 ? ` +${q.violations.length - 2}` : ''),
  ]);
  const header = ['id', 'received (UTC)', 'topic', 'part/offset', 'reason', 'status', 'pointers'];
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c + ' '.repeat(widths[i]! - width(c)))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
      ch,
    )
      ? 2
      : 1;
  return w;
}

function printDetail(d: QuarantineDetail): void {
  const fields: [string, string][] = [
    ['id', d.id],
    ['topic', d.topic],
    ['partition/offset', `${d.partition}/${d.offset}`],
    ['key', d.key ?? ''],
    ['received', when(d.receivedAt)],
    ['status', d.status],
    ['reason', d.reason],
    ['corrected', d.correctedAt ? `${when(d.correctedAt)} by ${d.correctedBy}` : ''],
    ['replayed', d.replayedAt ? `${when(d.replayedAt)} by ${d.replayedBy}: ${d.replayOutcome}` : ''],
    ['discarded', d.discardedAt ? `${when(d.discardedAt)} by ${d.discardedBy}: ${d.discardReason}` : ''],
    ['copied to DLQ', when(d.dlqPublishedAt)],
  ];
  for (const [k, v] of fields) if (v) console.log(`${k.padEnd(17)} ${v}`);
  console.log('violations');
  for (const v of d.violations) console.log(`  ${v.pointer}  ${v.message}${v.check ? ` [${v.check}]` : ''}`);
  const headers = Object.entries(d.headers);
  if (headers.length) {
    console.log('headers');
    for (const [k, v] of headers) console.log(`  ${k}: ${v}`);
  }
  console.log(`raw (${d.raw.bytes} bytes, ${d.raw.encoding})`);
  console.log(d.raw.text);
  if (d.correction) {
    console.log(`correction (${d.correction.bytes} bytes, ${d.correction.encoding})`);
    console.log(d.correction.text);
  }
}

function printValidation(v: Validation): void {
  if (v.valid) {
    console.log(`valid: ${v.schema} ${v.source} ${v.eventId} (occurred ${v.occurredAt})`);
    if (v.alreadyInRawLog)
      console.log('note: this (source, eventId) is already in the raw log; a replay will be a duplicate');
    return;
  }
  console.log(`still invalid: ${v.reason}`);
  for (const x of v.violations) console.log(`  ${x.pointer}  ${x.message}${x.check ? ` [${x.check}]` : ''}`);
}
