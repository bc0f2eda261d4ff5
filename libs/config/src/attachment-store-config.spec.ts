import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { type ConfigError, loadHubConfig } from './hub-config';

const S3 = {
  ATTACHMENT_STORE: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_BUCKET: 'zhijian-attachments',
  S3_ACCESS_KEY_ID: 'hub',
  S3_SECRET_ACCESS_KEY: 'very-secret-key-123',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadHubConfig(env);
    return [];
  } catch (e) {
    return (e as ConfigError).problems;
  }
};

describe('attachment store configuration', () => {
  it('keeps attachments in PostgreSQL by default', () => {
    expect(loadHubConfig({}).attachmentStore).toEqual({ kind: 'postgres' });
  });

  it('reads the S3 store, its secret key never shown', () => {
    const c = loadHubConfig(S3);
    expect(c.attachmentStore).toMatchObject({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'us-east-1',
      bucket: 'zhijian-attachments',
      keyPrefix: 'attachments/',
      forcePathStyle: true,
      accessKeyId: 'hub',
    });
    const store = c.attachmentStore as Extract<typeof c.attachmentStore, { kind: 's3' }>;
    expect(store.secretAccessKey.reveal().toString()).toBe('very-secret-key-123');
    for (const shown of [JSON.stringify(c), inspect(c, { depth: 10 }), String(store.secretAccessKey)])
      expect(shown).not.toContain('very-secret-key-123');
  });

  it('reads the secret key from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 's3-')), 'key');
    writeFileSync(file, 'from-a-file-456\n');
    const { S3_SECRET_ACCESS_KEY: _inline, ...rest } = S3;
    const c = loadHubConfig({ ...rest, S3_SECRET_ACCESS_KEY_FILE: file });
    expect(c.attachmentStore.kind === 's3' && c.attachmentStore.secretAccessKey.reveal().toString()).toBe(
      'from-a-file-456',
    );
  });

  it('names every missing or bad key at once, never a secret', () => {
    expect(problemsOf({ ATTACHMENT_STORE: 'ftp' })).toEqual([
      'ATTACHMENT_STORE must be one of postgres, s3, got "ftp"',
    ]);
    const problems = problemsOf({
      ATTACHMENT_STORE: 's3',
      S3_ENDPOINT: 'not a url very-secret',
      S3_BUCKET: 'Bad_Bucket',
    });
    expect(problems.join('\n')).toMatch(
      /S3_ENDPOINT[\s\S]*S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/,
    );
    expect(problems.join('\n')).not.toContain('very-secret');
    expect(problemsOf({ ...S3, S3_SECRET_ACCESS_KEY_FILE: '/nonexistent' }).join()).toContain(
      'set only one of S3_SECRET_ACCESS_KEY and S3_SECRET_ACCESS_KEY_FILE',
    );
  });
});
