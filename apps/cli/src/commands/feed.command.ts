import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { REASON_MESSAGES_ZH, SchemaRegistry, isFeedTopic, type FeedTopic } from '@zhijian/contracts';
import { loadHubConfig } from '@zhijian/config';
import { EnvelopeDecoder, checkFeed, feedSamples, type LineOutcome } from '@zhijian/ingest';

export interface ValidateOptions {
  topic?: string;
  sources?: string;
  json: boolean;
}

function topicOption(raw: string | undefined): FeedTopic | undefined {
  if (raw === undefined) return undefined;
  if (!isFeedTopic(raw)) throw new Error(`--topic: "${raw}" is not a feed topic`);
  return raw;
}

/** The lines to check: a file, stdin (-), or a directory of JSON files (one envelope each, as one line). */
async function* inputOf(
  path: string,
): AsyncGenerator<{ name: string; body: AsyncIterable<Buffer | string> }> {
  if (path === '-') {
    yield { name: '-', body: process.stdin };
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const f of readdirSync(path)
      .filter((n) => n.endsWith('.json'))
      .sort()) {
      // A pretty-printed file is one message: re-serialized onto one line when it is JSON.
      const text = readFileSync(join(path, f), 'utf8');
      let line = text;
      try {
        line = JSON.stringify(JSON.parse(text));
      } catch {
        line = text.replace(/\r?\n/g, ' ');
      }
      yield { name: f, body: Readable.from([line + '\n']) };
    }
    return;
  }
  yield { name: path, body: createReadStream(path) };
}

/**
 * `feed validate <file|dir|->`: every line through the hub's own decoder, offline. Exit code 1
 * when any line is rejected. Duplicates are those within the input (the hub's own are unknown).
 */
export async function feedValidateCommand(path: string, options: ValidateOptions): Promise<void> {
  const config = loadHubConfig();
  const decoder = new EnvelopeDecoder(SchemaRegistry.load(), {
    maxMessageBytes: config.maxMessageBytes,
    maxJsonDepth: config.maxJsonDepth,
    skewToleranceMs: config.skewToleranceMs,
  });
  const topic = topicOption(options.topic);
  const allowedSources = options.sources
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const byReason = new Map<string, number>();
  const counts = { lines: 0, accepted: 0, duplicate: 0, rejected: 0 };
  const outcomes: (LineOutcome & { file?: string })[] = [];
  for await (const input of inputOf(path)) {
    for await (const o of checkFeed(input.body, decoder, { topic, allowedSources })) {
      const out = path !== '-' && statSync(path).isDirectory() ? { ...o, file: input.name } : o;
      counts.lines++;
      counts[o.status]++;
      if (o.status === 'rejected') byReason.set(o.reason, (byReason.get(o.reason) ?? 0) + 1);
      if (options.json) process.stdout.write(JSON.stringify(out) + '\n');
      else {
        outcomes.push(out);
        printOutcome(out);
      }
    }
  }
  const summary = { ...counts, byReason: Object.fromEntries(byReason) };
  if (options.json) process.stdout.write(JSON.stringify({ summary }) + '\n');
  else {
    console.log(
      `\n共 ${counts.lines} 行：接受 ${counts.accepted}，重复 ${counts.duplicate}，拒绝 ${counts.rejected}`,
    );
    for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1]))
      console.log(`  ${reason.padEnd(22)} ${String(n).padStart(6)}  ${reasonText(reason)}`);
  }
  if (counts.rejected > 0) process.exitCode = 1;
}

function reasonText(reason: string): string {
  return reason in REASON_MESSAGES_ZH
    ? REASON_MESSAGES_ZH[reason as keyof typeof REASON_MESSAGES_ZH]
    : '该上传密钥无权以此来源（source）报送数据';
}

function printOutcome(o: LineOutcome & { file?: string }): void {
  const where = o.file ? `${o.file}` : `第 ${o.line} 行`;
  if (o.status !== 'rejected') {
    console.log(`${where}  ${o.status === 'accepted' ? '通过' : '重复'}  ${o.status}  eventId=${o.eventId}`);
    return;
  }
  console.log(`${where}  拒绝  ${o.reason}  ${o.messageZh}`);
  for (const v of o.violations) {
    console.log(`    ${v.pointer}  ${v.message}`);
    if (v.detail) console.log(`      (${v.detail})`);
  }
}

/** `feed samples <topic>`: valid messages of every event type, and typical mistakes with their reasons. */
export function feedSamplesCommand(topic: string, options: { count: string; out?: string }): void {
  if (!isFeedTopic(topic)) throw new Error(`"${topic}" is not a feed topic`);
  const count = Number(options.count);
  if (!Number.isInteger(count) || count < 1 || count > 10000)
    throw new Error('--count must be an integer in [1, 10000]');
  const { valid, mistakes } = feedSamples(SchemaRegistry.load(), topic, count);
  const validText = valid.map((s) => s.line).join('\n') + '\n';
  const mistakesText =
    mistakes.map((m) => JSON.stringify({ expect: m.expect, title: m.title, line: m.line })).join('\n') + '\n';
  if (!options.out) {
    process.stdout.write(validText);
    return;
  }
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, `${topic}.valid.ndjson`), validText);
  writeFileSync(join(options.out, `${topic}.mistakes.ndjson`), mistakes.map((m) => m.line).join('\n') + '\n');
  writeFileSync(join(options.out, `${topic}.mistakes.expected.ndjson`), mistakesText);
  console.log(
    `${options.out}/${topic}.valid.ndjson: ${valid.length} valid message(s), every event type\n` +
      `${options.out}/${topic}.mistakes.ndjson: ${mistakes.length} typical mistake(s), line by line the reason ` +
      `each gets in ${topic}.mistakes.expected.ndjson`,
  );
}
