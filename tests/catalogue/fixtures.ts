import { courtEvent, idCardOf, usccOf, type CourtEventType, type WireParty } from '@zhijian/simulator';
import { createTestEnv, type IndividualLead, type TestEnv } from '@zhijian/testing';

/**
 * What the catalogue group specs share: the executing court (柯城区法院) and its county office,
 * the applicant bank, parties, numbered court events, and the checks of the leads and their jobs.
 */

export const COURT = '浙0803';
export const UNIT = '330803';
export const bank: WireParty = { kind: 'org', name: '衢州某银行股份有限公司', uscc: usccOf(UNIT, 1) };

/**
 * A hub of its own running `models`, for the specs of the enclosing describe block: started
 * before them, closed after. Returns the env, to call inside the specs.
 */
export function hubRunning(models: string[]): () => TestEnv {
  let env: TestEnv | undefined;
  beforeAll(async () => {
    env = await createTestEnv({ enabledModels: models });
    await env.startHub();
  });
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('the hub is not started (call hubRunning inside describe)');
    return env;
  };
}

/** A person of the county with a distinct ID number per `n` (below 1000). */
export const person = (n: number, name = `被执行人${n}`, born = '1980-01-01'): WireParty => ({
  kind: 'person',
  name,
  idNo: idCardOf(UNIT, born, n % 1000),
});

/**
 * Court events of COURT numbered `<prefix>-1`, `<prefix>-2`, …, each at a minute of its day
 * from its number (so that events of one day keep an order).
 */
export function courtEvents(prefix: string) {
  let serial = 0;
  return (caseNo: string, type: CourtEventType, on: string, fields: Record<string, unknown> = {}) => {
    serial++;
    return courtEvent({
      eventId: `${prefix}-${serial}`,
      courtCode: COURT,
      caseNo,
      type,
      on,
      fields,
      minutes: serial % 50,
    });
  };
}

/** Exactly these hits among the leads (in any order), each at the office `unitCode`. */
export function expectHits(
  leads: IndividualLead[],
  expected: { modelId: string; caseNo: string }[],
  unitCode = UNIT,
): void {
  expect(leads.map(({ modelId, caseNo, unitCode }) => ({ modelId, caseNo, unitCode })).sort(byModel)).toEqual(
    expected.map((e) => ({ ...e, unitCode })).sort(byModel),
  );
}

/** Each lead's job in the intake queue of the office `unitCode`, for that lead and case. */
export async function expectJobs(env: TestEnv, leads: IndividualLead[], unitCode = UNIT): Promise<void> {
  for (const lead of leads) {
    const job = await env.jobOf(unitCode, lead.id);
    expect(job.data).toMatchObject({ leadId: lead.id, caseNo: lead.caseNo });
  }
}

const byModel = (a: { modelId: string; caseNo: string }, b: { modelId: string; caseNo: string }) =>
  a.modelId < b.modelId
    ? -1
    : a.modelId > b.modelId
      ? 1
      : a.caseNo < b.caseNo
        ? -1
        : a.caseNo > b.caseNo
          ? 1
          : 0;
