import fc from 'fast-check';
import {
  courtSourceOf,
  sourceClockOf,
  type SourceClockPolicy,
  addDays,
  cstStartOfDay,
  parseCaseNumber,
  decideCure,
  decideDedup,
  judgeCases,
  deferredCases,
  factsAsOf,
  factsByCase,
  cstDateOf,
} from '@zhijian/domain';
import type { CaseEventFact, CaseFactSet, CaseRow, LeadEvidence, PartyFact } from '@zhijian/domain';
import { createCaseModels } from '@zhijian/catalogue';
import { Rng } from '@zhijian/simulator';

/**
 * Leads are true whatever the arrival order (issue 11, spec §7): a pure simulation of the hub —
 * facts stored as they arrive, business time per source, each touched case (and the cases sharing
 * a party with it) judged by the real models as of its own court's clock over completed days, the
 * deadline timers they ask for, and the real dedup and cure decisions (create, update, withdraw,
 * reinstate) — fed the same small provinces in four orders: (a) business-time order, (b) case by
 * case, (c) a random tenth delayed by up to 30 days of business time, (d) shuffled; each in
 * random chunks. Every order ends with the same active leads, and they are what the models say of
 * all the facts as of now.
 */

const NOW = new Date('2026-12-01T04:00:00Z');
const POLICY: SourceClockPolicy = { mode: 'auto', liveLagMs: 3 * 86_400_000 };
const MODELS = createCaseModels();
const DATE_FIELD: Record<string, string> = {
  'case.filed': 'filedOn',
  'notice.served': 'servedOn',
  'inquiry.performed': 'performedOn',
  'case.closed': 'closedOn',
  'extension.approved': 'approvedOn',
};

interface Fact {
  source: string;
  eventId: string;
  /** Business date, YYYY-MM-DD. */
  on: string;
  payload: Record<string, unknown> & { type: string; caseNo: string };
}

const PEOPLE = ['张伟', '王芳', '李娜', '刘洋'];
const COURTS = ['浙0803', '浙0802'];

/** A small province: cases with a filing and, maybe, a notice, an inquiry, an extension and a closing. */
const provinceArb = fc
  .array(
    fc.record({
      court: fc.constantFrom(...COURTS),
      filedDay: fc.integer({ min: 0, max: 700 }),
      claimYuan: fc.integer({ min: 1_000, max: 900_000 }),
      category: fc.constantFrom('loan', 'labor_pay', 'contract'),
      respondent: fc.constantFrom(...PEOPLE),
      notice: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
      inquiry: fc.option(fc.integer({ min: 1, max: 45 }), { nil: null }),
      extension: fc.option(fc.integer({ min: 150, max: 179 }), { nil: null }),
      closing: fc.option(
        fc.record({
          after: fc.integer({ min: 20, max: 260 }),
          method: fc.constantFrom('fully_performed', 'terminated_this_round'),
          notifiedAfter: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
        }),
        { nil: null },
      ),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((cases) => cases.flatMap((c, i) => factsOfCase(c, i + 1)));

function factsOfCase(
  c: {
    court: string;
    filedDay: number;
    claimYuan: number;
    category: string;
    respondent: string;
    notice: number | null;
    inquiry: number | null;
    extension: number | null;
    closing: { after: number; method: string; notifiedAfter: number | null } | null;
  },
  seq: number,
): Fact[] {
  const caseNo = `（2024）${c.court}执${100 + seq}号`;
  const source = courtSourceOf(c.court);
  const filedOn = addDays('2023-01-02', c.filedDay);
  const fact = (type: string, on: string, fields: Record<string, unknown>): Fact => ({
    source,
    eventId: `${caseNo}/${type}`,
    on,
    payload: { type, caseNo, [DATE_FIELD[type]!]: on, ...fields },
  });
  const facts = [
    fact('case.filed', filedOn, {
      claimAmount: c.claimYuan * 100,
      origin: 'judgment',
      category: c.category,
      applicants: [{ kind: 'org', name: '某银行股份有限公司' }],
      respondents: [{ kind: 'person', name: c.respondent }],
    }),
  ];
  if (c.notice !== null)
    facts.push(fact('notice.served', addDays(filedOn, c.notice), { notice: 'execution_notice' }));
  if (c.inquiry !== null) {
    facts.push(
      fact('inquiry.performed', addDays(filedOn, c.inquiry), {
        channel: 'network_national',
        scopes: ['deposit', 'realestate', 'vehicle', 'securities', 'equity'],
        found: false,
      }),
    );
  }
  if (c.extension !== null)
    facts.push(
      fact('extension.approved', addDays(filedOn, c.extension), {
        newDeadline: addDays(filedOn, c.extension + 90),
      }),
    );
  if (c.closing) {
    const closedOn = addDays(filedOn, c.closing.after);
    facts.push(
      fact('case.closed', closedOn, {
        method: c.closing.method,
        recoveredAmount: c.closing.method === 'fully_performed' ? c.claimYuan * 100 : 0,
        ...(c.closing.notifiedAfter === null
          ? {}
          : { applicantNotifiedOn: addDays(closedOn, c.closing.notifiedAfter) }),
      }),
    );
  }
  return facts;
}

/** The canonical facts of what is stored, as the loader gives them (court events only). */
function project(stored: Fact[], screened: Set<string>): CaseFactSet {
  const cases = new Map<string, CaseRow>();
  const parties: PartyFact[] = [];
  const events: CaseEventFact[] = [];
  stored.forEach((f, i) => {
    const p = f.payload;
    const parsed = parseCaseNumber(p.caseNo);
    if (!parsed.ok) throw new Error(p.caseNo);
    const row: CaseRow = cases.get(p.caseNo) ?? {
      caseNo: p.caseNo,
      courtCode: parsed.value.courtCode,
      courtLevel: 'basic',
      filedOn: null,
      claimFen: null,
      origin: null,
      category: null,
      closedOn: null,
      closeMethod: null,
      filedEvent: null,
      closedEvent: null,
    };
    const ref = { source: f.source, eventId: f.eventId };
    if (p.type === 'case.filed') {
      Object.assign(row, {
        filedOn: f.on,
        claimFen: p.claimAmount as number,
        origin: p.origin as string,
        category: p.category as string,
        filedEvent: ref,
      });
      for (const [role, list] of [
        ['applicant', p.applicants],
        ['respondent', p.respondents],
      ] as const) {
        for (const party of list as { kind: 'person' | 'org'; name: string }[]) {
          parties.push({
            caseNo: p.caseNo,
            role,
            subjectId: `name:${party.name}`,
            kind: party.kind,
            name: party.name,
            idNo: null,
            uscc: null,
          });
        }
      }
    }
    if (p.type === 'case.closed') {
      Object.assign(row, { closedOn: f.on, closeMethod: p.method as string, closedEvent: ref });
    }
    cases.set(p.caseNo, row);
    events.push({
      rawEventId: String(i + 1),
      caseNo: p.caseNo,
      type: p.type,
      on: f.on,
      payload: p,
      ref,
      partySubjectId: null,
    });
  });
  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : Number(a.rawEventId) - Number(b.rawEventId)));
  return {
    cases: [...cases.values()],
    parties,
    holdings: [],
    restorations: [],
    events,
    vehicles: [],
    equities: [],
    accounts: [],
    taxes: [],
    transfers: [],
    mortgages: [],
    relations: [],
    links: [],
    relatedCaseNos: [...cases.keys()].filter((c) => !screened.has(c)),
  };
}

interface SimLead {
  id: string;
  generation: number;
  status: 'new' | 'withdrawn';
  withdrawnBy: 'system' | null;
  factsChangedAt: Date | null;
  evidence: LeadEvidence;
}

/** The hub, in memory: what arrives is stored, screened as the screening round does, leads decided. */
class Hub {
  private readonly stored: Fact[] = [];
  private readonly sources = new Map<string, { maxOccurredAt: Date; lastArrivalAt: Date; asOf: Date }>();
  private readonly leads = new Map<string, SimLead>();
  private readonly timers = new Map<string, Date>();
  private serial = 0;

  deliver(chunk: Fact[], feedLive: boolean): void {
    for (const f of chunk) {
      this.stored.push(f);
      const occurredAt = cstStartOfDay(f.on);
      const row = this.sources.get(f.source) ?? {
        maxOccurredAt: occurredAt,
        lastArrivalAt: NOW,
        asOf: new Date(0),
      };
      if (occurredAt > row.maxOccurredAt) row.maxOccurredAt = occurredAt;
      row.lastArrivalAt = NOW;
      this.sources.set(f.source, row);
    }
    this.round(new Set(chunk.map((f) => f.payload.caseNo)), feedLive);
  }

  /** After the last message: the feeds are caught up and business time is now; due timers fire. */
  settle(): void {
    for (let i = 0; i < 100; i++) if (!this.round(new Set(), true)) return;
    throw new Error('timers keep firing');
  }

  active(): string[] {
    return [...this.leads.entries()]
      .filter(([, l]) => l.status === 'new')
      .map(([k]) => k)
      .sort();
  }

  private round(touched: Set<string>, feedLive: boolean): boolean {
    const clocks = new Map<string, Date>();
    for (const [source, row] of this.sources) {
      row.asOf = sourceClockOf({ source, ...row }, feedLive, NOW, POLICY);
      clocks.set(source, row.asOf);
    }
    const courtOf = (caseNo: string) => {
      const parsed = parseCaseNumber(caseNo);
      return parsed.ok ? clocks.get(courtSourceOf(parsed.value.courtCode)) : undefined;
    };
    for (const [key, dueAt] of [...this.timers]) {
      const caseNo = key.slice(key.indexOf('|') + 1);
      const clock = courtOf(caseNo);
      if (clock && clock >= dueAt) {
        this.timers.delete(key);
        touched.add(caseNo);
      }
    }
    if (!touched.size) return false;
    const all = project(this.stored, new Set());
    // The completed-day rule before judging (ScreeningService): a touched case with a fact of its
    // own on a day its clock has not completed waits for that day; the cases sharing a party with it do not.
    const deferred = deferredCases(
      all.cases
        .filter((c) => touched.has(c.caseNo))
        .map((c) => ({
          caseNo: c.caseNo,
          courtCode: c.courtCode,
          latest: [c.filedOn, c.closedOn, ...all.events.filter((e) => e.caseNo === c.caseNo).map((e) => e.on)]
            .filter((d): d is string => d !== null)
            .reduce<string | null>((a, d) => (a === null || d > a ? d : a), null),
        })),
      clocks,
      new Date(0),
    );
    for (const t of deferred) this.timers.set(`incomplete|${t.caseNo}`, t.dueAt);
    const later = new Set(deferred.map((d) => d.caseNo));
    // The cases sharing a party with the touched ones are screened too (ScreeningRepository.casesSharingParties).
    const subjectsOf = (caseNos: Set<string>) =>
      new Set(all.parties.filter((p) => caseNos.has(p.caseNo)).map((p) => p.subjectId));
    const touchedSubjects = subjectsOf(touched);
    const screened = new Set([
      ...touched,
      ...all.parties
        .filter((p) => p.role === 'respondent' && touchedSubjects.has(p.subjectId))
        .map((p) => p.caseNo),
    ]);
    const caseNos = [...screened].filter((c) => !later.has(c) && all.cases.some((r) => r.caseNo === c));
    if (!caseNos.length) return true;
    const judged = judgeCases(project(this.stored, screened), caseNos, clocks, new Date(0), MODELS);
    for (const t of judged.incomplete) this.timers.set(`incomplete|${t.caseNo}`, t.dueAt);
    for (const [modelId, timers] of judged.timers) {
      for (const t of timers) {
        if (t.dueAt) this.timers.set(`${modelId}|${t.caseNo}`, t.dueAt);
        else this.timers.delete(`${modelId}|${t.caseNo}`);
      }
    }
    for (const { model, draft } of judged.drafts) {
      const key = `${model.meta.id}|${draft.caseNo}`;
      const latest = this.leads.get(key) ?? null;
      const decision = decideDedup(latest, draft.evidence);
      if (decision.action === 'create') {
        this.leads.set(key, {
          id: String(++this.serial),
          generation: decision.generation,
          status: 'new',
          withdrawnBy: null,
          factsChangedAt: null,
          evidence: draft.evidence,
        });
      } else if (decision.action === 'update' || decision.action === 'reinstate') {
        Object.assign(latest!, {
          status: 'new',
          withdrawnBy: null,
          factsChangedAt: null,
          evidence: decision.evidence,
        });
      }
    }
    for (const q of judged.quiet) {
      const lead = this.leads.get(`${q.modelId}|${q.caseNo}`);
      if (lead && decideCure(lead).action === 'withdraw')
        Object.assign(lead, { status: 'withdrawn', withdrawnBy: 'system' });
    }
    return true;
  }
}

/** What the models say of every fact, as of now: the leads any order must end with. */
function oracle(facts: Fact[]): string[] {
  const set = project(facts, new Set(facts.map((f) => f.payload.caseNo)));
  const clocks = new Map(COURTS.map((c) => [courtSourceOf(c), NOW]));
  const judged = judgeCases(
    set,
    set.cases.map((c) => c.caseNo),
    clocks,
    NOW,
    MODELS,
  );
  return judged.drafts.map((d) => `${d.model.meta.id}|${d.draft.caseNo}`).sort();
}

function replay(order: Fact[], chunkSizes: number[]): string[] {
  const hub = new Hub();
  let i = 0;
  let k = 0;
  while (i < order.length) {
    const size = chunkSizes[k++ % chunkSizes.length]!;
    hub.deliver(order.slice(i, i + size), false);
    i += size;
  }
  hub.settle();
  return hub.active();
}

const byBusinessTime = (a: Fact, b: Fact) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0);

describe('leads do not depend on arrival order (pure simulation of screening)', () => {
  it('business-time order, case by case, late tenth and shuffled end in the same active leads', () => {
    fc.assert(
      fc.property(
        provinceArb,
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (facts, chunkSizes, seed) => {
          const rng = new Rng(seed);
          const timeOrder = [...facts].sort(byBusinessTime);
          const caseOrder = rng.shuffle([...new Set(facts.map((f) => f.payload.caseNo))]);
          const caseByCase = caseOrder.flatMap((c) => timeOrder.filter((f) => f.payload.caseNo === c));
          const late = timeOrder
            .map((f) => ({ f, at: rng.chance(0.1) ? addDays(f.on, rng.int(1, 30)) : f.on }))
            .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
            .map((x) => x.f);
          const shuffled = rng.shuffle([...facts]);

          const expected = oracle(facts);
          expect(replay(timeOrder, chunkSizes)).toEqual(expected);
          expect(replay(caseByCase, chunkSizes)).toEqual(expected);
          expect(replay(late, chunkSizes)).toEqual(expected);
          expect(replay(shuffled, chunkSizes)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** judgeCases as it was: every case judged on the facts cut at its clock's completed days. */
function judgedOnCuts(set: CaseFactSet, caseNos: string[], clocks: Map<string, Date>): string[] {
  const out: string[] = [];
  for (const caseNo of caseNos) {
    const row = set.cases.find((c) => c.caseNo === caseNo)!;
    const asOf = clocks.get(courtSourceOf(row.courtCode))!;
    const cut = factsAsOf(set, addDays(cstDateOf(asOf), -1));
    const others = cut.cases.map((c) => c.caseNo).filter((c) => c !== caseNo);
    for (const f of factsByCase({ ...cut, relatedCaseNos: others })) {
      for (const model of MODELS) {
        const e = model.evaluate(f, asOf);
        out.push(
          `${model.meta.id}|${caseNo}|${String(e.wakeAt?.toISOString())}|${e.leads.map((l) => JSON.stringify(l)).join()}`,
        );
      }
    }
  }
  return out.sort();
}

describe('judging a round', () => {
  it('judges a case whose facts are all of completed days on the round facts, as on their cut', () => {
    fc.assert(
      fc.property(
        provinceArb,
        fc.array(fc.integer({ min: 0, max: 900 }), { minLength: 2, maxLength: 2 }),
        (facts, days) => {
          const set = project(facts, new Set(facts.map((f) => f.payload.caseNo)));
          const clocks = new Map(
            COURTS.map((c, i) => [courtSourceOf(c), cstStartOfDay(addDays('2024-01-01', days[i]!))]),
          );
          const caseNos = set.cases.map((c) => c.caseNo);
          const judged = judgeCases(set, caseNos, clocks, new Date(0), MODELS);
          const byKey = new Map<string, string[]>();
          for (const d of judged.drafts) {
            const k = `${d.model.meta.id}|${d.draft.caseNo}`;
            byKey.set(k, [...(byKey.get(k) ?? []), JSON.stringify(d.draft)]);
          }
          const got = [...judged.timers].flatMap(([modelId, timers]) =>
            timers.map(
              (t) =>
                `${modelId}|${t.caseNo}|${String(t.dueAt?.toISOString())}|${(byKey.get(`${modelId}|${t.caseNo}`) ?? []).join()}`,
            ),
          );
          expect(got.sort()).toEqual(judgedOnCuts(set, caseNos, clocks));
        },
      ),
      { numRuns: 100 },
    );
  });
});
