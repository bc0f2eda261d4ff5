import {
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { AttachmentStoreSettings } from '@zhijian/config';

/** Where an attachment's content is: in its PostgreSQL row, or an object of the S3 store. */
export type AttachmentStoreKind = 'postgres' | 's3';

/** The place of one content, as its metadata row records it. */
export interface StoredContent {
  /** The bytes kept in the row (`lead_attachments.content`), or null. */
  content: Buffer | null;
  /** The object's key in the S3 store, or null. */
  objectKey: string | null;
}

/**
 * The port attachments' contents go through (ATTACHMENT_STORE). The metadata row (name, type,
 * size, SHA-256, who, when) is PostgreSQL's in either case; `save` answers what the row keeps,
 * `load` gives the bytes back (null: gone). The caller verifies the SHA-256.
 */
export interface AttachmentStore {
  readonly kind: AttachmentStoreKind;
  save(leadId: string, attachmentId: string, content: Buffer, contentType: string): Promise<StoredContent>;
  load(stored: StoredContent): Promise<Buffer | null>;
}

/** The default: the bytes in the row itself (`bytea`), written in the same transaction. */
export class PostgresAttachmentStore implements AttachmentStore {
  readonly kind = 'postgres' as const;

  save(_leadId: string, _attachmentId: string, content: Buffer): Promise<StoredContent> {
    return Promise.resolve({ content, objectKey: null });
  }

  load(stored: StoredContent): Promise<Buffer | null> {
    return Promise.resolve(stored.content);
  }
}

/** An S3-compatible object store (AWS S3, MinIO, OSS, OBS): one object per attachment. */
export class S3AttachmentStore implements AttachmentStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;

  constructor(private readonly settings: Extract<AttachmentStoreSettings, { kind: 's3' }>) {
    const config: S3ClientConfig = {
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: {
        accessKeyId: settings.accessKeyId,
        secretAccessKey: settings.secretAccessKey.reveal().toString('utf8'),
      },
      maxAttempts: 3,
      // Checksums only where S3 requires them: several S3-compatible stores (and older MinIO, OSS,
      // OBS) refuse or mangle the SDK's default trailing CRC checksums; SHA-256 is verified by us.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (settings.endpoint) config.endpoint = settings.endpoint;
    this.client = new S3Client(config);
  }

  async save(
    leadId: string,
    attachmentId: string,
    content: Buffer,
    contentType: string,
  ): Promise<StoredContent> {
    const key = `${this.settings.keyPrefix}${leadId}/${attachmentId}`;
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: key,
        Body: content,
        ContentType: contentType,
        ContentLength: content.length,
      }),
    );
    return { content: null, objectKey: key };
  }

  async load(stored: StoredContent): Promise<Buffer | null> {
    if (!stored.objectKey) return null;
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: stored.objectKey }),
      );
      return r.Body ? Buffer.from(await r.Body.transformToByteArray()) : null;
    } catch (e) {
      if (e instanceof NoSuchKey) return null;
      throw e;
    }
  }

  close(): void {
    this.client.destroy();
  }
}

/** What `attachmentStoresOf` answers. */
export interface AttachmentStores {
  /** Where new attachments go. */
  current: AttachmentStore;
  /** The reader of a row's store; null for `s3` when no object store is configured. */
  of(kind: AttachmentStoreKind): AttachmentStore | null;
  /** Releases the S3 client's connections (at shutdown). */
  close(): void;
}

/**
 * The configured store (new attachments go there) and a reader for each kind: an attachment is
 * read from where it was written, so rows kept in PostgreSQL stay readable after a move to S3.
 */
export function attachmentStoresOf(settings: AttachmentStoreSettings): AttachmentStores {
  const postgres = new PostgresAttachmentStore();
  const s3 = settings.kind === 's3' ? new S3AttachmentStore(settings) : null;
  return {
    current: s3 ?? postgres,
    of: (kind) => (kind === 's3' ? s3 : postgres),
    close: () => s3?.close(),
  };
}
