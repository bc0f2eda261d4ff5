import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { Secret } from '@zhijian/config';
import { createTestEnv, type TestEnv } from '@zhijian/testing';

/**
 * Case work through the API on the real PostgreSQL (issue 17): what a person of a department
 * (控告申诉 / 民事检察) sees of the office's leads, each recipient's read state of notifications, and
 * attachments in an S3-compatible object store (ATTACHMENT_STORE=s3) against a real S3 server
 * (s3rver) started and stopped here. Leads are written as screening would; the hub runs the API
 * only. (The PostgreSQL attachment store is the browser spec's, tests/console/casework.)
 */
describe('case work API: departments, notifications, attachments in S3', () => {
  const BUCKET = 'zhijian-attachments';
  const dir = mkdtempSync(join(tmpdir(), 'zhijian-s3-'));
  let s3: S3rver;
  let client: S3Client;
  let env: TestEnv;
  const who = {} as Record<'civil' | 'complaint' | 'leader' | 'nodept', { id: string; token: string }>;
  const ids = {} as Record<'civilOnly' | 'complaintOnly' | 'handedOver', string>;
  const caseNos = {} as Record<keyof typeof ids, string>;

  const api = async <T>(token: string, path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${token}`,
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as T };
  };

  let seq = 0;
  async function insertLead(department: 'civil' | 'complaint'): Promise<{ id: string; caseNo: string }> {
    seq += 1;
    const id = randomUUID();
    const caseNo = `（2024）浙0803执${8100 + seq}号`;
    await env.db.query(
      `insert into leads (id, model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                          legal_basis, statement, evidence, as_of, kind, status, department)
       values ($1, 'cw_model', 1, $2, $3, '330803', 'county', 'high', 10, '部门测试线索', '测试依据', '测试陈述',
               '{"items": [], "parties": [], "facts": {}}', '2024-03-15T10:00:00+08:00', 'individual', 'new', $4)`,
      [id, `cw:${seq}`, caseNo, department],
    );
    return { id, caseNo };
  }

  beforeAll(async () => {
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    client = new S3Client({
      endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    env = await createTestEnv({
      attachmentStore: {
        kind: 's3',
        endpoint,
        region: 'us-east-1',
        bucket: BUCKET,
        keyPrefix: 'attachments/',
        forcePathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: new Secret(Buffer.from('S3RVER')),
      },
    });
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
    who.civil = await env.principal('staff', '330803', '民事书记员');
    who.complaint = await env.principal('staff', '330803', '控申书记员');
    who.leader = await env.principal('leader', '330803', '衢江院领导');
    who.nodept = await env.principal('staff', '330803', '未分部门');
    for (const [p, department] of [
      [who.civil, 'civil'],
      [who.complaint, 'complaint'],
    ] as const)
      expect(
        (
          await api(who.leader.token, `/v1/casework/departments/${p.id}`, {
            method: 'PUT',
            body: { department },
          })
        ).status,
      ).toBe(200);
    for (const [key, department] of [
      ['civilOnly', 'civil'],
      ['complaintOnly', 'complaint'],
      ['handedOver', 'complaint'],
    ] as const) {
      const l = await insertLead(department);
      ids[key] = l.id;
      caseNos[key] = l.caseNo;
    }
    // 民事检察 handed `handedOver` to 控申 before: it keeps reading it (history).
    await env.db.query(
      `insert into lead_transfers (lead_id, kind, from_unit, from_department, to_department, to_name, reason,
                                   status, by_id, by_name, accepted_by_name, accepted_at)
       values ($1, 'department', '330803', 'civil', 'complaint', '控告申诉检察部门', '当事人申请', 'accepted', $2,
               '民事书记员', '控申书记员', now())`,
      [ids.handedOver, who.civil.id],
    );
    // An office-wide notification on the 控申-only lead.
    await env.db.query(
      `insert into notifications (unit_code, kind, lead_id, text) values ('330803', 'transfer', $1, '控申线索的通知')`,
      [ids.complaintOnly],
    );
  });

  afterAll(async () => {
    client?.destroy();
    await env?.close();
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const worklist = async (token: string) =>
    (await api<{ items: { id: string }[]; total: number }>(token, '/v1/worklist?limit=50')).body;

  it('lists, counts and searches only the leads the reader’s department handles now or handled before', async () => {
    const civil = await worklist(who.civil.token);
    expect(new Set(civil.items.map((l) => l.id))).toEqual(new Set([ids.civilOnly, ids.handedOver]));
    expect(civil.total).toBe(2);
    const complaint = await worklist(who.complaint.token);
    expect(new Set(complaint.items.map((l) => l.id))).toEqual(new Set([ids.complaintOnly, ids.handedOver]));
    // A leader and a person without a department read the whole office.
    for (const token of [who.leader.token, who.nodept.token]) expect((await worklist(token)).total).toBe(3);

    const search = async (token: string, q: string) =>
      (await api<{ items: { id: string }[] }>(token, `/v1/casework/search?q=${encodeURIComponent(q)}`)).body
        .items;
    expect(await search(who.civil.token, caseNos.complaintOnly)).toEqual([]);
    expect((await search(who.complaint.token, caseNos.complaintOnly)).map((l) => l.id)).toEqual([
      ids.complaintOnly,
    ]);

    const intakeList = (await api<{ items: { id: string }[] }>(who.civil.token, '/v1/leads?limit=50')).body;
    expect(intakeList.items.map((l) => l.id).sort()).toEqual([ids.civilOnly, ids.handedOver].sort());

    const csv = (await api<string>(who.civil.token, '/v1/casework/export.csv')).body;
    expect(csv).toContain(caseNos.civilOnly);
    expect(csv).not.toContain(caseNos.complaintOnly);
  });

  it('answers 403 in Chinese on a direct read of another department’s lead; the leader reads it', async () => {
    for (const path of ['', '/history', '/context', '/notes', '/attachments', '/transfers']) {
      const r = await api<{ message: string }>(who.civil.token, `/v1/leads/${ids.complaintOnly}${path}`);
      expect({ path, status: r.status }).toEqual({ path, status: 403 });
      expect(r.body.message).toBe('无权限：该线索由控告申诉检察部门办理，民事检察部门人员不能查看');
    }
    expect((await api(who.civil.token, `/v1/leads/${ids.handedOver}`)).status).toBe(200);
    // Acting on it is refused the same way, and changes nothing.
    const claim = await api<{ message: string }>(who.civil.token, `/v1/leads/${ids.complaintOnly}/claim`, {
      method: 'POST',
      body: {},
    });
    expect(claim.status).toBe(403);
    expect(claim.body.message).toBe('无权限：该线索由控告申诉检察部门办理，民事检察部门人员不能查看');
    const [after] = await env.db.query<{ status: string }[]>(`select status from leads where id = $1`, [
      ids.complaintOnly,
    ]);
    expect(after!.status).toBe('new');
    expect((await api(who.leader.token, `/v1/leads/${ids.complaintOnly}`)).status).toBe(200);
    expect((await api(who.nodept.token, `/v1/leads/${ids.complaintOnly}`)).status).toBe(200);
  });

  it('notifies only about leads the department sees', async () => {
    const texts = async (token: string) =>
      (await api<{ items: { text: string }[] }>(token, '/v1/casework/notifications')).body.items.map(
        (n) => n.text,
      );
    expect(await texts(who.civil.token)).not.toContain('控申线索的通知');
    expect(await texts(who.complaint.token)).toContain('控申线索的通知');
    expect(await texts(who.leader.token)).toContain('控申线索的通知');
  });

  it('keeps each recipient’s read state of notifications: one read, all read, the others’ untouched', async () => {
    type Answer = { items: { id: string; text: string; read: boolean }[]; unread: number };
    await env.db.query(
      `insert into notifications (principal_id, kind, lead_id, text, at)
       values ($1, 'assigned', $2, '分派给你的线索', now() - interval '1 minute')`,
      [who.civil.id, ids.civilOnly],
    );
    await env.db.query(
      `insert into notifications (unit_code, kind, lead_id, text) values ('330803', 'transfer', $1, '本院的线索移送')`,
      [ids.civilOnly],
    );
    const of = async (token: string) => (await api<Answer>(token, '/v1/casework/notifications')).body;
    const before = await of(who.civil.token);
    expect(before.items.map((n) => [n.text, n.read])).toEqual([
      ['本院的线索移送', false],
      ['分派给你的线索', false],
    ]);
    expect(before.unread).toBe(2);
    const office = before.items[0]!;
    const marked = await api<{ unread: number }>(
      who.civil.token,
      `/v1/casework/notifications/${office.id}/read`,
      {
        method: 'POST',
      },
    );
    expect(marked).toEqual({ status: 200, body: { unread: 1 } });
    // Read by this recipient only: another person of the office still has it unread.
    const other = await of(who.nodept.token);
    expect(other.items.find((n) => n.id === office.id)?.read).toBe(false);
    expect(
      (await api(who.civil.token, '/v1/casework/notifications/999999999/read', { method: 'POST' })).status,
    ).toBe(404);
    expect(
      (await api(who.civil.token, '/v1/casework/notifications/..%2Fx/read', { method: 'POST' })).status,
    ).toBe(400);
    expect(await api(who.civil.token, '/v1/casework/notifications/read-all', { method: 'POST' })).toEqual({
      status: 200,
      body: { unread: 0 },
    });
    const after = await of(who.civil.token);
    expect([after.unread, after.items.every((n) => n.read)]).toEqual([0, true]);
    expect((await of(who.nodept.token)).unread).toBe(other.unread);
  });

  const pdf = Buffer.from('%PDF-1.4\n% 执行款发放凭证 test\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
  const download = (attachmentId: string) =>
    fetch(`${env.baseUrl}/v1/leads/${ids.civilOnly}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${who.civil.token}` },
    });

  it('keeps the content in the store and its metadata in PostgreSQL; downloads it back, audited; refuses a changed object', async () => {
    const up = await fetch(`${env.baseUrl}/v1/leads/${ids.civilOnly}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${who.civil.token}`,
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent('执行款发放凭证.pdf'),
      },
      body: pdf,
    });
    const view = (await up.json()) as { id: string; sha256: string; sizeBytes: number };
    expect([up.status, view.sizeBytes]).toEqual([201, pdf.length]);

    const [row]: { store: string; content: Buffer | null; objectKey: string; sha256: string }[] =
      await env.db.query(
        `select store, content, object_key as "objectKey", sha256 from lead_attachments where id = $1`,
        [view.id],
      );
    expect(row).toEqual({
      store: 's3',
      content: null,
      objectKey: `attachments/${ids.civilOnly}/${view.id}`,
      sha256: view.sha256,
    });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: row!.objectKey }));
    expect(Buffer.from(await object.Body!.transformToByteArray())).toEqual(pdf);

    const res = await download(view.id);
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(pdf);
    const reads = async (): Promise<number> => {
      const r: { n: string }[] = await env.db.query(
        `select count(*) as n from audit_log where action = 'lead.attachment_read' and subject = $1`,
        [`${ids.civilOnly} attachment ${view.id}`],
      );
      return Number(r[0]!.n);
    };
    expect(await reads()).toBe(1);

    // The object is changed in the store behind the hub's back: its SHA-256 no longer matches.
    const tampered = Buffer.from(pdf.toString('latin1').replace('test', 'TEST'), 'latin1');
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: row!.objectKey, Body: tampered }));
    const refused = await download(view.id);
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { message: string }).message).toContain('SHA-256 不符');
    expect(await reads()).toBe(1);
  });
});
