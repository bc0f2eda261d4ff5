import { randomUUID } from 'node:crypto';
import { tierOfUnit } from '@zhijian/access';
import { createTestEnv, type TestEnv } from '@zhijian/testing';

interface Summary {
  id: string;
  unitCode: string;
  court: string | null;
  status: string;
  livelihood: boolean;
  claimAmount: string | null;
  deadline: { kind: string; due: string; overdue: boolean; daysOverdue: number } | null;
  availableActions: string[];
  evidence?: unknown;
}

/**
 * The console's reads (/v1/me, /v1/worklist, /v1/leads/:id/context, /v1/followups/overdue) and
 * the quarantine API's token check, on the real PostgreSQL; leads are written as screening would.
 */
describe('console API: profile, worklist, linked leads, overdue follow-ups', () => {
  let env: TestEnv;
  const t = {} as Record<'staff' | 'staffKc' | 'cityQz' | 'cityHz' | 'province' | 'operator', string>;

  beforeAll(async () => {
    env = await createTestEnv();
    await env.startHub({ ingest: false, screening: false, relay: false, api: true });
    t.staff = await env.token('staff', '330803', '王受理');
    t.staffKc = await env.token('staff', '330802');
    t.cityQz = await env.token('leader', '330800');
    t.cityHz = await env.token('leader', '330100');
    t.province = await env.token('leader', '330000');
    t.operator = await env.token('operator', '330000', '运维');
  });

  afterAll(async () => {
    await env?.close();
  });

  async function get<T>(token: string | null, path: string): Promise<{ status: number; body: T }> {
    const res = await fetch(`${env.baseUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  let seq = 0;
  async function insertLead(o: {
    unitCode: string;
    court?: string;
    status?: string;
    livelihood?: boolean;
    priority?: number;
    kind?: string;
    classLeadId?: string;
    sourceLeadId?: string;
    suggestion?: { servedOn: string; reply?: 'adopted'; repliedOn?: string };
  }): Promise<string> {
    seq += 1;
    const id = randomUUID();
    const caseNo = o.kind === 'class' ? null : `（2024）浙${o.unitCode.slice(2)}执${7000 + seq}号`;
    await env.db.query(
      `insert into leads (id, model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                          legal_basis, statement, evidence, as_of, claim_fen, livelihood, kind, class_lead_id,
                          source_lead_id, status, suggestion_no, suggestion_served_on, court_reply, court_replied_on)
       values ($1, 'wb_model', 1, $2, $3, $4, $5, 'high', $6, '测试线索', '测试依据', '测试陈述',
               '{"items": [], "parties": [{"role": "respondent", "kind": "person", "name": "张三丰", "idNo": "33080319800101123X"}], "facts": {}}',
               '2024-03-15T10:00:00+08:00', 123450, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        id,
        `wb:${seq}`,
        caseNo,
        o.unitCode,
        tierOfUnit(o.unitCode),
        o.priority ?? 15,
        o.livelihood ?? false,
        o.kind ?? 'individual',
        o.classLeadId ?? null,
        o.sourceLeadId ?? null,
        o.status ?? 'new',
        o.suggestion ? `建〔2024〕${seq}号` : null,
        o.suggestion?.servedOn ?? null,
        o.suggestion?.reply ?? null,
        o.suggestion?.repliedOn ?? null,
      ],
    );
    if (caseNo && o.court)
      await env.db.query(
        `insert into cases (case_no, court_code, court_level, case_year, type_code) values ($1, $2, 'basic', 2024, '执')`,
        [caseNo, o.court],
      );
    return id;
  }

  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ids.classQj = await insertLead({ unitCode: '330803', kind: 'class', priority: 20 });
    ids.qj1 = await insertLead({
      unitCode: '330803',
      court: '浙0803',
      livelihood: true,
      priority: 10,
      classLeadId: ids.classQj,
    });
    ids.qj2 = await insertLead({ unitCode: '330803', court: '浙0803', classLeadId: ids.classQj });
    // Served 2024-04-01 and never answered: overdue since 2024-07-02.
    ids.qjServed = await insertLead({
      unitCode: '330803',
      status: 'suggestion_issued',
      suggestion: { servedOn: '2024-04-01' },
    });
    ids.kc = await insertLead({ unitCode: '330802', court: '浙0802' });
    ids.kcAdopted = await insertLead({
      unitCode: '330802',
      status: 'court_replied',
      suggestion: { servedOn: '2024-04-01', reply: 'adopted', repliedOn: '2024-05-06' },
    });
    ids.followup = await insertLead({ unitCode: '330800', kind: 'followup', sourceLeadId: ids.qjServed });
    ids.hz = await insertLead({ unitCode: '330106', court: '浙0106' });
  });

  it('describes the caller: role, office, permissions and the offices it sees', async () => {
    const me = await get<{
      name: string;
      roleName: string;
      unitName: string;
      permissions: string[];
      offices: { unitCode: string; courts: string[] }[];
      models: { id: string; title: string }[];
    }>(t.staff, '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      name: '王受理',
      roleName: '受理、办案人员',
      unitName: '衢州市衢江区人民检察院',
      permissions: ['leads.read', 'leads.act'],
      offices: [{ unitCode: '330803', courts: ['浙0803'] }],
    });
    expect(me.body.models).toContainEqual({ id: 'zhongben_with_assets', title: '终本案件有财产可供执行' });
    const city = await get<{ offices: { unitCode: string }[] }>(t.cityQz, '/v1/me');
    expect(city.body.offices.every((o) => o.unitCode.startsWith('3308'))).toBe(true);
    const operator = await get<{ permissions: string[]; offices: unknown[] }>(t.operator, '/v1/me');
    expect(operator.body).toMatchObject({
      permissions: ['feeds.operate', 'audit.verify', 'models.trust'],
      offices: [],
    });
    expect((await get(null, '/v1/me')).status).toBe(401);
  });

  it('pages the worklist within the caller’s scope, with its total, filters and no personal data', async () => {
    const staff = await get<{ items: Summary[]; total: number }>(t.staff, '/v1/worklist?limit=2');
    expect(staff.body.total).toBe(4);
    expect(staff.body.items.map((l) => l.id)).toEqual([ids.qj1, ids.qj2]); // priority, then age
    expect(staff.body.items[0]).toMatchObject({
      court: '浙0803',
      livelihood: true,
      claimAmount: '1234.50',
      availableActions: ['claim'],
    });
    expect(staff.body.items[0]).not.toHaveProperty('evidence');
    const page2 = await get<{ items: Summary[]; total: number }>(t.staff, '/v1/worklist?limit=2&offset=2');
    expect(page2.body.items.map((l) => l.id)).toEqual([ids.qjServed, ids.classQj]);

    const city = await get<{ items: Summary[]; total: number }>(t.cityQz, '/v1/worklist?limit=200');
    expect(new Set(city.body.items.map((l) => l.unitCode))).toEqual(new Set(['330800', '330802', '330803']));
    expect(city.body.total).toBe(7);
    const hz = await get<{ items: Summary[]; total: number }>(t.cityHz, '/v1/worklist');
    expect(hz.body.items.map((l) => l.id)).toEqual([ids.hz]);
    // A filter on an office out of scope finds nothing.
    expect((await get<{ total: number }>(t.staff, '/v1/worklist?unitCode=330802')).body.total).toBe(0);

    const filtered = async (query: string) =>
      (await get<{ items: Summary[] }>(t.province, `/v1/worklist?${query}`)).body.items
        .map((l) => l.id)
        .sort();
    expect(await filtered('court=浙0803')).toEqual([ids.qj1, ids.qj2].sort());
    expect(await filtered('livelihood=true')).toEqual([ids.qj1]);
    expect(await filtered('kind=followup,class')).toEqual([ids.classQj, ids.followup].sort());
    expect(await filtered(`classLeadId=${ids.classQj}`)).toEqual([ids.qj1, ids.qj2].sort());
    expect(await filtered('status=suggestion_issued,court_replied')).toEqual(
      [ids.qjServed, ids.kcAdopted].sort(),
    );

    const bad = await get<{ fields: Record<string, string> }>(
      t.staff,
      '/v1/worklist?sort=random&limit=500&livelihood=yes',
    );
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields).sort()).toEqual(['limit', 'livelihood', 'sort']);
    expect((await get(t.operator, '/v1/worklist')).status).toBe(403);
  });

  it('computes each lead’s deadline: claim, court reply, rectification', async () => {
    const items = (await get<{ items: Summary[] }>(t.province, '/v1/worklist?limit=200')).body.items;
    const of = (id: string | undefined) => items.find((l) => l.id === id)!.deadline;
    expect(of(ids.qjServed)).toMatchObject({ kind: 'court_reply', due: '2024-07-01', overdue: true });
    // Adopted 2024-05-06; 30 days later is 2024-06-05, a Wednesday.
    expect(of(ids.kcAdopted)).toMatchObject({ kind: 'rectification', due: '2024-06-05', overdue: true });
    expect(of(ids.kc)).toMatchObject({ kind: 'claim', overdue: false });
  });

  it('links a class lead with its cases and a lead with its follow-up, within scope', async () => {
    const cls = await get<{ members: Summary[]; classLead: unknown }>(
      t.staff,
      `/v1/leads/${ids.classQj}/context`,
    );
    expect(cls.status).toBe(200);
    expect(cls.body.members.map((l) => l.id)).toEqual([ids.qj1, ids.qj2]);
    const member = await get<{ classLead: Summary | null }>(t.staff, `/v1/leads/${ids.qj1}/context`);
    expect(member.body.classLead?.id).toBe(ids.classQj);
    // The follow-up sits at the city: the county does not see it, the city does.
    expect(
      (await get<{ followups: Summary[] }>(t.staff, `/v1/leads/${ids.qjServed}/context`)).body.followups,
    ).toEqual([]);
    const city = await get<{ followups: Summary[] }>(t.cityQz, `/v1/leads/${ids.qjServed}/context`);
    expect(city.body.followups.map((l) => l.id)).toEqual([ids.followup]);
    const up = await get<{ sourceLead: Summary | null }>(t.cityQz, `/v1/leads/${ids.followup}/context`);
    expect(up.body.sourceLead?.id).toBe(ids.qjServed);
    expect((await get(t.staffKc, `/v1/leads/${ids.qj1}/context`)).status).toBe(404);
  });

  it('lists the 检察建议 past their deadlines and the open follow-up leads, by scope', async () => {
    const city = await get<{
      overdue: Summary[];
      pending: number;
      followups: { total: number; items: Summary[] };
    }>(t.cityQz, '/v1/followups/overdue');
    expect(city.status).toBe(200);
    expect(city.body.overdue.map((l) => l.id).sort()).toEqual([ids.qjServed, ids.kcAdopted].sort());
    expect(city.body.overdue[0]!.deadline!.daysOverdue).toBeGreaterThanOrEqual(
      city.body.overdue[1]!.deadline!.daysOverdue,
    );
    expect(city.body.followups).toMatchObject({ total: 1, items: [{ id: ids.followup }] });
    const hz = await get<{ overdue: Summary[]; followups: { total: number } }>(
      t.cityHz,
      '/v1/followups/overdue',
    );
    expect([hz.body.overdue, hz.body.followups.total]).toEqual([[], 0]);
    expect((await get(t.staff, '/v1/followups/overdue')).status).toBe(403);
  });

  it('holds the quarantine API to a bearer token with feeds.operate', async () => {
    expect((await get(null, '/v1/quarantine')).status).toBe(401);
    expect((await get(t.operator, '/v1/quarantine')).status).toBe(200);
    const staff = await get<{ message: string }>(t.staff, '/v1/quarantine');
    expect([staff.status, staff.body.message]).toEqual([403, '无权限：受理、办案人员不能管理数据接入']);
    expect((await get('zjt_unknown', '/v1/quarantine')).status).toBe(401);
  });
});
