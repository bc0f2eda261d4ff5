import { readFileSync } from 'node:fs';
import type { EnvReader } from './env-reader';
import { Secret } from './secret';

type Env = Record<string, string | undefined>;

/**
 * Where case-work attachments' contents are kept (ATTACHMENT_STORE): in PostgreSQL beside their
 * metadata (`postgres`, the default), or in an S3-compatible object store (`s3`: AWS S3, MinIO,
 * 阿里云 OSS, 华为云 OBS). Metadata and SHA-256 stay in PostgreSQL either way.
 */
export type AttachmentStoreSettings =
  | { kind: 'postgres' }
  | {
      kind: 's3';
      /** S3_ENDPOINT: the store's URL (MinIO, OSS, OBS); null: AWS's own for the region. */
      endpoint: string | null;
      /** S3_REGION (default us-east-1). */
      region: string;
      /** S3_BUCKET: must exist. */
      bucket: string;
      /** S3_KEY_PREFIX (default `attachments/`): objects are `<prefix><lead id>/<attachment id>`. */
      keyPrefix: string;
      /** S3_FORCE_PATH_STYLE (default true: MinIO and most self-hosted stores). */
      forcePathStyle: boolean;
      /** S3_ACCESS_KEY_ID. */
      accessKeyId: string;
      /** S3_SECRET_ACCESS_KEY or the file S3_SECRET_ACCESS_KEY_FILE: never logged, prints as [secret]. */
      secretAccessKey: Secret;
    };

export function readAttachmentStore(read: EnvReader, env: Env): AttachmentStoreSettings {
  const kind = read.oneOf('ATTACHMENT_STORE', ['postgres', 's3'] as const, 'postgres');
  if (kind === 'postgres') return { kind };
  const problems = read.problems;
  const required = (key: string): string => {
    const v = env[key]?.trim();
    if (!v) problems.push(`${key} is required with ATTACHMENT_STORE=s3`);
    return v ?? '';
  };
  const endpoint = env['S3_ENDPOINT']?.trim() ? read.url('S3_ENDPOINT', '', ['http:', 'https:']) : null;
  const bucket = required('S3_BUCKET');
  if (bucket && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    problems.push('S3_BUCKET must be a bucket name: 3–63 lower-case letters, digits, dots and hyphens');
  return {
    kind,
    endpoint,
    region: read.str('S3_REGION', 'us-east-1'),
    bucket,
    keyPrefix: read.str('S3_KEY_PREFIX', 'attachments/'),
    forcePathStyle: read.bool('S3_FORCE_PATH_STYLE', true),
    accessKeyId: required('S3_ACCESS_KEY_ID'),
    secretAccessKey: readSecretKey(env, problems),
  };
}

/** S3_SECRET_ACCESS_KEY or the contents of S3_SECRET_ACCESS_KEY_FILE; problems name the key, never its value. */
function readSecretKey(env: Env, problems: string[]): Secret {
  const inline = env['S3_SECRET_ACCESS_KEY']?.trim();
  const file = env['S3_SECRET_ACCESS_KEY_FILE']?.trim();
  if (inline && file) problems.push('set only one of S3_SECRET_ACCESS_KEY and S3_SECRET_ACCESS_KEY_FILE');
  let text = inline ?? '';
  if (!inline && file)
    try {
      text = readFileSync(file, 'utf8').trim();
    } catch (e) {
      problems.push(
        `S3_SECRET_ACCESS_KEY_FILE: not readable (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
  else if (!inline)
    problems.push('S3_SECRET_ACCESS_KEY (or S3_SECRET_ACCESS_KEY_FILE) is required with ATTACHMENT_STORE=s3');
  return new Secret(Buffer.from(text, 'utf8'));
}
