import {
  courtEvent,
  idCardOf,
  usccOf,
  type CourtEventType,
  type FeedMessage,
  type PlantedLead,
  type WireParty,
} from '@zhijian/simulator';
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

/**
 * How the raised leads differ from a province's planted hits, per model: the hits missed and the
 * leads nobody planted, each named with its scenario. Empty when exactly the planted leads were
 * raised at the planted offices.
 */
export function plantedReport(
  raised: IndividualLead[],
  truth: readonly PlantedLead[],
): Record<string, { missed: string[]; unexpected: string[] }> {
  const hits = truth.filter((t) => t.expected === 'hit');
  const models = [...new Set([...hits.map((h) => h.modelId), ...raised.map((r) => r.modelId)])].sort();
  const report: Record<string, { missed: string[]; unexpected: string[] }> = {};
  const scenarioOf = (k: string) =>
    truth.find((t) => `${t.caseNo}@${t.unitCode}` === k)?.scenario ?? 'background';
  for (const modelId of models) {
    const want = new Set(hits.filter((h) => h.modelId === modelId).map((h) => `${h.caseNo}@${h.unitCode}`));
    const got = new Set(raised.filter((r) => r.modelId === modelId).map((r) => `${r.caseNo}@${r.unitCode}`));
    const missed = [...want].filter((k) => !got.has(k));
    const unexpected = [...got].filter((k) => !want.has(k));
    if (missed.length || unexpected.length) {
      report[modelId] = {
        missed: missed.map((k) => `${k} (${scenarioOf(k)})`),
        unexpected: unexpected.map((k) => `${k} (${scenarioOf(k)})`),
      };
    }
  }
  return report;
}

/**
 * Publishes feed messages in the given order, in chunks (each chunk one batch across topics), with
 * a pause after each chunk: producers that send a backlog in bursts.
 */
export async function publishInChunks(
  env: TestEnv,
  messages: readonly FeedMessage[],
  chunk: number,
  pauseMs = 0,
): Promise<void> {
  for (let i = 0; i < messages.length; i += chunk) {
    // One request per chunk across feeds, as a producer delivering in order would.
    await env.publishBatch(messages.slice(i, i + chunk));
    if (pauseMs && i + chunk < messages.length) await new Promise((r) => setTimeout(r, pauseMs));
  }
}
