import { REFERRAL_DEFAULTS } from '@zhijian/config';
import { queueNameOf } from '@zhijian/contracts';
import { caseFiled, courtEvent, idCardOf, usccOf, type WireEnvelope } from '@zhijian/simulator';
import { countOf, createTestEnv, waitFor, type TestEnv } from '@zhijian/testing';

/**
 * Leads that later facts cure (issue 11, spec §7), end to end through Kafka: a new lead whose
 * inquiry arrives late is withdrawn (its job leaves the office's queue, the facts kept, history,
 * audit, rates); a claimed lead is flagged 事实已变更 and its handler withdraws it or carries on;
 * with a settle time, a lead cured before it settles is never queued. Model: 财产查询不及时
 * (no inquiry within 30 days of filing), filings of 2024 judged live (business time now).
 */
const COURT = '浙0803';
const UNIT = '330803';
const bank = { kind: 'org' as const, name: '衢州某银行股份有限公司', uscc: usccOf(UNIT, 1) };
let serial = 0;

function filed(n: number): WireEnvelope {
  return caseFiled({
    eventId: `late-filed-${n}`,
    courtCode: COURT,
    caseNo: caseNo(n),
    filedOn: '2024-03-01',
    claimFen: 5_000_000,
    applicants: [bank],
    respondents: [{ kind: 'person', name: `被执行人${n}`, idNo: idCardOf(UNIT, '1980-01-01', n) }],
  });
}

function inquiry(n: number, on: string): WireEnvelope {
  serial++;
  return courtEvent({
    eventId: `late-inquiry-${n}-${serial}`,
    courtCode: COURT,
    caseNo: caseNo(n),
    type: 'inquiry.performed',
    on,
    fields: {
      channel: 'network_national',
      scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
      found: false,
    },
  });
}

const caseNo = (n: number) => `（2024）${COURT}执${n}号`;

interface LeadRow {
  id: string;
  status: string;
  withdrawnBy: string | null;
  factsChangedAt: Date | null;
}

async function leadOf(env: TestEnv, n: number): Promise<LeadRow | undefined> {
  const rows: LeadRow[] = await env.db.query(
    `select id, status, withdrawn_by as "withdrawnBy", facts_changed_at as "factsChangedAt"
     from leads where model_id = 'asset_inquiry_late' and case_no = $1`,
    [caseNo(n)],
  );
  return rows[0];
}

async function api<T>(
  env: TestEnv,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.baseUrl}${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(init.headers ?? {}),
    },
  });
  return { status: res.status, body: (await res.json()) as T };
}

describe('later facts cure leads: withdrawal, flags, settle time', () => {
  describe('queued at once (LEAD_SETTLE_MINUTES=0)', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await createTestEnv({ enabledModels: ['asset_inquiry_late'] });
      await env.startHub();
    });
    afterAll(async () => {
      await env?.close();
    });

    it('withdraws a new lead whose inquiry arrives late: out of its queue, facts kept, history and audit, no rate', async () => {
      await env.publishAndWait([filed(1)]);
      await env.settled();
      const raised = await leadOf(env, 1);
      expect(raised?.status).toBe('new');
      const job = await env.jobOf(UNIT, raised!.id);
      expect(job.data.leadId).toBe(raised!.id);

      // The inquiry of 2024-03-10 (day 9) arrives now: the case was never late.
      await env.publishAndWait([inquiry(1, '2024-03-10')]);
      await env.settled();
      const cured = await leadOf(env, 1);
      expect(cured).toMatchObject({ id: raised!.id, status: 'withdrawn', withdrawnBy: 'system' });
      await waitFor(
        'job removed',
        async () => (await env.queue(queueNameOf(UNIT)).getJob(raised!.id)) === undefined,
      );

      const prosecutor = await env.token('prosecutor', UNIT);
      const { body: lead } = await api<{
        status: string;
        statusName: string;
        withdrawn: { by: string } | null;
        factsChanged: { items: { summary: string; on: string }[]; open: boolean } | null;
        availableActions: string[];
      }>(env, prosecutor, `/v1/leads/${raised!.id}`);
      expect(lead).toMatchObject({
        status: 'withdrawn',
        statusName: '已撤回（事实更正）',
        withdrawn: { by: 'system' },
      });
      expect(lead.factsChanged?.items).toEqual([
        expect.objectContaining({ on: '2024-03-10', summary: expect.stringContaining('财产调查') as string }),
      ]);
      expect(lead.availableActions).toEqual([]);
      const { body: history } = await api<{
        transitions: { action: string; to: string; actor: { name: string } }[];
      }>(env, prosecutor, `/v1/leads/${raised!.id}/history`);
      expect(history.transitions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            action: 'withdraw',
            to: 'withdrawn',
            actor: expect.objectContaining({ name: 'system:screening' }) as object,
          }),
        ]),
      );
      expect(
        await countOf(
          env.db,
          `select count(*)::int as n from audit_log where action = 'lead.withdraw' and subject = $1`,
          [`lead:${raised!.id}`],
        ),
      ).toBe(1);
      const leader = await env.token('leader', UNIT);
      const { body: rates } = await api<{ total: { leads: number } }>(env, leader, '/v1/rates?groupBy=model');
      expect(rates.total.leads).toBe(0);
      // A later fact on the case raises nothing again: the facts still show no violation.
      await env.publishAndWait([inquiry(1, '2024-04-10')]);
      await env.settled();
      expect(
        await countOf(env.db, `select count(*)::int as n from leads where case_no = $1`, [caseNo(1)]),
      ).toBe(1);
    }, 120_000);

    it('flags a claimed lead for its handler, who withdraws it with a reason or carries on', async () => {
      await env.publishAndWait([filed(2), filed(3)]);
      await env.settled();
      const staff = await env.token('staff', UNIT);
      const a = (await leadOf(env, 2))!;
      const b = (await leadOf(env, 3))!;
      for (const l of [a, b])
        expect(
          (await api(env, staff, `/v1/leads/${l.id}/claim`, { method: 'POST', body: '{}' })).status,
        ).toBe(200);
      // Withdraw is not open without a flag.
      expect(
        (await api(env, staff, `/v1/leads/${a.id}/withdraw`, { method: 'POST', body: '{"reason":"x"}' }))
          .status,
      ).toBe(409);

      await env.publishAndWait([inquiry(2, '2024-03-05'), inquiry(3, '2024-03-06')]);
      await env.settled();
      for (const n of [2, 3])
        expect(await leadOf(env, n)).toMatchObject({
          status: 'claimed',
          factsChangedAt: expect.any(Date) as Date,
        });
      const { body: flagged } = await api<{ factsChanged: { open: boolean }; availableActions: string[] }>(
        env,
        staff,
        `/v1/leads/${a.id}`,
      );
      expect(flagged.factsChanged.open).toBe(true);
      expect(flagged.availableActions).toEqual(expect.arrayContaining(['withdraw', 'keep']));
      const { body: worklist } = await api<{ items: { id: string; factsChanged: boolean }[] }>(
        env,
        staff,
        '/v1/worklist',
      );
      expect(worklist.items.find((i) => i.id === a.id)?.factsChanged).toBe(true);

      const { status: noReason } = await api(env, staff, `/v1/leads/${a.id}/withdraw`, {
        method: 'POST',
        body: '{}',
      });
      expect(noReason).toBe(400);
      const { status, body: withdrawn } = await api<{
        status: string;
        withdrawn: { by: string; reason: string };
      }>(env, staff, `/v1/leads/${a.id}/withdraw`, {
        method: 'POST',
        body: JSON.stringify({ reason: '法院已按期查询，线索不成立' }),
      });
      expect(status).toBe(200);
      expect(withdrawn).toMatchObject({
        status: 'withdrawn',
        withdrawn: { by: 'staff', reason: '法院已按期查询，线索不成立' },
      });

      const { body: kept } = await api<{
        status: string;
        factsChanged: { open: boolean; keptAt: string };
        availableActions: string[];
      }>(env, staff, `/v1/leads/${b.id}/keep`, {
        method: 'POST',
        body: JSON.stringify({ reason: '另有线索，继续审查' }),
      });
      expect(kept).toMatchObject({
        status: 'claimed',
        factsChanged: { open: false, keptAt: expect.any(String) as string },
      });
      expect(kept.availableActions).not.toContain('withdraw');
      // Screening again (another fact on the case) does not flag it anew.
      await env.publishAndWait([inquiry(3, '2024-03-20')]);
      await env.settled();
      const { body: after } = await api<{ factsChanged: { open: boolean } }>(env, staff, `/v1/leads/${b.id}`);
      expect(after.factsChanged.open).toBe(false);
    }, 120_000);
  });

  describe('with a settle time (LEAD_SETTLE_MINUTES=60)', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await createTestEnv({
        enabledModels: ['asset_inquiry_late'],
        referral: { ...REFERRAL_DEFAULTS, leadSettleMinutes: 60 },
      });
      await env.startHub();
    });
    afterAll(async () => {
      await env?.close();
    });

    it('queues a lead only once it has settled; one cured before then is never queued', async () => {
      await env.publishAndWait([filed(4), filed(5)]);
      await env.settled();
      const settling = (await leadOf(env, 4))!;
      const cured = (await leadOf(env, 5))!;
      const queue = env.queue(queueNameOf(UNIT));
      expect(await queue.getJob(settling.id)).toBeUndefined();

      await env.publishAndWait([inquiry(5, '2024-03-02')]);
      await env.settled();
      expect(await leadOf(env, 5)).toMatchObject({ status: 'withdrawn' });
      // An hour of wall time later (moved in the outbox): the first is queued, the cured one never.
      await env.db.query(
        `update outbox set not_before = now() - interval '1 second' where relayed_at is null`,
      );
      await waitFor('settled lead queued', async () => (await queue.getJob(settling.id)) !== undefined);
      await env.settled();
      expect(await queue.getJob(cured.id)).toBeUndefined();
    }, 120_000);
  });
});
