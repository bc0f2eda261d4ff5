import type {
  BankAccountFact,
  CaseEventFact,
  CaseFactSet,
  CaseRow,
  EquityHoldingFact,
  HoldingFact,
  MortgageFact,
  PartyFact,
  RelationFact,
  RestorationFact,
  TaxFact,
  TransferFact,
  VehicleHoldingFact,
} from './facts';
import type { LeadEvidence, Severity } from './evidence';

/** Configured thresholds per model id (MODEL_THRESHOLDS): each model's defaults, overridden. */
export type ModelThresholds = Record<string, Record<string, number | boolean | string>>;

export type LeadKind = '个案' | '类案' | '个案 / 类案' | '类案 → 个案';

/** Catalogue groups: A 查询控制, B 处置, C 分配, D 程序, E 终本, F 规避执行, G 检察建议跟进. */
export type ModelGroup = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G';

export interface ModelMeta {
  /** Public contract: leads, APIs, metrics and configuration name models by it. */
  id: string;
  version: number;
  /** 名称 of the catalogue. */
  title: string;
  legalBasis: string;
  severity: Severity;
  kind: LeadKind;
  group?: ModelGroup;
  /**
   * Place in its group's row order of the catalogue (1, 2, …): the registry lists the models it
   * discovers by group, then this, then id.
   */
  catalogueOrder?: number;
  /** Feeds whose facts the model reads. */
  sources: string[];
  /** Its leads suggest a duty crime (职务犯罪): they are major and go to the provincial task force. */
  dutyCrimeSuspected?: boolean;
  /** Whether its hits on many cases of one court make a class lead (default: yes). */
  classLeads?: boolean;
}

export interface LeadDraft {
  dedupKey: string;
  caseNo: string;
  /** One line, in Chinese, for procuratorate staff. */
  statement: string;
  evidence: LeadEvidence;
}

export interface Evaluation {
  leads: LeadDraft[];
  /** Business time at which this case must be looked at again (a deadline), if any. */
  wakeAt: Date | null;
}

/** A case other than the screened one that shares a party with it: the same respondent, the respondent as applicant there, or this case's applicant as respondent there. */
export interface RelatedCase {
  case: CaseRow;
  applicants: PartyFact[];
  respondents: PartyFact[];
  events: CaseEventFact[];
}

/**
 * The facts of one case, cut from a CaseFactSet for the models. Registry facts are those of the
 * case's respondents (`respondentIds`: their subjects and the subjects linked to them), plus the
 * owners and mortgages of the assets the case controls or sells.
 */
export interface CaseFacts {
  case: CaseRow;
  applicants: PartyFact[];
  respondents: PartyFact[];
  /** Subject ids of the respondents and of every subject linked to them. */
  respondentIds: ReadonlySet<string>;
  /** The case's court events in business-date order. */
  events: CaseEventFact[];
  /** Real-estate holdings of the respondents. */
  holdings: HoldingFact[];
  /** Every holding (anyone's) of the units the case's events name. */
  unitHoldings: HoldingFact[];
  vehicles: VehicleHoldingFact[];
  /** Every holding (anyone's) of the vehicles the case's events name. */
  vinHoldings: VehicleHoldingFact[];
  /** Stakes the respondents hold, and stakes in the companies the case's events name. */
  equities: EquityHoldingFact[];
  accounts: BankAccountFact[];
  taxes: TaxFact[];
  /** Bank transfers out of the respondents' accounts. */
  transfers: TransferFact[];
  /** Mortgages of the units the case names or the respondents hold. */
  mortgages: MortgageFact[];
  restorations: RestorationFact[];
  /** Other cases in which one of this case's parties is a respondent, or one of its respondents a party. */
  relatedCases: RelatedCase[];
  /** Relations (shareholder, legal person) touching the parties of this case and its related cases. */
  relations: RelationFact[];
  /** Subject id → the ids of the same subject through links (itself included). */
  sameSubject(subjectId: string): ReadonlySet<string>;
}

/** A model over one case at a time, evaluated "as of" a business instant. Pure. */
export interface CaseModel {
  readonly meta: ModelMeta;
  evaluate(facts: CaseFacts, asOf: Date): Evaluation;
}

/**
 * A catalogue model as a self-contained module: its metadata, its default thresholds (a
 * province changes them by configuration), and how to build the model from thresholds.
 */
export interface ModelDefinition<C extends object = object> {
  readonly meta: ModelMeta;
  readonly defaults: C;
  create(config: C): CaseModel;
}

export function defineModel<C extends object>(definition: ModelDefinition<C>): ModelDefinition<C> {
  return definition;
}

export function factsByCase(set: CaseFactSet): CaseFacts[] {
  const related = new Set(set.relatedCaseNos ?? []);
  const alias = new Map<string, Set<string>>();
  const join = (a: string, b: string) => {
    const group = new Set([...(alias.get(a) ?? [a]), ...(alias.get(b) ?? [b])]);
    for (const id of group) alias.set(id, group);
  };
  for (const l of set.links ?? []) join(l.subjectId, l.canonicalSubjectId);
  const sameSubject = (id: string): ReadonlySet<string> => alias.get(id) ?? new Set([id]);

  const partiesOf = groupBy(set.parties, (p) => p.caseNo);
  const eventsOf = groupBy(set.events ?? [], (e) => e.caseNo);
  const casesByNo = new Map(set.cases.map((c) => [c.caseNo, c]));
  const respondentCases = new Map<string, Set<string>>();
  const partyCases = new Map<string, Set<string>>();
  const note = (map: Map<string, Set<string>>, id: string, caseNo: string) => {
    const s = map.get(id) ?? new Set<string>();
    s.add(caseNo);
    map.set(id, s);
  };
  for (const p of set.parties) {
    for (const id of sameSubject(p.subjectId)) {
      note(partyCases, id, p.caseNo);
      if (p.role === 'respondent') note(respondentCases, id, p.caseNo);
    }
  }

  // Each list indexed once by the keys the cases look it up by (a case's slice keeps the list's order).
  const holdingsBySubject = new FactIndex(set.holdings, (h) => h.subjectId);
  const holdingsByUnit = new FactIndex(set.holdings, (h) => h.unitNo);
  const vehiclesBySubject = new FactIndex(set.vehicles ?? [], (v) => v.subjectId);
  const vehiclesByVin = new FactIndex(set.vehicles ?? [], (v) => v.vin);
  const equities = new FactIndex(
    set.equities ?? [],
    (q) => q.shareholderSubjectId,
    (q) => q.companyUscc,
  );
  const accountsBySubject = new FactIndex(set.accounts ?? [], (a) => a.subjectId);
  const taxesBySubject = new FactIndex(set.taxes ?? [], (t) => t.subjectId);
  const transfersBySubject = new FactIndex(set.transfers ?? [], (t) => t.fromSubjectId);
  const mortgagesByUnit = new FactIndex(
    set.mortgages ?? [],
    (g) => g.unitNo,
    (g) => g.unitNo,
  );
  const restorationsByCase = new FactIndex(set.restorations, (r) => r.previousCaseNo);
  const relations = new FactIndex(
    set.relations ?? [],
    (r) => r.fromSubjectId,
    (r) => r.toSubjectId,
  );

  return set.cases
    .filter((c) => !related.has(c.caseNo))
    .map((c) => {
      const parties = partiesOf.get(c.caseNo) ?? [];
      const respondents = parties.filter((p) => p.role === 'respondent');
      const applicants = parties.filter((p) => p.role === 'applicant');
      const events = eventsOf.get(c.caseNo) ?? [];
      const respondentIds = new Set<string>();
      for (const r of respondents) for (const id of sameSubject(r.subjectId)) respondentIds.add(id);
      const unitIds = assetIdsOf(events, 'realestate');
      const vinIds = assetIdsOf(events, 'vehicle');
      const companyIds = assetIdsOf(events, 'equity');
      const holdings = holdingsBySubject.pick(respondentIds);
      const heldUnits = new Set(holdings.map((h) => h.unitNo));

      const partyIds = new Set<string>();
      for (const p of parties) for (const id of sameSubject(p.subjectId)) partyIds.add(id);
      const relatedNos = new Set<string>();
      for (const id of partyIds) for (const no of respondentCases.get(id) ?? []) relatedNos.add(no);
      for (const id of respondentIds) for (const no of partyCases.get(id) ?? []) relatedNos.add(no);
      relatedNos.delete(c.caseNo);
      const relatedCases: RelatedCase[] = [...relatedNos]
        .map((no) => casesByNo.get(no))
        .filter((rc): rc is CaseRow => rc !== undefined)
        .map((rc) => {
          const ps = partiesOf.get(rc.caseNo) ?? [];
          return {
            case: rc,
            applicants: ps.filter((p) => p.role === 'applicant'),
            respondents: ps.filter((p) => p.role === 'respondent'),
            events: eventsOf.get(rc.caseNo) ?? [],
          };
        })
        .sort((a, b) => (a.case.caseNo < b.case.caseNo ? -1 : a.case.caseNo > b.case.caseNo ? 1 : 0));
      const relationIds = new Set(partyIds);
      for (const rc of relatedCases) {
        for (const p of [...rc.applicants, ...rc.respondents]) {
          for (const id of sameSubject(p.subjectId)) relationIds.add(id);
        }
      }

      return {
        case: c,
        applicants,
        respondents,
        respondentIds,
        events,
        holdings,
        unitHoldings: holdingsByUnit.pick(unitIds),
        vehicles: vehiclesBySubject.pick(respondentIds),
        vinHoldings: vehiclesByVin.pick(vinIds),
        equities: equities.pick(respondentIds, companyIds),
        accounts: accountsBySubject.pick(respondentIds),
        taxes: taxesBySubject.pick(respondentIds),
        transfers: transfersBySubject.pick(respondentIds),
        mortgages: mortgagesByUnit.pick(unitIds, heldUnits),
        restorations: restorationsByCase.pick([c.caseNo]),
        relatedCases,
        relations: relations.pick(relationIds, relationIds),
        sameSubject,
      };
    });
}

/**
 * A list indexed by one or more keys: `pick(ids0, ids1, …)` returns, in the list's order and once
 * each, the items whose key number i is in ids_i — what `items.filter((x) => ids0.has(key0(x)) ||
 * ids1.has(key1(x)) …)` returns, without reading the whole list for every case.
 */
class FactIndex<T> {
  private readonly byKey: Map<string, number[]>[];
  constructor(
    private readonly items: readonly T[],
    ...keys: ((item: T) => string | null)[]
  ) {
    this.byKey = keys.map((key) => {
      const map = new Map<string, number[]>();
      items.forEach((item, i) => {
        const k = key(item);
        if (k === null) return;
        const list = map.get(k);
        if (list) list.push(i);
        else map.set(k, [i]);
      });
      return map;
    });
  }

  pick(...ids: Iterable<string>[]): T[] {
    const found: number[] = [];
    ids.forEach((set, n) => {
      const map = this.byKey[n]!;
      for (const id of set) for (const i of map.get(id) ?? []) found.push(i);
    });
    if (found.length > 1) found.sort((a, b) => a - b);
    const out: T[] = [];
    for (let j = 0; j < found.length; j++)
      if (j === 0 || found[j] !== found[j - 1]) out.push(this.items[found[j]!]!);
    return out;
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function assetIdsOf(events: CaseEventFact[], kind: string): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    const a = e.payload['assetRef'] as { kind?: string; id?: string } | undefined;
    if (a?.kind === kind && a.id) ids.add(a.id);
  }
  return ids;
}
