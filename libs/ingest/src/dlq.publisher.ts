import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Producer } from 'kafkajs';
import { dlqTopic } from '@zhijian/contracts';

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

  async publish(_ids: string[] = []): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const rows: {
        id: string;
        topic: string;
        partition: number;
        offset: string;
        key: string | null;
        raw: Buffer;
        reason: string;
        violations: unknown;
        uploadId: string | null;
        uploadLine: number | null;
      }[] = await m.query(
        `select id::text, topic, kafka_partition as partition, kafka_offset::text as "offset", message_key as key, raw,
                reason, violations, upload_id as "uploadId", upload_line as "uploadLine"
         from quarantine where dlq_published_at is null
         order by id limit 1000 for update skip locked`,
      );
      if (!rows.length) return 0;
      const byTopic = new Map<string, typeof rows>();
      for (const r of rows) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await this.producer.sendBatch({
        topicMessages: [...byTopic].map(([topic, msgs]) => ({
          topic: dlqTopic(topic),
          messages: msgs.map((r) => ({
            key: r.key,
            value: r.raw,
            headers: {
              'x-reason': r.reason,
              'x-violations': JSON.stringify(r.violations),
              'x-original-topic': r.topic,
              'x-original-partition': String(r.partition),
              'x-original-offset': r.offset,
              'x-quarantine-id': r.id,
              // Lines of an HTTP upload have no Kafka position: their origin is the upload and line.
              ...(r.uploadId ? { 'x-upload-id': r.uploadId, 'x-upload-line': String(r.uploadLine) } : {}),
            },
          })),
        })),
      });
      await m.query(`update quarantine set dlq_published_at = now() where id = any($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
      this.logger.log(`copied ${rows.length} quarantined message(s) to DLQ topics`);
      return rows.length;
    });
  }
}
