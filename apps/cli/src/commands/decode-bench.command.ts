import { SchemaRegistry, type FeedTopic } from '@zhijian/contracts';
import { EnvelopeDecoder } from '@zhijian/ingest';
import { generateCatalogueProvince, toFeedMessages } from '@zhijian/simulator';

const ROUNDS = 5;
const WARMUP_ROUNDS = 2;

/**
 * What validation and normalization cost beside parsing: N synthetic messages, as the
 * bytes Kafka would carry, are each (a) only `JSON.parse`d and (b) decoded by
 * `EnvelopeDecoder` (parse, envelope and payload schemas, identifiers, money, dates,
 * case numbers). Single-threaded and synchronous — one core; a warm-up, then the median
 * of a few rounds of each.
 */
export async function decodeBenchCommand(count: number): Promise<void> {
  let cases = Math.max(1, Math.ceil(count / 3));
  let generated = toFeedMessages(generateCatalogueProvince({ seed: 11, cases }).events);
  while (generated.length < count) {
    cases *= 2;
    generated = toFeedMessages(generateCatalogueProvince({ seed: 11, cases }).events);
  }
  const messages: { topic: FeedTopic; bytes: Buffer }[] = generated
    .slice(0, count)
    .map((m) => ({ topic: m.topic, bytes: Buffer.from(m.value, 'utf8') }));
  const totalBytes = messages.reduce((n, m) => n + m.bytes.length, 0);
  const decoder = new EnvelopeDecoder(SchemaRegistry.load());

  let sink = 0;
  const parseOnly = () => {
    for (const m of messages) {
      const v = JSON.parse(m.bytes.toString('utf8')) as { eventId?: string };
      if (v.eventId) sink++;
    }
  };
  let accepted = 0;
  let rejected = 0;
  const decode = () => {
    accepted = 0;
    rejected = 0;
    for (const m of messages) {
      if (decoder.decode(m.bytes, m.topic).ok) accepted++;
      else rejected++;
    }
  };

  // Rounds alternate, so that a noisy neighbour on the machine weighs on both alike.
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    parseOnly();
    decode();
  }
  const parseRates: number[] = [];
  const decodeRates: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    parseRates.push(rate(parseOnly, messages.length));
    decodeRates.push(rate(decode, messages.length));
  }
  const parseRate = median(parseRates);
  const decodeRate = median(decodeRates);
  if (sink === 0) throw new Error('nothing parsed');

  const kb = (totalBytes / messages.length / 1024).toFixed(2);
  console.log(
    `messages                       ${messages.length} (avg ${kb} KiB; decoder: ${accepted} accepted, ${rejected} rejected)`,
  );
  console.log(
    `rounds                         ${WARMUP_ROUNDS} warm-up + ${ROUNDS} measured each, alternating; median; one thread`,
  );
  console.log(`JSON.parse only                ${fmt(parseRate)} messages/s`);
  console.log(`EnvelopeDecoder.decode         ${fmt(decodeRate)} messages/s`);
  console.log(`ratio decode / parse           ${(decodeRate / parseRate).toFixed(3)}`);
}

function rate(work: () => void, n: number): number {
  const t0 = process.hrtime.bigint();
  work();
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function fmt(rate: number): string {
  return Math.round(rate).toLocaleString('en-US');
}
