import { CASE_MODEL_DEFINITIONS, discoverScenarios } from '@zhijian/catalogue';
import { addDays, cstDateOf } from '@zhijian/domain';
import {
  courtEvent,
  generateCatalogueProvince,
  idCardOf,
  usccOf,
  type CourtEventType,
  type FeedMessage,
  type PlantedLead,
  toFeedMessages,
  type WireParty,
} from '@zhijian/simulator';
import { countOf, createTestEnv, type IndividualLead, type TestEnv } from '@zhijian/testing';

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

/** The ids of the catalogue's models of a group (A–F), as discovered: a new model folder joins its group's spec. */
export function modelsOfGroup(group: string): string[] {
  const ids = CASE_MODEL_DEFINITIONS.filter((d) => d.meta.group === group).map((d) => d.meta.id);
  if (!ids.length) throw new Error(`no model of group ${group} in the catalogue`);
  return ids;
}

/**
 * The spec that replays every plant of `models` (their folders' scenarios.ts) as a small province
 * of planted cases only (each scenario at least once) through the group's hub: exactly the planted
 * leads, at the planted offices, and a hit of every model. The history ends yesterday: once it is
 * read, business time is now and every deadline of it has passed.
 */
export function itRaisesThePlantedLeads(
  hub: () => TestEnv,
  group: string,
  models: readonly string[],
  options: { seed: number; cases: number; minPlantedCases: number },
): void {
  it(`raises exactly the planted leads of every group-${group} plant, at the planted office`, async () => {
    const env = hub();
    const province = generateCatalogueProvince({
      seed: options.seed,
      cases: options.cases,
      plantedShare: 1,
      lastDate: addDays(cstDateOf(new Date()), -1),
      models,
    });
    const messages = toFeedMessages(province.events);
    const byTopic = new Map<string, { key: string; value: string }[]>();
    for (const m of messages)
      byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), { key: m.key, value: m.value }]);
    // The history is stored before screening runs: business time is a watermark of what the hub
    // has read, and a busy machine can let it pass facts still in flight (then deadlines look
    // missed that were not); here the replay is about the plants and the models, not that race.
    await env.stopHub();
    await env.startHub({ ingest: true, screening: false, relay: false, api: false });
    for (const [topic, batch] of byTopic) await env.publish(topic as never, batch);
    await env.stored();
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(0);
    await env.stopHub();
    await env.startHub();
    await env.settled({ polls: 6, timeoutMs: 60_000 });

    const planted = new Set(province.truth.map((t) => t.caseNo));
    // Each scenario at least once, and hits and near misses of every model.
    expect(planted.size).toBeGreaterThanOrEqual(options.minPlantedCases);
    const scenarios = discoverScenarios()
      .filter((p) => models.includes(p.modelId))
      .flatMap((p) => p.scenarios.map((s) => `${p.modelId}/${s.name}`));
    const seen = new Set(province.truth.map((t) => t.scenario));
    expect(scenarios.filter((s) => !seen.has(s))).toEqual([]);
    const raised = await env.individualLeads([...planted]);
    const scenarioOf = (caseNo: string) => province.truth.find((t) => t.caseNo === caseNo)?.scenario ?? '?';
    const key = (l: { modelId: string; caseNo: string; unitCode: string }) =>
      `${l.modelId} ${l.caseNo}@${l.unitCode} (${scenarioOf(l.caseNo)})`;
    // A scenario may also expect a lead of a model of another group (its hub does not run that model).
    const want = province.truth
      .filter((t) => t.expected === 'hit' && models.includes(t.modelId))
      .map(key)
      .sort();
    const got = raised.map(key).sort();
    expect({
      missed: want.filter((k) => !got.includes(k)),
      unexpected: got.filter((k) => !want.includes(k)),
    }).toEqual({
      missed: [],
      unexpected: [],
    });
    const withHits = new Set(province.truth.filter((t) => t.expected === 'hit').map((t) => t.modelId));
    expect(models.filter((m) => !withHits.has(m))).toEqual([]);
  }, 90_000);
}
