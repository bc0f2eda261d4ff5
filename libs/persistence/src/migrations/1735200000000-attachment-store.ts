import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments' contents in a configured store (issue 17, ATTACHMENT_STORE): a row keeps its
 * metadata and SHA-256 and says where its content is: in the row (`postgres`, `content`) or an
 * object of the S3-compatible store (`s3`, `object_key`).
 */
export class AttachmentStore1735200000000 implements MigrationInterface {
  name = 'AttachmentStore1735200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      alter table lead_attachments
        alter column content drop not null,
        add column store text not null default 'postgres' check (store in ('postgres', 's3')),
        add column object_key text,
        add constraint lead_attachments_content_where check (
          (store = 'postgres' and content is not null) or (store = 's3' and object_key is not null and content is null));
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      delete from lead_attachments where store <> 'postgres';
      alter table lead_attachments drop constraint lead_attachments_content_where,
        drop column object_key, drop column store, alter column content set not null;
    `);
  }
}
