import { createHmac, randomBytes } from 'node:crypto';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { Client } from 'pg';
import { auditHash, GENESIS_HASH, type AuditRecord, AuditLog } from '@zhijian/access';
import { AuditCheckpointService, type AuditReport } from '@zhijian/intake';
import { countOf, createTestEnv, type TestEnv } from '@zhijian/testing';

interface Row {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  reason: string | null;
  previous_hash: string;
  hash: string;
}

/**
 * Attacks on the audit log by someone who can write the database (the superuser, bypassing
 * the append-only triggers) but has not the audit key: each is found by `audit verify` and
 * named. And the hub's own role cannot attempt them at all.
 */
describe('audit log: keyed chain, checkpoints, the hub’s role', () => {
  let env: TestEnv;
  let operator: string;
  let key: Buffer;
  let snapshot: Row[] = [];

  const verify = async (): Promise<AuditReport> => {
    const res = await fetch(`${env.baseUrl}/v1/audit/verify`, {
      headers: { authorization: `Bearer ${operator}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as AuditReport;
  };
  const cli = () => env.runCli('audit', 'verify');
  const append = (n: number, actor = 'tester') =>
    env.db.transaction((m) =>
      new AuditLog(key).append(
        m,
        Array.from({ length: n }, (_, i) => ({
          actor,
          action: 'lead.read',
          subject: `L${i}`,
          reason: '复核',
        })),
      ),
    );
  const checkpoint = () => env.app!.get(AuditCheckpointService).checkpoint();
  const rows = (): Promise<Row[]> => env.db.query(`select * from audit_log order by id`);
  /** As the superuser: what the triggers refuse, with them disabled. */
  const behindTheirBack = async (sql: string, params: unknown[] = []) => {
    await env.db.query(`alter table audit_log disable trigger user`);
    try {
      await env.db.query(sql, params);
    } finally {
      await env.db.query(`alter table audit_log enable trigger user`);
    }
  };
  const restore = async () => {
    await behindTheirBack(`delete from audit_log`);
    await behindTheirBack(
      `insert into audit_log (id, at, actor, action, subject, reason, previous_hash, hash)
       select id, at, actor, action, subject, reason, previous_hash, hash
       from jsonb_populate_recordset(null::audit_log, $1::jsonb)`,
      [JSON.stringify(snapshot)],
    );
    expect((await verify()).ok).toBe(true);
  };
  /** Rewrites every row from `fromId` on with `seal`, relinking the chain, as someone without the key would. */
  const recompute = async (fromId: string, seal: (previous: string, r: AuditRecord) => string) => {
    const all = await rows();
    let previous = GENESIS_HASH;
    for (const r of all) {
      if (BigInt(r.id) >= BigInt(fromId)) {
        const reason = r.id === fromId ? '篡改后的理由' : r.reason;
        const record: AuditRecord = { ...r, reason, at: r.at.toISOString() };
        const hash = seal(previous, record);
        await behindTheirBack(
          `update audit_log set reason = $2, previous_hash = $3, hash = $4 where id = $1`,
          [r.id, reason, previous, hash],
        );
        previous = hash;
      } else {
        previous = r.hash;
      }
    }
  };

  beforeAll(async () => {
    env = await createTestEnv({ auditCheckpointMs: 3_600_000 });
    key = env.config.auditKey!.reveal();
    // Entries from before the key: the unkeyed SM3 chain, as the hub wrote them until now.
    let previous = GENESIS_HASH;
    for (let i = 1; i <= 3; i++) {
      const r: AuditRecord = {
        id: String(i),
        at: new Date(Date.UTC(2026, 0, i)).toISOString(),
        actor: 'legacy',
        action: 'lead.read',
        subject: `OLD${i}`,
        reason: null,
      };
      const hash = auditHash(previous, r);
      await env.db.query(
        `insert into audit_log (id, at, actor, action, subject, reason, previous_hash, hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [r.id, r.at, r.actor, r.action, r.subject, r.reason, previous, hash],
      );
      previous = hash;
    }
    await env.db.query(`select setval(pg_get_serial_sequence('audit_log', 'id'), 3)`);
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
    operator = await env.token('operator', '330000');
    await append(5);
    await append(4, 'other');
    await checkpoint();
    snapshot = await rows();
  });

  afterAll(async () => {
    await env?.close();
  });

  it('starts the keyed chain at the old SM3 chain’s head, and checkpoints it in the file and on Kafka', async () => {
    const epoch: { afterId: string }[] = await env.db.query(
      `select after_id::text as "afterId" from audit_epoch`,
    );
    expect(epoch).toEqual([{ afterId: '3' }]);
    const all = await rows();
    expect(all).toHaveLength(12);
    // Keyed entries are not plain SM3: without the key they cannot be recomputed.
    const fourth = all[3]!;
    expect(fourth.previous_hash).toBe(all[2]!.hash);
    expect(auditHash(fourth.previous_hash, { ...fourth, at: fourth.at.toISOString() })).not.toBe(fourth.hash);

    const report = await verify();
    expect(report).toMatchObject({
      ok: true,
      entries: 12,
      firstBrokenId: null,
      problem: null,
      keyedAfterId: '3',
    });
    expect(report.checkpoints.map((c) => [c.source, c.status, c.last?.count])).toEqual([
      ['file', 'ok', 12],
      ['kafka', 'ok', 12],
    ]);
    const lines = (await readFile(env.config.auditCheckpointFile, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({
      count: 12,
      lastId: all[11]!.id,
      lastMac: all[11]!.hash,
    });
    // The key never appears in the checkpoints.
    expect(lines.join('\n')).not.toContain(key.toString('utf8'));

    const ok = await cli();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('audit log OK: 12 entries');
  });

  it('finds an edited row', async () => {
    await behindTheirBack(`update audit_log set actor = '别人' where id = 6`);
    expect(await verify()).toMatchObject({ ok: false, problem: 'edited', firstBrokenId: '6', entries: 5 });
    await restore();
  });

  it('finds an edited row of the SM3 chain before the key, and a moved epoch', async () => {
    await behindTheirBack(`update audit_log set subject = 'OLDX' where id = 2`);
    expect(await verify()).toMatchObject({ ok: false, problem: 'edited', firstBrokenId: '2' });
    await restore();
    await env.db.query(`alter table audit_epoch disable trigger user`);
    await env.db.query(`update audit_epoch set after_id = 12`);
    await env.db.query(`alter table audit_epoch enable trigger user`);
    expect(await verify()).toMatchObject({ ok: false, problem: 'epoch' });
    await env.db.query(`alter table audit_epoch disable trigger user`);
    await env.db.query(`update audit_epoch set after_id = 3`);
    await env.db.query(`alter table audit_epoch enable trigger user`);
    expect((await verify()).ok).toBe(true);
  });

  it('finds a chain recomputed with plain SM3', async () => {
    await recompute('7', auditHash);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'recomputed', firstBrokenId: '7' });
    expect(report.message).toContain('普通 SM3');
    // The last checkpoint no longer matches either.
    expect(report.checkpoints.map((c) => c.problem)).toEqual(['rewritten', 'rewritten']);
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit log BROKEN at entry 7 (recomputed)');
    await restore();
  });

  it('finds a chain recomputed with a wrong key', async () => {
    const wrong = randomBytes(32);
    await recompute('9', (previous, r) =>
      createHmac('sm3', wrong)
        .update(JSON.stringify([previous, r.id, r.at, r.actor, r.action, r.subject, r.reason]), 'utf8')
        .digest('hex'),
    );
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'recomputed', firstBrokenId: '9' });
    expect(report.message).toContain('错误的密钥');
    await restore();
  });

  it('finds a deleted tail, which leaves an intact chain, by the checkpoints', async () => {
    await behindTheirBack(`delete from audit_log where id > 10`);
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'tail_deleted', entries: 10 });
    expect(report.message).toContain('尾部被删除');
    expect(report.checkpoints.map((c) => c.problem)).toEqual(['tail_deleted', 'tail_deleted']);
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('(tail_deleted)');
    await restore();
  });

  it('finds a deleted row in the middle', async () => {
    await behindTheirBack(`delete from audit_log where id = 8`);
    expect(await verify()).toMatchObject({ ok: false, problem: 'relinked', firstBrokenId: '9' });
    await restore();
  });

  it('refuses TRUNCATE by trigger, and finds a truncated log by the checkpoints', async () => {
    await expect(env.db.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
    await behindTheirBack(`truncate audit_log`);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.problem).toBe('truncated');
    expect(report.message).toContain('被清空');
    await restore();
  });

  it('finds a forged checkpoint line', async () => {
    const lines = (await readFile(env.config.auditCheckpointFile, 'utf8')).trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
    await appendFile(
      env.config.auditCheckpointFile,
      `${JSON.stringify({ ...last, count: 3, lastId: '3' })}\n`,
    );
    const report = await verify();
    expect(report).toMatchObject({ ok: false, problem: 'checkpoint' });
    expect(report.checkpoints[0]).toMatchObject({ source: 'file', status: 'broken', problem: 'checkpoint' });
    const good = lines.map((l) => `${l}\n`).join('');
    await writeFile(env.config.auditCheckpointFile, good);
    expect((await verify()).ok).toBe(true);
  });

  it('checkpoints the head at shutdown, and appends after a restart continue the keyed chain', async () => {
    await env.app!.get(AuditCheckpointService).checkpoint();
    await append(2);
    await env.stopHub();
    const lines = (await readFile(env.config.auditCheckpointFile, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ count: 14 });
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
    await append(1);
    expect(await verify()).toMatchObject({ ok: true, entries: 15, keyedAfterId: '3' });
    snapshot = await rows();
  });

  describe('the hub’s own role', () => {
    let hub: Client;

    beforeAll(async () => {
      hub = new Client({ connectionString: env.config.databaseUrl });
      await hub.connect();
    });

    afterAll(async () => {
      await hub?.end();
    });

    it('is neither superuser nor owner of the audit log', async () => {
      const { rows: me } = await hub.query<{ user: string; super: boolean; owner: string }>(
        `select current_user as user, r.rolsuper as super, pg_get_userbyid(c.relowner) as owner
         from pg_roles r, pg_class c where r.rolname = current_user and c.relname = 'audit_log'`,
      );
      expect(me[0]!.user).toBe('zhijian_app');
      expect(me[0]!.super).toBe(false);
      expect(me[0]!.owner).not.toBe('zhijian_app');
    });

    it.each([
      ['delete from audit_log', /permission denied/],
      ['truncate audit_log', /permission denied/],
      [`update audit_log set reason = 'x'`, /permission denied/],
      ['drop trigger audit_log_no_change on audit_log', /must be owner/],
      ['alter table audit_log disable trigger audit_log_no_change', /must be owner/],
      ['alter table audit_log disable trigger all', /must be owner/],
      ['drop table audit_log', /must be owner/],
      ['delete from audit_epoch', /permission denied/],
      [`update audit_epoch set after_id = 0`, /permission denied/],
      [`insert into migrations (timestamp, name) values (1, 'x')`, /permission denied/],
    ])('is refused: %s', async (sql, error) => {
      await expect(hub.query(sql)).rejects.toThrow(error);
    });

    it('may append and read the log, and nothing is pruned: every entry stays', async () => {
      const before = await countOf(env.db, `select count(*)::int as n from audit_log`);
      await hub.query('begin');
      await new AuditLog(key).append(
        { query: async <T>(sql: string, params?: unknown[]) => (await hub.query(sql, params)).rows as T },
        [{ actor: 'hub', action: 'lead.read', subject: 'L1', reason: null }],
      );
      await hub.query('commit');
      expect(await countOf(env.db, `select count(*)::int as n from audit_log`)).toBe(before + 1);
      const { rows: privileges } = await hub.query<{ p: string }>(
        `select privilege_type as p from information_schema.role_table_grants
         where grantee = 'zhijian_app' and table_name = 'audit_log' order by 1`,
      );
      expect(privileges.map((r) => r.p)).toEqual(['INSERT', 'SELECT']);
      expect((await verify()).ok).toBe(true);
    });
  });
});
