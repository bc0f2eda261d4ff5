import { SchemaRegistry, type CaseEvent, type Envelope, type RealEstateEvent } from '@zhijian/contracts';
import { EnvelopeDecoder, computeHoldings } from '@zhijian/ingest';
import { ZhongbenWithAssetsModel } from '@zhijian/catalogue';
import {
  factsByCase,
  type Evaluation,
  addDays,
  cstDateOf,
  parseCaseNumber,
  Jurisdiction,
} from '@zhijian/domain';
import type { CaseFactSet, CaseRow, EventRef, HoldingFact, PartyFact } from '@zhijian/domain';
import type { RealEstateEventRow } from '@zhijian/ingest';
import type { WireEnvelope } from './envelopes';
import { generateProvince, toKafkaMessages, type PlantedScenario, type Province } from './province';

const registry = SchemaRegistry.load();
const decoder = new EnvelopeDecoder(registry);

const SCENARIOS: PlantedScenario[] = [
  'acquired_after_zhongben',
  'held_through_zhongben',
  'restored_late',
  'restored_in_time',
  'sold_before_zhongben',
  'fully_performed_with_flat',
  'namesake_other_id',
  'deadline_after_history',
];

function decodeAll(province: Province): Envelope[] {
  return toKafkaMessages(province.events).map((m, i) => {
    const decoded = decoder.decode(m.value, m.topic);
    if (!decoded.ok) {
      throw new Error(`event ${i} rejected: ${JSON.stringify(decoded.rejection)}\n${m.value}`);
    }
    return decoded.envelope;
  });
}

/** The hub's subject identity (libs/ingest/src/projection subjectOf): exact on the normalized identifier. */
function subjectKey(
  p: { kind: string; name: string; idNo?: string; uscc?: string },
  context: string,
): string {
  return p.idNo ? `id:${p.idNo}` : p.uscc ? `uscc:${p.uscc}` : `name:${p.kind}:${p.name}@${context}`;
}

/**
 * The projection without a database: the normalized history cut into the CaseFacts the model
 * reads (cases, parties by subject, holdings from computeHoldings, restorations), then the real
 * model evaluated as of the end of the replay.
 */
function oracle(province: Province): Map<string, Evaluation> {
  const envelopes = decodeAll(province);
  const cases = new Map<string, CaseRow>();
  const parties: PartyFact[] = [];
  const restorations: CaseFactSet['restorations'] = [];
  const realEstate: RealEstateEventRow[] = [];
  const refOf = new Map<string, EventRef>();
  const caseOf = (caseNo: string): CaseRow => {
    let row = cases.get(caseNo);
    if (!row) {
      const parsed = parseCaseNumber(caseNo);
      if (!parsed.ok) throw new Error(caseNo);
      row = {
        caseNo,
        courtCode: parsed.value.courtCode,
        courtLevel: parsed.value.courtLevel,
        filedOn: null,
        claimFen: null,
        origin: null,
        category: null,
        closedOn: null,
        closeMethod: null,
        filedEvent: null,
        closedEvent: null,
      };
      cases.set(caseNo, row);
    }
    return row;
  };
  envelopes.forEach((env, i) => {
    const ref = { source: env.source, eventId: env.eventId };
    if (env.schema === 'court.case-event/1') {
      const e = env.payload as unknown as CaseEvent;
      if (e.type === 'case.filed') {
        Object.assign(caseOf(e.caseNo), {
          filedOn: e.filedOn,
          claimFen: e.claimAmount,
          origin: e.origin,
          category: e.category,
          filedEvent: ref,
        });
        for (const [role, list] of [
          ['applicant', e.applicants],
          ['respondent', e.respondents],
        ] as const) {
          for (const p of list) {
            parties.push({
              caseNo: e.caseNo,
              role,
              subjectId: subjectKey(p, e.caseNo),
              kind: p.kind,
              name: p.name,
              idNo: p.idNo ?? null,
              uscc: p.uscc ?? null,
            });
          }
        }
      } else if (e.type === 'case.closed') {
        Object.assign(caseOf(e.caseNo), { closedOn: e.closedOn, closeMethod: e.method, closedEvent: ref });
      } else if (e.type === 'case.restored') {
        restorations.push({
          caseNo: e.caseNo,
          previousCaseNo: e.previousCaseNo,
          restoredOn: e.restoredOn,
          event: ref,
        });
      }
    } else {
      const e = env.payload as unknown as RealEstateEvent;
      const rawEventId = String(i + 1);
      refOf.set(rawEventId, ref);
      realEstate.push({
        rawEventId,
        unitNo: e.unitNo,
        event: e.event,
        registeredOn: e.registeredOn,
        occurredAt: env.occurredAt,
        adminCode: e.location.adminCode,
        owners: e.owners.map((o) => ({ subjectId: subjectKey(o.party, `unit:${e.unitNo}`), share: o.share })),
      });
    }
  });
  const holdings: HoldingFact[] = computeHoldings(realEstate).map((h) => ({
    unitNo: h.unitNo,
    subjectId: h.subjectId,
    share: h.share,
    heldFrom: h.heldFrom,
    heldTo: h.heldTo,
    fromEvent: refOf.get(h.fromRawEventId)!,
    toEvent: h.toRawEventId ? refOf.get(h.toRawEventId)! : null,
  }));
  restorations.sort((a, b) => (a.restoredOn < b.restoredOn ? -1 : a.restoredOn > b.restoredOn ? 1 : 0));
  const model = new ZhongbenWithAssetsModel();
  const asOf = new Date(province.lastOccurredAt);
  const set: CaseFactSet = {
    cases: [...cases.values()],
    parties,
    holdings,
    restorations,
    events: [],
    vehicles: [],
    equities: [],
    accounts: [],
    taxes: [],
    transfers: [],
    mortgages: [],
    relations: [],
    links: [],
    relatedCaseNos: [],
  };
  return new Map(factsByCase(set).map((f) => [f.case.caseNo, model.evaluate(f, asOf)]));
}

const caseNoOf = (e: WireEnvelope): string => {
  const parsed = parseCaseNumber(String(e.payload.caseNo));
  if (!parsed.ok) throw new Error(String(e.payload.caseNo));
  return parsed.value.canonical;
};
const isCourt = (e: WireEnvelope) => e.schema === 'court.case-event/1';
const typeOf = (e: WireEnvelope) => e.payload.type as string | undefined;

describe('generateProvince', () => {
  const province = generateProvince({ seed: 1, cases: 2000 });

  it('is deterministic from the seed, and different seeds give different provinces', () => {
    const a = generateProvince({ seed: 42, cases: 300 });
    expect(generateProvince({ seed: 42, cases: 300 })).toEqual(a);
    const b = generateProvince({ seed: 43, cases: 300 });
    expect(b.events).not.toEqual(a.events);
    expect(b.truth).not.toEqual(a.truth);
  });

  it('numbers cases uniquely: one filing per case, year = filing year, restorations as 执恢', () => {
    const filed = province.events.filter((e) => typeOf(e) === 'case.filed');
    expect(filed).toHaveLength(2000);
    const numbers = filed.map(caseNoOf);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const e of filed) {
      const n = parseCaseNumber(caseNoOf(e));
      if (!n.ok) throw new Error(caseNoOf(e));
      expect(String(n.value.year)).toBe(String(e.payload.filedOn).slice(0, 4));
      expect(n.value.typeCode).toBe('执');
      expect(e.source).toBe(`court:${n.value.courtCode}`);
    }
    const restored = province.events.filter((e) => typeOf(e) === 'case.restored');
    expect(restored.length).toBeGreaterThan(0);
    const restoredNumbers = restored.map(caseNoOf);
    expect(new Set(restoredNumbers).size).toBe(restored.length);
    for (const n of restoredNumbers) expect(n).toMatch(/执恢\d+号$/);
    const known = new Set(numbers);
    for (const e of restored) {
      const previous = parseCaseNumber(String(e.payload.previousCaseNo));
      expect(previous.ok && known.has(previous.value.canonical)).toBe(true);
    }
  });

  it('keeps eventIds unique per source', () => {
    const keys = province.events.map((e) => `${e.source}\u0000${e.eventId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('registers each real-estate unit once, under a 28-char unit number of its county', () => {
    const registry = province.events.filter((e) => !isCourt(e));
    const firsts = registry.filter((e) => e.payload.event === 'first_registration');
    const units = firsts.map((e) => String(e.payload.unitNo));
    const known = new Set(units);
    expect(known.size).toBe(units.length);
    for (const e of registry) {
      const unitNo = String(e.payload.unitNo);
      expect(unitNo).toMatch(/^\d{12}GB\d{5}F\d{8}$/);
      expect(e.source).toBe(`agency:realestate:${unitNo.slice(0, 6)}`);
      expect(known.has(unitNo)).toBe(true);
    }
    const kinds = new Set(registry.map((e) => e.payload.event));
    expect([...kinds].sort()).toEqual(['first_registration', 'mortgage', 'transfer']);
  });

  it('produces envelopes that validate against the hub schemas and normalize', () => {
    expect(decodeAll(province)).toHaveLength(province.events.length);
  });

  it('includes sloppy but valid text in about 5% of messages', () => {
    const sloppy = province.events.filter((e) => {
      const json = JSON.stringify(e.payload);
      return /[()]|[０-９]|"name":" | {2}"|\d{17}x|\s执|） /.test(json);
    });
    expect(sloppy.length / province.events.length).toBeGreaterThan(0.03);
    expect(sloppy.length / province.events.length).toBeLessThan(0.08);
  });

  it('keys Kafka messages per the spec: canonical case number, unit number', () => {
    const messages = toKafkaMessages(province.events);
    const expected = province.events.map((e) =>
      isCourt(e)
        ? { topic: 'court.case-events', key: caseNoOf(e) }
        : { topic: 'registry.realestate', key: String(e.payload.unitNo) },
    );
    expect(messages.map(({ topic, key }) => ({ topic, key }))).toEqual(expected);
    expect(messages.map((m) => m.value)).toEqual(province.events.map((e) => JSON.stringify(e)));
    // Sloppy case numbers still share their case's key.
    expect(
      messages.some((m, i) => isCourt(province.events[i]!) && m.key !== province.events[i]!.payload.caseNo),
    ).toBe(true);
  });

  it('draws courts mostly from basic courts, a few intermediate and the high court', () => {
    const courts = new Map<string, number>();
    for (const e of province.events.filter((x) => typeOf(x) === 'case.filed')) {
      const n = parseCaseNumber(caseNoOf(e));
      if (n.ok) courts.set(n.value.courtLevel, (courts.get(n.value.courtLevel) ?? 0) + 1);
    }
    expect(courts.get('basic')! / 2000).toBeGreaterThan(0.8);
    expect(courts.get('intermediate')! / 2000).toBeGreaterThan(0.05);
    expect(courts.get('intermediate')! / 2000).toBeLessThan(0.15);
    expect(courts.get('high') ?? 0).toBeLessThan(60);
    expect(province.courts).toBeGreaterThan(50);
  });

  it('plants every scenario, about 15% of cases, with the office of the court', () => {
    for (const cases of [20, 200, 2000]) {
      const p = cases === 2000 ? province : generateProvince({ seed: 5, cases });
      const seen = new Set(p.truth.map((t) => t.scenario));
      for (const s of SCENARIOS) expect(seen).toContain(s);
    }
    expect(province.truth.length).toBe(300);
    const jurisdiction = new Jurisdiction();
    const offices = new Map(jurisdiction.courtsOf('浙').map((c) => [c.courtCode, c.office.unitCode]));
    for (const t of province.truth) {
      const n = parseCaseNumber(t.caseNo);
      if (!n.ok) throw new Error(t.caseNo);
      expect(t.unitCode).toBe(offices.get(n.value.courtCode));
      expect(t.unitCode).toBe(jurisdiction.routeCourt(n.value)?.unitCode);
      expect(t.expected).toBe(
        ['acquired_after_zhongben', 'held_through_zhongben', 'restored_late'].includes(t.scenario)
          ? 'hit'
          : 'near_miss',
      );
    }
  });

  it('makes every hit due before the end of the history, and deadline_after_history not yet due', () => {
    const lastDate = cstDateOf(new Date(province.lastOccurredAt));
    for (const t of province.truth) {
      if (t.expected === 'hit') expect(addDays(t.deadline!, 1) < lastDate).toBe(true);
      if (t.scenario === 'deadline_after_history') expect(t.deadline! >= lastDate).toBe(true);
    }
    // The last event is a developer's registration, alone on the last date.
    const last = province.events[province.events.length - 1]!;
    expect(last.occurredAt).toBe(province.lastOccurredAt);
    expect(last.payload.event).toBe('first_registration');
    expect(
      province.events.filter((e) => e.occurredAt.slice(0, 10) === last.occurredAt.slice(0, 10)),
    ).toHaveLength(1);
  });

  it('delivers ~10% of cases closing-first, including a planted hit, and keeps everything else in time order', () => {
    const filedAt = new Map<string, number>();
    const closedAt = new Map<string, number>();
    province.events.forEach((e, i) => {
      if (typeOf(e) === 'case.filed') filedAt.set(caseNoOf(e), i);
      if (typeOf(e) === 'case.closed') closedAt.set(caseNoOf(e), i);
    });
    const swapped = [...closedAt].filter(([caseNo, i]) => i < filedAt.get(caseNo)!).map(([c]) => c);
    expect(swapped.length).toBeGreaterThanOrEqual(150);
    expect(swapped.length).toBeLessThanOrEqual(250);
    const hits = new Set(province.truth.filter((t) => t.expected === 'hit').map((t) => t.caseNo));
    expect(swapped.some((c) => hits.has(c))).toBe(true);
    // A late filing follows its closing directly; without the late filings, time never goes back.
    const late = new Set(swapped.map((c) => filedAt.get(c)!));
    for (const c of swapped) expect(filedAt.get(c)).toBe(closedAt.get(c)! + 1);
    const inOrder = province.events.filter((_, i) => !late.has(i)).map((e) => e.occurredAt);
    expect(inOrder.filter((t, i) => i > 0 && t < inOrder[i - 1]!)).toEqual([]);
  });

  it('oracle: the real model fires on every planted hit, on no near miss and on no background case', () => {
    for (const p of [
      province,
      generateProvince({ seed: 2, cases: 500 }),
      generateProvince({ seed: 3, cases: 20 }),
    ]) {
      const evaluations = oracle(p);
      const planted = new Map(p.truth.map((t) => [t.caseNo, t]));
      const failures: string[] = [];
      for (const t of p.truth) {
        const leads = evaluations.get(t.caseNo)?.leads ?? [];
        if (leads.length !== (t.expected === 'hit' ? 1 : 0))
          failures.push(`${t.scenario} ${t.caseNo}: ${leads.length} leads`);
        if (t.expected === 'hit') {
          const facts = leads[0]?.evidence.facts as { deadlines?: { deadline: string }[] } | undefined;
          expect(facts?.deadlines?.map((d) => d.deadline)).toEqual([t.deadline]);
        }
      }
      for (const [caseNo, evaluation] of evaluations) {
        if (!planted.has(caseNo) && evaluation.leads.length) failures.push(`background ${caseNo} fired`);
      }
      expect(failures).toEqual([]);
      expect(evaluations.size).toBeGreaterThanOrEqual(p.truth.length);
    }
  });

  // Speed is measured by benchmarks, not asserted here: a timed test fails on a busy machine.
  it('generates a large province with consistent event counts', () => {
    const big = generateProvince({ seed: 9, cases: 20_000 });
    expect(big.events.length).toBeGreaterThan(40_000);
  });
});
