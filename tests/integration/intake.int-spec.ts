import { randomUUID } from 'node:crypto';
import { tierOfUnit, type Role, PrincipalDirectory } from '@zhijian/access';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

interface Lead {
  id: string;
  unitCode: string;
  status: string;
  version: number;
  claimedBy: { id: string; name: string } | null;
  evidence: { parties: { kind: string; name: string; idNo?: string; uscc?: string }[] };
  availableActions: string[];
  suggestion: { number: string; servedOn: string; extended: boolean } | null;
  courtReply: { reply: string; repliedOn: string } | null;
  recoveredFen: number | null;
  recoveredAmount: string | null;
}

const PERSON = { role: 'respondent', kind: 'person', name: '张三丰', idNo: '33080319800101123X' };
const ORG = { role: 'respondent', kind: 'org', name: '某某建设有限公司', uscc: '91350100M000100Y43' };

describe('intake API: access, scope, audit, lifecycle, rates', () => {
  let env: TestEnv;
  const tokens = {} as Record<
    | 'staffA'
    | 'staffB'
    | 'staffHz'
    | 'prosecutorA'
    | 'cityLeaderQz'
    | 'cityLeaderHz'
    | 'provinceLeader'
    | 'provinceProsecutor'
    | 'system'
    | 'operator'
    | 'disabled',
    string
  >;
  const principalIds: Record<string, string> = {};

  beforeAll(async () => {
    // Written for zhongben_with_assets; the rest of the catalogue has its own specs.
    env = await createTestEnv({ enabledModels: ['zhongben_with_assets'] });
    await env.startHub({ ingest: false, screening: false, relay: true, api: true });
    const make: [keyof typeof tokens, Role, string][] = [
      ['staffA', 'staff', '330803'],
      ['staffB', 'staff', '330802'],
      ['staffHz', 'staff', '330106'],
      ['prosecutorA', 'prosecutor', '330803'],
      ['cityLeaderQz', 'leader', '330800'],
      ['cityLeaderHz', 'leader', '330100'],
      ['provinceLeader', 'leader', '330000'],
      ['provinceProsecutor', 'prosecutor', '330000'],
      ['system', 'system', '330000'],
      ['operator', 'operator', '330000'],
      ['disabled', 'staff', '330803'],
    ];
    for (const [key, role, unit] of make) {
      const p = await env.principal(role, unit, key);
      tokens[key] = p.token;
      principalIds[key] = p.id;
    }
    await new PrincipalDirectory().disable(env.db.manager, principalIds.disabled!);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function call<T = Record<string, unknown>>(
    token: string | null,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = (text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as T;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  const get = <T = Record<string, unknown>>(
    token: string | null,
    path: string,
    headers?: Record<string, string>,
  ) => call<T>(token, 'GET', path, undefined, headers);
  const post = <T = Lead>(token: string | null, path: string, body?: unknown) =>
    call<T>(token, 'POST', path, body);
  const list = async (token: string, query: string) =>
    (await get<{ items: Lead[] }>(token, `/v1/leads?${query}`)).body.items;

  let seq = 0;
  /** A lead as screening would store it (and, with `outbox`, its outbox entry for the relay). */
  async function insertLead(o: {
    unitCode: string;
    modelId: string;
    claimFen?: number | null;
    caseNo?: string | null;
    asOf?: string;
    priority?: number;
    outbox?: boolean;
  }): Promise<string> {
    seq += 1;
    const id = randomUUID();
    const caseNo = o.caseNo === undefined ? `（2024）浙${o.unitCode.slice(2)}执${9000 + seq}号` : o.caseNo;
    await env.db.query(
      `insert into leads (id, model_id, model_version, dedup_key, case_no, unit_code, tier, severity, priority, title,
                          legal_basis, statement, evidence, as_of, claim_fen)
       values ($1, $2, 1, $3, $4, $5, $6, 'high', $7, '测试线索', '测试依据', '测试陈述', $8, $9, $10)`,
      [
        id,
        o.modelId,
        `test:${seq}`,
        caseNo,
        o.unitCode,
        tierOfUnit(o.unitCode),
        o.priority ?? 15,
        { items: [], parties: [PERSON, ORG], facts: {} },
        o.asOf ?? '2024-03-15T10:00:00+08:00',
        o.claimFen ?? null,
      ],
    );
    if (o.outbox)
      await env.db.query(`insert into outbox (lead_id, queue, priority, payload) values ($1, $2, 15, $3)`, [
        id,
        `intake-${o.unitCode}`,
        { leadId: id, modelId: o.modelId, caseNo, unitCode: o.unitCode, severity: 'high', title: '测试线索' },
      ]);
    return id;
  }

  describe('authentication', () => {
    it('answers 401 in Chinese to a missing, unknown or disabled token', async () => {
      for (const token of [null, 'zjt_not-a-token', tokens.disabled]) {
        const r = await get(token, '/v1/leads');
        expect(r.status).toBe(401);
        expect(r.body.message).toMatch(/^未认证：请提供有效的访问令牌/);
        expect(r.headers.get('www-authenticate')).toContain('Bearer');
      }
      expect((await get(null, '/v1/inbox')).status).toBe(401);
      expect((await post(null, `/v1/leads/${randomUUID()}/claim`)).status).toBe(401);
    });

    it('answers 403 in Chinese to a role without the permission', async () => {
      const r = await get(tokens.operator, '/v1/leads');
      expect(r.status).toBe(403);
      expect(r.body.message).toBe('无权限：运维人员不能查看线索');
      expect((await get(tokens.staffA, '/v1/rates')).status).toBe(403);
      expect((await get(tokens.staffA, '/v1/audit/verify')).status).toBe(403);
    });
  });

  describe('scope', () => {
    const ids: Record<string, string> = {};
    const model = 'scope_model';
    const seen = async (token: string) =>
      (await list(token, `modelId=${model}`)).map((l) => l.unitCode).sort();

    beforeAll(async () => {
      for (const unit of ['330803', '330802', '330800', '330106', '330000'])
        ids[unit] = await insertLead({ unitCode: unit, modelId: model });
    });

    it('lists a county its own leads, a city its own and its counties’, the province all', async () => {
      expect(await seen(tokens.staffA)).toEqual(['330803']);
      expect(await seen(tokens.staffB)).toEqual(['330802']);
      expect(await seen(tokens.staffHz)).toEqual(['330106']);
      expect(await seen(tokens.cityLeaderQz)).toEqual(['330800', '330802', '330803']);
      expect(await seen(tokens.cityLeaderHz)).toEqual(['330106']);
      expect(await seen(tokens.provinceLeader)).toEqual(['330000', '330106', '330800', '330802', '330803']);
      // A filter on an office out of scope finds nothing rather than widening the scope.
      expect(await list(tokens.staffA, `modelId=${model}&unitCode=330802`)).toEqual([]);
    });

    it('answers 404 for a lead out of scope, exactly as for one that does not exist', async () => {
      expect((await get(tokens.staffA, `/v1/leads/${ids['330803']}`)).status).toBe(200);
      const other = await get(tokens.staffA, `/v1/leads/${ids['330802']}`);
      const missing = await get(tokens.staffA, `/v1/leads/${randomUUID()}`);
      expect(other.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(Object.keys(other.body).sort()).toEqual(Object.keys(missing.body).sort());
      expect(JSON.stringify(other.body)).not.toContain('测试');
      expect((await get(tokens.cityLeaderQz, `/v1/leads/${ids['330106']}`)).status).toBe(404);
      expect((await get(tokens.cityLeaderQz, `/v1/leads/${ids['330000']}`)).status).toBe(404);
      expect((await get(tokens.cityLeaderQz, `/v1/leads/${ids['330803']}`)).status).toBe(200);
      expect((await get(tokens.provinceLeader, `/v1/leads/${ids['330106']}`)).status).toBe(200);
      expect((await get(tokens.staffB, `/v1/leads/${ids['330803']}/history`)).status).toBe(404);
      expect((await post(tokens.staffB, `/v1/leads/${ids['330803']}/claim`)).status).toBe(404);
    });

    it('serves the inbox: the own office’s new and claimed leads, most urgent first', async () => {
      const urgent = await insertLead({ unitCode: '330881', modelId: 'inbox_model', priority: 5 });
      const later = await insertLead({ unitCode: '330881', modelId: 'inbox_model', priority: 25 });
      const done = await insertLead({ unitCode: '330881', modelId: 'inbox_model', priority: 1 });
      await env.db.query(`update leads set status = 'closed' where id = $1`, [done]);
      await insertLead({ unitCode: '330800', modelId: 'inbox_model', priority: 1 });
      const staff = await env.token('staff', '330881');
      const inbox = await get<{ items: Lead[] }>(staff, '/v1/inbox');
      expect(inbox.body.items.map((l) => l.id)).toEqual([urgent, later]);
      expect((await post(staff, `/v1/leads/${later}/claim`)).status).toBe(200);
      const after = await get<{ items: Lead[] }>(staff, '/v1/inbox');
      expect(after.body.items.map((l) => [l.id, l.status])).toEqual([
        [urgent, 'new'],
        [later, 'claimed'],
      ]);
      // A city's inbox is its own office's, not its counties'.
      const city = await get<{ items: Lead[] }>(tokens.cityLeaderQz, '/v1/inbox');
      expect(city.body.items.every((l) => l.unitCode === '330800')).toBe(true);
    });

    it('filters by status, severity, court and business date, and checks the parameters', async () => {
      const items = await list(
        tokens.provinceLeader,
        `modelId=${model}&status=new&severity=high&court=浙0803`,
      );
      expect(items).toEqual([]); // no cases row: the court of a lead is its case's
      await env.db.query(
        `insert into cases (case_no, court_code, court_level, case_year, type_code) select case_no, '浙0803', 'basic', 2024, '执'
         from leads where id = $1`,
        [ids['330803']],
      );
      const byCourt = await list(
        tokens.provinceLeader,
        `modelId=${model}&court=${encodeURIComponent('浙0803')}`,
      );
      expect(byCourt.map((l) => l.id)).toEqual([ids['330803']]);
      expect(
        await list(tokens.provinceLeader, `modelId=${model}&from=2024-03-15&to=2024-03-15`),
      ).toHaveLength(5);
      expect(await list(tokens.provinceLeader, `modelId=${model}&from=2024-03-16`)).toHaveLength(0);
      expect(await list(tokens.provinceLeader, `modelId=${model}&status=closed`)).toHaveLength(0);
      const bad = await get(tokens.provinceLeader, '/v1/leads?status=open&limit=0&from=2024-02-30');
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({
        status: expect.stringContaining('“open”无效') as string,
        limit: '每页条数 limit须为 1–1000 之间的整数',
        from: expect.stringContaining('YYYY-MM-DD') as string,
      });
    });
  });

  describe('masking', () => {
    let id: string;
    beforeAll(async () => {
      id = await insertLead({ unitCode: '330803', modelId: 'masking_model' });
    });

    const partiesAs = async (token: string) =>
      (await get<Lead>(token, `/v1/leads/${id}`)).body.evidence.parties;

    it('masks persons’ ID numbers and names for staff and leaders in the detail; lists carry no evidence', async () => {
      for (const token of [tokens.staffA, tokens.cityLeaderQz]) {
        expect(await partiesAs(token)).toEqual([
          { ...PERSON, name: '张**', idNo: '330803********123X' },
          ORG,
        ]);
      }
      const [listed] = await list(tokens.staffA, 'modelId=masking_model');
      expect(listed).toMatchObject({ modelId: 'masking_model' });
      expect(listed).not.toHaveProperty('evidence');
    });

    it('shows them to roles that read unmasked: prosecutors and systems', async () => {
      expect(await partiesAs(tokens.prosecutorA)).toEqual([PERSON, ORG]);
      expect(await partiesAs(tokens.system)).toEqual([PERSON, ORG]);
    });
  });

  describe('lifecycle over HTTP', () => {
    const model = 'lifecycle_model';

    it('walks claim → accept → suggestion → extension → reply → rectification → close, refusing illegal moves', async () => {
      const id = await insertLead({ unitCode: '330803', modelId: model });
      const staff = tokens.staffA;
      const path = (action: string) => `/v1/leads/${id}/${action}`;
      const conflict = async (action: string, body: unknown, message: string) => {
        const r = await post<{ message: string }>(staff, path(action), body);
        expect([r.status, r.body.message]).toEqual([409, message]);
      };

      await conflict('accept', {}, '线索当前状态为“新线索”，不能执行“受理”（仅限：已认领）');
      await conflict(
        'close',
        undefined,
        '线索当前状态为“新线索”，不能执行“办结”（仅限：已受理（立案审查）、不予受理、法院已回复、已整改）',
      );
      const fresh = (await get<Lead>(staff, `/v1/leads/${id}`)).body;
      expect(fresh.availableActions).toEqual(['claim']);

      const claimed = await post(staff, path('claim'));
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({
        status: 'claimed',
        version: fresh.version + 1,
        claimedBy: { id: principalIds.staffA, name: 'staffA' },
        availableActions: ['accept', 'reject'],
      });
      await conflict('claim', {}, '线索当前状态为“已认领”，不能执行“认领”（仅限：新线索）');
      await conflict('accept', { version: fresh.version }, '线索已被他人更新，请刷新');
      expect((await post(tokens.cityLeaderQz, path('accept'))).status).toBe(403); // leaders do not act

      expect((await post(staff, path('accept'), { version: claimed.body.version })).body.status).toBe(
        'accepted',
      );
      await conflict(
        'court-reply',
        { reply: 'adopted', repliedOn: '2024-05-01' },
        '线索当前状态为“已受理（立案审查）”，不能执行“登记法院回复”（仅限：已发出检察建议）',
      );
      const badSuggestion = await post<{ fields: Record<string, string> }>(staff, path('suggestion'), {
        servedOn: '2024-02-30',
      });
      expect(badSuggestion.status).toBe(400);
      expect(badSuggestion.body.fields).toEqual({
        number: '请填写检察建议文号 number',
        servedOn: '送达日期 servedOn须为 YYYY-MM-DD 格式的有效日期，收到“2024-02-30”',
      });
      await conflict(
        'suggestion-extension',
        {},
        '线索当前状态为“已受理（立案审查）”，不能延长检察建议回复期限（仅限：已发出检察建议）',
      );

      const issued = await post(staff, path('suggestion'), {
        number: '衢江检民建〔2024〕1号',
        servedOn: '2024-04-01',
      });
      expect(issued.body).toMatchObject({
        status: 'suggestion_issued',
        suggestion: { number: '衢江检民建〔2024〕1号', servedOn: '2024-04-01', extended: false },
      });
      expect(
        (await post(staff, path('suggestion-extension'), { reason: '法院申请延期' })).body.suggestion,
      ).toEqual({
        number: '衢江检民建〔2024〕1号',
        servedOn: '2024-04-01',
        extended: true,
      });
      await conflict('suggestion-extension', {}, '检察建议回复期限已延长过，不能再次延长');

      const early = await post<{ fields: Record<string, string> }>(staff, path('court-reply'), {
        reply: 'adopted',
        repliedOn: '2024-03-31',
      });
      expect([early.status, early.body.fields]).toEqual([
        400,
        { repliedOn: '回复日期不能早于检察建议送达日期 2024-04-01' },
      ]);
      const badReply = await post<{ fields: Record<string, string> }>(staff, path('court-reply'), {
        reply: 'maybe',
      });
      expect(Object.keys(badReply.body.fields).sort()).toEqual(['repliedOn', 'reply']);
      expect(
        (await post(staff, path('court-reply'), { reply: 'adopted', repliedOn: '2024-06-20' })).body,
      ).toMatchObject({
        status: 'court_replied',
        courtReply: { reply: 'adopted', repliedOn: '2024-06-20' },
      });

      for (const amount of [1234.5, '12.345', '-1', '']) {
        const r = await post<{ fields: Record<string, string> }>(staff, path('rectification'), {
          recoveredAmount: amount,
        });
        expect(r.status).toBe(400);
        expect(r.body.fields.recoveredAmount).toMatch(/追回金额/);
      }
      expect((await post(staff, path('rectification'), { recoveredAmount: '1234.50' })).body).toMatchObject({
        status: 'rectified',
        recoveredFen: 123450,
        recoveredAmount: '1234.50',
      });
      const closed = await post(staff, path('close'), { reason: '整改到位' });
      expect(closed.body).toMatchObject({ status: 'closed', availableActions: [] });
      await conflict(
        'close',
        {},
        '线索当前状态为“已办结”，不能执行“办结”（仅限：已受理（立案审查）、不予受理、法院已回复、已整改）',
      );

      const history = await get<{
        transitions: { action: string; from: string; to: string; actor: { name: string } }[];
      }>(staff, `/v1/leads/${id}/history`);
      expect(history.body.transitions.map((t) => [t.action, t.from, t.to])).toEqual([
        ['claim', 'new', 'claimed'],
        ['accept', 'claimed', 'accepted'],
        ['issue_suggestion', 'accepted', 'suggestion_issued'],
        ['extend_suggestion', 'suggestion_issued', 'suggestion_issued'],
        ['record_reply', 'suggestion_issued', 'court_replied'],
        ['record_rectification', 'court_replied', 'rectified'],
        ['close', 'rectified', 'closed'],
      ]);
      expect(history.body.transitions.every((t) => t.actor.name === 'staffA')).toBe(true);
      const audited: { action: string }[] = await env.db.query(
        `select action from audit_log where subject = $1 and action not in ('lead.read', 'lead.history') order by id`,
        [id],
      );
      expect(audited.map((a) => a.action)).toEqual([
        'lead.claim',
        'lead.accept',
        'lead.issue_suggestion',
        'lead.extend_suggestion',
        'lead.record_reply',
        'lead.record_rectification',
        'lead.close',
      ]);
    });

    it('rejects only with a reason, closes a rejected lead, and refuses rectification without adoption', async () => {
      const id = await insertLead({ unitCode: '330803', modelId: model });
      await post(tokens.prosecutorA, `/v1/leads/${id}/claim`);
      const noReason = await post<{ message: string; fields: Record<string, string> }>(
        tokens.prosecutorA,
        `/v1/leads/${id}/reject`,
        { reason: '  ' },
      );
      expect([noReason.status, noReason.body.fields]).toEqual([
        400,
        { reason: '请填写不予受理的理由 reason' },
      ]);
      expect(noReason.body.message).toBe('请求有误：请填写不予受理的理由 reason');
      const notJson = await post(tokens.prosecutorA, `/v1/leads/${id}/reject`, ['a']);
      expect(notJson.status).toBe(400);
      const rejected = await post(tokens.prosecutorA, `/v1/leads/${id}/reject`, {
        reason: '财产已于终本前处置',
      });
      expect(rejected.body).toMatchObject({ status: 'rejected', availableActions: ['close'] });
      expect((await post(tokens.prosecutorA, `/v1/leads/${id}/close`)).body.status).toBe('closed');

      const other = await insertLead({ unitCode: '330803', modelId: model });
      for (const [action, body] of [
        ['claim', {}],
        ['accept', {}],
        ['suggestion', { number: 'X', servedOn: '2024-04-01' }],
        ['court-reply', { reply: 'not_adopted', repliedOn: '2024-05-01' }],
      ] as const)
        expect((await post(tokens.prosecutorA, `/v1/leads/${other}/${action}`, body)).status).toBe(200);
      const r = await post<{ message: string }>(tokens.prosecutorA, `/v1/leads/${other}/rectification`, {
        recoveredAmount: '10.00',
      });
      expect([r.status, r.body.message]).toEqual([409, '法院未采纳检察建议，不能登记整改情况']);
    });

    it('lets one of two simultaneous claims win; the other is refused with 409', async () => {
      const id = await insertLead({ unitCode: '330803', modelId: model });
      const answers = await Promise.all([
        post(tokens.staffA, `/v1/leads/${id}/claim`),
        post(tokens.prosecutorA, `/v1/leads/${id}/claim`),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      expect(
        await countOf(env.db, `select count(*)::int as n from lead_transitions where lead_id = $1`, [id]),
      ).toBe(1);
    });
  });

  describe('rates', () => {
    // The outcomes, by hand: what each lead went through, and the expected counts from them.
    const outcomes = [
      {
        model: 'rate_m1',
        unit: '330281',
        month: '2024-03',
        claim: 500_000,
        path: ['claim', 'accept', 'suggest', 'adopted', 'rectify:1000.00', 'close'],
      },
      {
        model: 'rate_m1',
        unit: '330281',
        month: '2024-03',
        claim: null,
        caseClaim: 200_000,
        path: ['claim', 'accept', 'suggest', 'not_adopted', 'close'],
      },
      { model: 'rate_m2', unit: '330282', month: '2024-03', claim: 90_000, path: ['claim', 'reject'] },
      {
        model: 'rate_m2',
        unit: '330200',
        month: '2024-04',
        claim: 80_000,
        path: ['claim', 'accept', 'close'],
      },
      { model: 'rate_m1', unit: '330282', month: '2024-04', claim: 70_000, path: [] },
      {
        model: 'rate_m2',
        unit: '330282',
        month: '2024-04',
        claim: 300_000,
        path: ['claim', 'accept', 'suggest', 'adopted'],
      },
    ];

    const rate = (numerator: number, denominator: number) => ({
      numerator,
      denominator,
      rate: denominator ? numerator / denominator : null,
    });

    function expected(by: 'model' | 'unit' | 'month') {
      const keys = [...new Set(outcomes.map((o) => o[by]))].sort();
      const of = (rows: typeof outcomes, key: string) => {
        const has = (o: (typeof outcomes)[number], step: string) => o.path.some((s) => s.startsWith(step));
        const supervised = rows.filter((o) => has(o, 'suggest'));
        const adopted = rows.filter((o) => has(o, 'adopted'));
        return {
          key,
          leads: rows.length,
          conversion: rate(rows.filter((o) => has(o, 'accept')).length, rows.length),
          adoption: rate(adopted.length, supervised.length),
          rectification: rate(adopted.filter((o) => has(o, 'rectify')).length, adopted.length),
          recovery: rate(
            supervised.reduce((s, o) => s + (o.path.includes('rectify:1000.00') ? 100_000 : 0), 0),
            supervised.reduce((s, o) => s + (o.claim ?? o.caseClaim ?? 0), 0),
          ),
        };
      };
      return {
        groups: keys.map((k) =>
          of(
            outcomes.filter((o) => o[by] === k),
            k,
          ),
        ),
        total: of(outcomes, 'total'),
      };
    }

    let ningbo: string;

    beforeAll(async () => {
      ningbo = await env.token('leader', '330200');
      const actor = tokens.provinceProsecutor;
      for (const o of outcomes) {
        const caseNo = `（2024）浙${o.unit.slice(2)}执${8000 + seq}号`;
        const id = await insertLead({
          unitCode: o.unit,
          modelId: o.model,
          claimFen: o.claim,
          caseNo,
          asOf: `${o.month}-10T10:00:00+08:00`,
        });
        if (o.caseClaim)
          await env.db.query(
            `insert into cases (case_no, court_code, court_level, case_year, type_code, claim_fen)
             values ($1, $2, 'basic', 2024, '执', $3)`,
            [caseNo, `浙${o.unit.slice(2)}`, o.caseClaim],
          );
        for (const step of o.path) {
          const [name, arg] = step.split(':');
          const [action, body] = {
            claim: ['claim', {}],
            accept: ['accept', {}],
            reject: ['reject', { reason: '不属实' }],
            suggest: ['suggestion', { number: `建〔2024〕${seq}号`, servedOn: '2024-05-01' }],
            adopted: ['court-reply', { reply: 'adopted', repliedOn: '2024-06-01' }],
            not_adopted: ['court-reply', { reply: 'not_adopted', repliedOn: '2024-06-01' }],
            rectify: ['rectification', { recoveredAmount: arg }],
            close: ['close', {}],
          }[name!]!;
          const r = await post(actor, `/v1/leads/${id}/${action as string}`, body);
          expect([step, r.status]).toEqual([step, 200]);
        }
      }
    });

    it.each(['model', 'unit', 'month'] as const)(
      'equals the rates computed by hand, grouped by %s',
      async (by) => {
        const mine = expected(by);
        // The city of Ningbo sees exactly these leads.
        const city = await get<{ groups: unknown[]; total: unknown }>(ningbo, `/v1/rates?groupBy=${by}`);
        expect(city.status).toBe(200);
        expect(city.body.groups).toEqual(mine.groups);
        expect(city.body.total).toEqual(mine.total);
        if (by === 'model') {
          // The province sees the other tests' leads too, under other models.
          const province = await get<{ groups: { key: string }[] }>(
            tokens.provinceLeader,
            '/v1/rates?groupBy=model&from=2024-03-01&to=2024-04-30',
          );
          expect(province.body.groups.filter((g) => g.key.startsWith('rate_'))).toEqual(mine.groups);
        }
      },
    );

    it('limits rates to the caller’s scope and period', async () => {
      // Hangzhou's leader sees Hangzhou's one lead (of the scope tests), none of Ningbo's.
      const hz = await get<{ groups: { key: string }[]; total: { leads: number } }>(
        tokens.cityLeaderHz,
        '/v1/rates?groupBy=unit',
      );
      expect(hz.body.groups.map((g) => g.key)).toEqual(['330106']);
      expect(hz.body.total.leads).toBe(1);
      const april = await get<{ total: { leads: number } }>(
        ningbo,
        '/v1/rates?from=2024-04-01&to=2024-04-30',
      );
      expect(april.body.total.leads).toBe(outcomes.filter((o) => o.month === '2024-04').length);
      expect((await get(ningbo, '/v1/rates?groupBy=court')).status).toBe(400);
    });
  });

  describe('reassignment', () => {
    it('moves the lead and its job to the new office’s queue, within the caller’s scope', async () => {
      const id = await insertLead({ unitCode: '330803', modelId: 'reassign_model', outbox: true });
      const from = env.queue('intake-330803');
      await waitFor('job in intake-330803', async () => (await from.getJob(id)) ?? undefined);

      const path = `/v1/leads/${id}/reassign`;
      expect((await post(tokens.staffA, path, { toUnit: '330802', reason: 'x' })).status).toBe(403);
      const out = await post<{ message: string }>(tokens.cityLeaderQz, path, {
        toUnit: '330106',
        reason: '管辖',
      });
      expect([out.status, out.body.message]).toEqual([
        403,
        '无权改派至杭州市西湖区人民检察院（330106）：只能改派至本院及所辖检察院',
      ]);
      const unknown = await post<{ fields: Record<string, string> }>(tokens.provinceLeader, path, {
        toUnit: '339999',
        reason: 'x',
      });
      expect([unknown.status, unknown.body.fields]).toEqual([400, { toUnit: '未知的检察院代码 339999' }]);
      const noReason = await post<{ fields: Record<string, string> }>(tokens.provinceLeader, path, {
        toUnit: '330802',
      });
      expect([noReason.status, Object.keys(noReason.body.fields)]).toEqual([400, ['reason']]);

      const moved = await post<Lead & { reassignment: unknown }>(tokens.cityLeaderQz, path, {
        toUnit: '330802',
        reason: '被执行人住所地在柯城区',
      });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({
        unitCode: '330802',
        status: 'new',
        reassignment: { fromUnit: '330803', toUnit: '330802', job: 'moved' },
      });
      const job = await env.queue('intake-330802').getJob(id);
      expect(job?.data).toMatchObject({ leadId: id, unitCode: '330802' });
      expect(await from.getJob(id)).toBeUndefined();
      expect((await get(tokens.staffA, `/v1/leads/${id}`)).status).toBe(404);
      expect((await get(tokens.staffB, `/v1/leads/${id}`)).status).toBe(200);

      const again = await post<Lead & { reassignment: unknown }>(tokens.provinceLeader, path, {
        toUnit: '330106',
        reason: '省院指定管辖',
      });
      expect(again.body).toMatchObject({
        unitCode: '330106',
        tier: 'county',
        reassignment: { job: 'moved' },
      });
      expect(await env.queue('intake-330106').getJob(id)).toBeDefined();
      expect(await env.queue('intake-330802').getJob(id)).toBeUndefined();

      const history = await get<{
        assignments: { kind: string; fromUnit: string; toUnit: string; reason: string }[];
      }>(tokens.provinceLeader, `/v1/leads/${id}/history`);
      expect(history.body.assignments).toEqual([
        expect.objectContaining({
          kind: 'reassign',
          fromUnit: '330803',
          toUnit: '330802',
          reason: '被执行人住所地在柯城区',
        }),
        expect.objectContaining({
          kind: 'reassign',
          fromUnit: '330802',
          toUnit: '330106',
          reason: '省院指定管辖',
        }),
      ]);

      await post(tokens.staffHz, `/v1/leads/${id}/claim`);
      const claimed = await post<{ message: string }>(tokens.provinceLeader, path, {
        toUnit: '330803',
        reason: 'x',
      });
      expect([claimed.status, claimed.body.message]).toEqual([
        409,
        '线索当前状态为“已认领”，只能改派尚未认领的新线索',
      ]);
    });
  });

  describe('operations', () => {
    it('serves Prometheus metrics without a token', async () => {
      const r = await get<string>(null, '/metrics');
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/plain');
      expect(r.body).toContain('process_cpu_user_seconds_total');
      expect(r.body).toMatch(/zhijian_leads\{model="lifecycle_model",status="closed"\} \d+/);
      expect(r.body).toContain('zhijian_outbox_backlog');
      expect(r.body).toContain('zhijian_screening_backlog');
    });

    it('documents the intake endpoints with bearer authentication', async () => {
      const doc = (
        await get<{ paths: Record<string, unknown>; components: { securitySchemes: object } }>(
          null,
          '/docs-json',
        )
      ).body;
      for (const p of [
        '/v1/leads',
        '/v1/inbox',
        '/v1/leads/{id}/claim',
        '/v1/leads/{id}/reassign',
        '/v1/rates',
        '/v1/audit/verify',
      ])
        expect(doc.paths).toHaveProperty([p]);
      expect(doc.components.securitySchemes).toHaveProperty('bearer');
    });
  });

  // Last: it breaks the chain on purpose.
  describe('audit log', () => {
    const cli = () => env.runCli('audit', 'verify');

    it('records every read of a lead’s detail with who, when and why, in one keyed chain', async () => {
      const id = await insertLead({ unitCode: '330803', modelId: 'audit_model' });
      const before = await countOf(env.db, `select count(*)::int as n from audit_log`);
      await get(tokens.staffA, `/v1/leads/${id}`, { 'x-read-reason': encodeURIComponent('复核线索') });
      await get(tokens.prosecutorA, `/v1/leads/${id}?reason=${encodeURIComponent('立案审查')}`);
      await get(tokens.cityLeaderQz, `/v1/leads/${id}`);
      await list(tokens.staffA, 'modelId=audit_model'); // one row of its own: filters and count
      // Concurrent appends still form one chain.
      await Promise.all(Array.from({ length: 20 }, () => get(tokens.system, `/v1/leads/${id}`)));
      const rows: { actor: string; action: string; reason: string | null; at: Date }[] = await env.db.query(
        `select actor, action, reason, at from audit_log where subject = $1 order by id`,
        [id],
      );
      expect(rows.slice(0, 3).map((r) => [r.actor, r.action, r.reason])).toEqual([
        [`staffA [${principalIds.staffA}]`, 'lead.read', '复核线索'],
        [`prosecutorA [${principalIds.prosecutorA}]`, 'lead.read', '立案审查'],
        [`cityLeaderQz [${principalIds.cityLeaderQz}]`, 'lead.read', null],
      ]);
      expect(rows).toHaveLength(23);
      const listed: { subject: string }[] = await env.db.query(
        `select subject from audit_log where action = 'lead.list' and actor = $1 order by id desc limit 1`,
        [`staffA [${principalIds.staffA}]`],
      );
      expect(listed[0]?.subject).toMatch(
        /^leads \{"filters":\{.*"modelId":"audit_model".*\},"scope":"330803","count":1\}$/,
      );
      expect(await countOf(env.db, `select count(*)::int as n from audit_log`)).toBe(before + 24);

      const total = await countOf(env.db, `select count(*)::int as n from audit_log`);
      const verified = await get(tokens.operator, '/v1/audit/verify');
      expect(verified.body).toMatchObject({ ok: true, entries: total, firstBrokenId: null, problem: null });
      const ok = await cli();
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain(`audit log OK: ${total} entries`);
    });

    it('refuses to change a row, and finds a row changed behind its back', async () => {
      const rows: { id: string }[] = await env.db.query(
        `select a.id::text as id from audit_log a order by a.id offset 3 limit 1`,
      );
      const victim = rows[0];
      await expect(
        env.db.query(`update audit_log set actor = 'x' where id = $1`, [victim!.id]),
      ).rejects.toThrow(/append-only/);
      await env.db.query(`alter table audit_log disable trigger audit_log_no_change`);
      await env.db.query(`update audit_log set reason = '篡改' where id = $1`, [victim!.id]);
      await env.db.query(`alter table audit_log enable trigger audit_log_no_change`);

      const verified = await get<{ ok: boolean; firstBrokenId: string; entries: number }>(
        tokens.operator,
        '/v1/audit/verify',
      );
      expect(verified.body).toMatchObject({
        ok: false,
        entries: 3,
        firstBrokenId: victim!.id,
        problem: 'edited',
      });
      const broken = await cli();
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`audit log BROKEN at entry ${victim!.id}`);
    });
  });
});
