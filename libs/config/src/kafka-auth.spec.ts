import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadHubConfig } from './hub-config';
import { PasswordSecret, localCredentialFile } from './kafka-auth';

describe('Kafka credentials in the config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-auth-spec-'));

  it('defaults to SCRAM-SHA-512 as hub with the local stack password file', () => {
    const cache = join(dir, 'cache');
    const c = loadHubConfig({ ZHIJIAN_CACHE: cache });
    expect(c.kafkaAuth).toMatchObject({ mechanism: 'scram-sha-512', username: 'hub' });
    expect(localCredentialFile('hub', { ZHIJIAN_CACHE: cache })).toBe(
      join(cache, 'kafka-credentials', 'hub'),
    );
    // Read when a client connects, not at boot: migrate and principal never need it.
    expect(() => c.kafkaAuth!.password.reveal()).toThrow(/stack\.sh up/);
  });

  it('reads KAFKA_PASSWORD_FILE without its trailing newline', () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 's3cret-from-file\n');
    const c = loadHubConfig({ KAFKA_USERNAME: 'producer-court', KAFKA_PASSWORD_FILE: file });
    expect(c.kafkaAuth!.username).toBe('producer-court');
    expect(c.kafkaAuth!.password.reveal()).toBe('s3cret-from-file');
  });

  it('turns authentication off with KAFKA_SASL_MECHANISM=none', () => {
    const c = loadHubConfig({ KAFKA_SASL_MECHANISM: 'none' });
    expect(c.kafkaAuth).toBeNull();
    expect(c.kafkaUploadAuth).toBeNull();
  });

  it('reads the upload gateway from KAFKA_UPLOAD_* (default uploader)', () => {
    expect(loadHubConfig({}).kafkaUploadAuth!.username).toBe('uploader');
    const c = loadHubConfig({ KAFKA_UPLOAD_USERNAME: 'gw', KAFKA_UPLOAD_PASSWORD: 'pw-of-gw' });
    expect(c.kafkaUploadAuth!.username).toBe('gw');
    expect(c.kafkaUploadAuth!.password.reveal()).toBe('pw-of-gw');
    expect(c.kafkaAuth!.username).toBe('hub');
  });

  it('never shows the password: not in inspect, JSON or String of the config', () => {
    const c = loadHubConfig({ KAFKA_PASSWORD: 'hunter2-very-secret' });
    expect(c.kafkaAuth!.password.reveal()).toBe('hunter2-very-secret');
    expect(inspect(c, { depth: 10 })).not.toContain('hunter2');
    expect(JSON.stringify(c)).not.toContain('hunter2');
    expect(String(c.kafkaAuth!.password)).toBe('[secret]');
    expect(`${inspect(PasswordSecret.of('x-y-z'))}`).toBe('[secret]');
  });

  it('names bad Kafka keys without echoing a password', () => {
    let error: unknown;
    try {
      loadHubConfig({
        KAFKA_SASL_MECHANISM: 'kerberos',
        KAFKA_PASSWORD: 'hunter2-very-secret',
        KAFKA_PASSWORD_FILE: join(dir, 'absent'),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toContain('KAFKA_SASL_MECHANISM');
    expect(text).not.toContain('hunter2');
    // Read once for both principals, named once.
    expect((error as ConfigError).problems.filter((p) => p.includes('KAFKA_SASL_MECHANISM'))).toHaveLength(1);
  });

  it('names an unreadable KAFKA_PASSWORD_FILE at boot', () => {
    expect(() => loadHubConfig({ KAFKA_PASSWORD_FILE: join(dir, 'absent') })).toThrow(/KAFKA_PASSWORD_FILE/);
  });
});
