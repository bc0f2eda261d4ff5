import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, loadHubConfig } from './hub-config';

describe('loadHubConfig', () => {
  it('uses local defaults', () => {
    const c = loadHubConfig({});
    expect(c.kafkaBrokers).toEqual(['127.0.0.1:9092']);
    expect(c.clockMode).toBe('auto');
    expect(c.httpPort).toBe(3000);
    expect(c).toMatchObject({
      maxMessageBytes: 900 * 1024,
      maxJsonDepth: 32,
      skewToleranceMs: 24 * 3_600_000,
    });
  });

  it('reads the decoder limits and the skew tolerance in hours', () => {
    const c = loadHubConfig({ MAX_MESSAGE_BYTES: '2048', MAX_JSON_DEPTH: '8', SKEW_TOLERANCE_HOURS: '2' });
    expect(c).toMatchObject({ maxMessageBytes: 2048, maxJsonDepth: 8, skewToleranceMs: 2 * 3_600_000 });
    expect(() => loadHubConfig({ SKEW_TOLERANCE_HOURS: '-1', MAX_JSON_DEPTH: 'deep' })).toThrow(
      /SKEW_TOLERANCE_HOURS[\s\S]*MAX_JSON_DEPTH|MAX_JSON_DEPTH[\s\S]*SKEW_TOLERANCE_HOURS/,
    );
  });

  it('names every bad key at once and never echoes a URL value', () => {
    let error: unknown;
    try {
      loadHubConfig({ HTTP_PORT: 'abc', CLOCK_MODE: 'sundial', DATABASE_URL: 'not a url secret123' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toContain('HTTP_PORT');
    expect(problems.join(' ')).toContain('CLOCK_MODE');
    expect(problems.join(' ')).not.toContain('secret123');
  });
});

describe('audit settings', () => {
  const key = 'f'.repeat(64);

  it('reads the audit key from AUDIT_KEY or AUDIT_KEY_FILE and never shows it', () => {
    const c = loadHubConfig({ AUDIT_KEY: key });
    expect(c.auditKey?.reveal().toString('utf8')).toBe(key);
    expect(JSON.stringify(c)).not.toContain(key);
    expect(inspect(c, { depth: 5 })).not.toContain(key);
    expect(String(c.auditKey)).toBe('[secret]');
    const dir = mkdtempSync(join(tmpdir(), 'zhijian-key-'));
    writeFileSync(join(dir, 'audit.key'), `${key}\n`);
    expect(
      loadHubConfig({ AUDIT_KEY_FILE: join(dir, 'audit.key') })
        .auditKey?.reveal()
        .toString('utf8'),
    ).toBe(key);
    expect(loadHubConfig({}).auditKey).toBeNull();
  });

  it('refuses a short key, both sources at once, an unreadable file, without echoing the key', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadHubConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ AUDIT_KEY: 'short-secret' }).join(' ')).toMatch(/AUDIT_KEY.*at least 32/);
    expect(problems({ AUDIT_KEY: 'short-secret' }).join(' ')).not.toContain('short-secret');
    expect(problems({ AUDIT_KEY: key, AUDIT_KEY_FILE: '/x' })).toEqual([
      'set only one of AUDIT_KEY and AUDIT_KEY_FILE',
    ]);
    expect(problems({ AUDIT_KEY_FILE: '/nonexistent/audit.key' }).join(' ')).toContain('AUDIT_KEY_FILE');
  });

  it('checkpoints every minute into the cache dir by default, and migrates as postgres', () => {
    const c = loadHubConfig({
      ZHIJIAN_CACHE: '/var/cache/zj',
      DATABASE_URL: 'postgres://zhijian_app:pw@db:5432/zj',
    });
    expect(c.auditCheckpointMs).toBe(60_000);
    expect(c.auditCheckpointFile).toBe('/var/cache/zj/audit-checkpoints.jsonl');
    expect(c.migrationDatabaseUrl).toBe('postgres://postgres@db:5432/zj');
    expect(loadHubConfig({}).databaseUrl).toBe('postgres://zhijian_app@127.0.0.1:5432/zhijian');
    expect(loadHubConfig({ AUDIT_CHECKPOINT_MS: '5000' }).auditCheckpointMs).toBe(5000);
  });
});
