import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { dlqTopic } from '@zhijian/contracts';
import { QuarantineRepository } from './repositories/quarantine.repository';

/** Bytes of DLQ copies per send, under the broker's default message.max.bytes (1 MiB per record batch). */
const DLQ_SEND_BYTES = 900 * 1024;
/** A copy larger than this is sent without its value (the quarantine row keeps the bytes). */
const DLQ_MAX_VALUE_BYTES = 1_000_000;

/** Consecutive slices of `items` whose sizes add up to at most DLQ_SEND_BYTES (a larger item alone). */
export function slicesBySize<T>(items: readonly T[], sizeOf: (t: T) => number): T[][] {
  const slices: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length && bytes + size > DLQ_SEND_BYTES) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) slices.push(current);
  return slices;
}

/**
 * Copies quarantined messages to `<topic>.dlq`, with the reason and pointers in headers.
 * The quarantine table is the record: rows not yet copied are copied on the next call.
 */
export class DlqPublisher {
  private readonly logger = new Logger(DlqPublisher.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: Producer,
  ) {}

  private readonly quarantine = new QuarantineRepository();

  async publish(_ids: string[] = []): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.quarantine.claimUnpublished(m, 1000);
      if (!rows.length) return 0;
      // One send per slice of at most DLQ_SEND_BYTES: the broker refuses a record batch over 1 MiB.
      for (const slice of slicesBySize(
        rows,
        (r) => r.raw.length + JSON.stringify(r.violations).length + 512,
      )) {
        const byTopic = new Map<string, typeof rows>();
        for (const r of slice) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
        await this.producer.sendBatch({
          topicMessages: [...byTopic].map(([topic, msgs]) => ({
            topic: dlqTopic(topic),
            messages: msgs.map((r) => {
              const violations = JSON.stringify(r.violations);
              // A copy the broker cannot take keeps its headers; the bytes stay in the quarantine row.
              const omit = r.raw.length + violations.length > DLQ_MAX_VALUE_BYTES;
              return {
                key: r.key,
                value: omit ? null : r.raw,
                headers: {
                  'x-reason': r.reason,
                  'x-violations': violations.length > DLQ_MAX_VALUE_BYTES ? '[]' : violations,
                  'x-original-topic': r.topic,
                  'x-original-partition': String(r.partition),
                  'x-original-offset': r.offset,
                  'x-quarantine-id': r.id,
                  ...(omit ? { 'x-value-omitted': String(r.raw.length) } : {}),
                  // Lines of an HTTP upload have no Kafka position: their origin is the upload and line.
                  ...(r.uploadId ? { 'x-upload-id': r.uploadId, 'x-upload-line': String(r.uploadLine) } : {}),
                },
              };
            }),
          })),
        });
      }
      await this.quarantine.markPublished(
        m,
        rows.map((r) => r.id),
      );
      this.logger.log(`copied ${rows.length} quarantined message(s) to DLQ topics`);
      return rows.length;
    });
  }
}
