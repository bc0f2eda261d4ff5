import { addDays, cstDateOf } from '@zhijian/domain';
import { queueNameOf } from '@zhijian/contracts';
import { generateCatalogueProvince, Rng, toFeedMessages, type FeedMessage } from '@zhijian/simulator';
import { countOf, createTestEnv, type TestEnv } from '@zhijian/testing';
import { plantedReport, publishInChunks } from './fixtures';

/**
 * Leads are true whatever the arrival order (issue 11, spec §7). The catalogue province of the
 * replay spec (where business-time order yields exactly the planted leads) is published through
 * the real Kafka the way onboarding feeds arrive: (b) every registry first, then the court events
 * case by case, and (c) in business-time order with a random tenth of the messages held back up to
 * 30 days of business time — both in chunks with pauses longer than the idle window, so that the
 * hub goes live between chunks and judges half-sent cases as of today. Each ends with exactly the
 * planted leads at the planted offices: what a premature judgement raised, later facts withdrew.
 */
const CASES = Number(process.env['ORDER_CASES'] ?? 240);
const SEED = Number(process.env['ORDER_SEED'] ?? 20261207);
const IDLE_MS = 1_000;

function province() {
  return generateCatalogueProvince({
    seed: SEED,
    cases: CASES,
    plantedShare: 0.6,
    lastDate: addDays(cstDateOf(new Date()), -1),
  });
}

const occurredAt = (m: FeedMessage): string => (JSON.parse(m.value) as { occurredAt: string }).occurredAt;

describe('arrival orders: the same facts in onboarding orders end in the same leads', () => {
  let env: TestEnv | undefined;

  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  async function replay(messages: FeedMessage[], chunk: number) {
    env = await createTestEnv({ watermarkIdleMs: IDLE_MS });
    await env.startHub();
    await publishInChunks(env, messages, chunk, IDLE_MS * 2);
    await env.settled({ events: messages.length, intervalMs: 500, timeoutMs: 240_000 });
    expect(await countOf(env.db, `select count(*)::int as n from quarantine`)).toBe(0);
    return env.individualLeads();
  }

  it('(b) registries first, then court events case by case in chunks with pauses', async () => {
    const p = province();
    const messages = toFeedMessages(p.events);
    const registries = messages.filter((m) => m.topic !== 'court.case-events');
    const byCase = new Map<string, FeedMessage[]>();
    for (const m of messages.filter((x) => x.topic === 'court.case-events')) {
      byCase.set(m.key, [...(byCase.get(m.key) ?? []), m]);
    }
    const raised = await replay([...registries, ...[...byCase.values()].flat()], 300);
    expect(plantedReport(raised, p.truth)).toEqual({});
    // What a premature judgement raised and later facts cured is withdrawn, and out of its queue;
    // every active lead's job is in its office's queue.
    const withdrawn: { id: string; unitCode: string }[] = await env!.db.query(
      `select id, unit_code as "unitCode" from leads where status = 'withdrawn' and withdrawn_by = 'system'`,
    );
    for (const w of withdrawn) {
      expect(await env!.queue(queueNameOf(w.unitCode)).getJob(w.id)).toBeUndefined();
    }
    for (const lead of raised) {
      expect((await env!.jobOf(lead.unitCode, lead.id)).data.leadId).toBe(lead.id);
    }
  }, 420_000);

  it('(c) a random tenth of the messages held back up to 30 days of business time', async () => {
    const p = province();
    const rng = new Rng(SEED);
    const DAY = 86_400_000;
    const messages = toFeedMessages(p.events)
      .map((m, i) => {
        const at = Date.parse(occurredAt(m));
        const delay = rng.chance(0.1) ? rng.int(1, 30) * DAY : 0;
        return { m, i, at: at + delay };
      })
      .sort((a, b) => a.at - b.at || a.i - b.i)
      .map((x) => x.m);
    const raised = await replay(messages, 500);
    expect(plantedReport(raised, p.truth)).toEqual({});
  }, 420_000);
});
