import { periodEnd, addDays, daysBetween, parseCaseNumber, Jurisdiction } from '@zhijian/domain';
import {
  caseClosed,
  caseFiled,
  caseRestored,
  idCardOf,
  realEstateEvent,
  usccOf,
  type WireEnvelope,
  type WireParty,
} from './envelopes';

export interface ProvinceOptions {
  seed: number;
  cases: number;
  /** Court-code abbreviation of the province; default '浙'. */
  provinceAbbr?: string;
  /** First filing date; default '2023-01-02'. */
  from?: string;
  /** Span of filing dates in days; default 540. */
  days?: number;
}

export type PlantedScenario =
  | 'acquired_after_zhongben'
  | 'held_through_zhongben'
  | 'restored_late'
  | 'restored_in_time'
  | 'sold_before_zhongben'
  | 'fully_performed_with_flat'
  | 'namesake_other_id'
  | 'deadline_after_history';

export interface PlantedCase {
  caseNo: string;
  modelId: 'zhongben_with_assets';
  expected: 'hit' | 'near_miss';
  scenario: PlantedScenario;
  /** Office that must receive a hit: routeCourt of the case's court. */
  unitCode: string;
  /** Last day to restore the case (periodEnd(start, 30)); null when no holding counts for the model. */
  deadline: string | null;
}

export interface Province {
  /** In publish order. */
  events: WireEnvelope[];
  truth: PlantedCase[];
  lastOccurredAt: string;
  /** Distinct courts that have cases. */
  courts: number;
}

const MODEL_ID = 'zhongben_with_assets';
const RESTORE_WITHIN_DAYS = 30;
/** Days after the last filing during which cases still close and registries still report. */
const TAIL_DAYS = 360;
const PLANTED_SHARE = 0.15;
const OUT_OF_ORDER_SHARE = 0.1;
const SLOPPY_SHARE = 0.05;

const HITS: ReadonlySet<PlantedScenario> = new Set([
  'acquired_after_zhongben',
  'held_through_zhongben',
  'restored_late',
]);
/** Every scenario once (restored_in_time twice: on the last day and on day 29), before weighted draws. */
const MANDATORY: PlantedScenario[] = [
  'acquired_after_zhongben',
  'held_through_zhongben',
  'restored_late',
  'restored_in_time',
  'restored_in_time',
  'sold_before_zhongben',
  'fully_performed_with_flat',
  'namesake_other_id',
  'deadline_after_history',
];
const SCENARIO_WEIGHTS: [PlantedScenario, number][] = [
  ['acquired_after_zhongben', 20],
  ['held_through_zhongben', 15],
  ['restored_late', 10],
  ['restored_in_time', 12],
  ['sold_before_zhongben', 12],
  ['fully_performed_with_flat', 12],
  ['namesake_other_id', 12],
  ['deadline_after_history', 7],
];

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方',
);
const GIVEN = Array.from(
  '伟芳娜敏静丽强磊军洋勇艳杰涛明超秀兰霞平刚桂英华建国志红玉梅海燕鹏飞晓东文辉永健宇浩凯婷雪琳',
);
export const BRANDS = [
  '宏达',
  '恒信',
  '金鼎',
  '华盛',
  '永安',
  '瑞丰',
  '鑫源',
  '天成',
  '联创',
  '博远',
  '正泰',
  '嘉禾',
];
const INDUSTRIES = [
  '建设工程',
  '贸易',
  '科技',
  '实业',
  '物流',
  '餐饮管理',
  '服装',
  '机械制造',
  '装饰工程',
  '电子',
];
export const ROADS = ['人民', '解放', '中山', '建设', '文化', '新华', '环城', '学院', '江滨', '世纪'];
const BANKS = [
  '农村商业银行股份有限公司',
  '中国工商银行股份有限公司{city}分行',
  '中国农业银行股份有限公司{city}分行',
];

export type Category = 'labor_pay' | 'sme_debt' | 'loan' | 'contract' | 'tort' | 'other';
export const CATEGORIES: [Category, number][] = [
  ['labor_pay', 12],
  ['sme_debt', 10],
  ['loan', 35],
  ['contract', 25],
  ['tort', 8],
  ['other', 10],
];
/** Claim ranges in yuan by category (log-uniform draws). */
export const CLAIM_YUAN: Record<Category, [number, number]> = {
  labor_pay: [3_000, 120_000],
  sme_debt: [30_000, 2_000_000],
  loan: [10_000, 1_500_000],
  contract: [20_000, 3_000_000],
  tort: [5_000, 400_000],
  other: [2_000, 200_000],
};

// Bound once: under jest every global lookup goes through the vm context, which costs more than the maths.
const { imul, floor } = Math;

/** mulberry32: tiny, fast, and good enough for test data; the same seed gives the same province. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = floor(seed) >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return hi <= lo ? lo : lo + floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[floor(this.next() * items.length)]!;
  }

  weighted<T>(pairs: readonly [T, number][]): T {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [value, w] of pairs) {
      x -= w;
      if (x < 0) return value;
    }
    return pairs[pairs.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

export interface County {
  code: string;
  /** e.g. 衢州市柯城区, for addresses. */
  place: string;
  /** e.g. 衢州市, for banks' branch names. */
  city: string;
}

export interface Court {
  courtCode: string;
  level: 'high' | 'intermediate' | 'basic';
  /** Counties whose residents typically appear before this court. */
  counties: County[];
}

export interface Geography {
  basic: Court[];
  intermediate: Court[];
  high: Court[];
  counties: County[];
  /** Province name without 省/自治区, for company names. */
  shortName: string;
}

let jurisdiction: Jurisdiction | undefined;
const geographies = new Map<string, Geography>();

// The jurisdiction reads the division tables from disk: built once per process.
export function geographyOf(abbr: string): Geography {
  const cached = geographies.get(abbr);
  if (cached) return cached;
  jurisdiction ??= new Jurisdiction();
  const courts = jurisdiction.courtsOf(abbr);
  const placeOf = (name: string) => name.replace(/人民检察院$/, '');
  const high = courts.find((c) => c.level === 'high');
  if (!high) throw new Error(`no courts known for province abbreviation ${abbr}`);
  const province = placeOf(high.office.name);
  const cityName = (cityCode4: string) =>
    placeOf(
      courts.find((c) => c.level === 'intermediate' && c.office.unitCode.startsWith(cityCode4))?.office
        .name ?? high.office.name,
    );
  const counties: County[] = courts
    .filter((c) => c.level === 'basic')
    .map((c) => ({
      code: c.office.unitCode,
      place: placeOf(c.office.name),
      city: cityName(c.office.unitCode.slice(0, 4)),
    }));
  if (counties.length === 0) throw new Error(`no basic courts known for province abbreviation ${abbr}`);
  const countiesOfCity = (cityCode4: string) => {
    const own = counties.filter((c) => c.code.startsWith(cityCode4));
    return own.length ? own : counties;
  };
  const geo: Geography = {
    basic: [],
    intermediate: [],
    high: [{ courtCode: high.courtCode, level: 'high', counties }],
    counties,
    shortName: province.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$/, ''),
  };
  for (const c of courts) {
    const city4 = c.office.unitCode.slice(0, 4);
    if (c.level === 'basic') {
      const own = counties.find((k) => k.code === c.office.unitCode)!;
      geo.basic.push({ courtCode: c.courtCode, level: 'basic', counties: [own] });
    } else if (c.level === 'intermediate') {
      geo.intermediate.push({
        courtCode: c.courtCode,
        level: 'intermediate',
        counties: countiesOfCity(city4),
      });
    }
  }
  if (geo.intermediate.length === 0) geo.intermediate.push(...geo.high);
  geographies.set(abbr, geo);
  return geo;
}

/** Day offsets from `from` to dates, memoized: the generator turns tens of thousands of offsets into dates. */
export class Days {
  private readonly cache: string[] = [];

  constructor(readonly from: string) {}

  date(day: number): string {
    if (day < 0) return addDays(this.from, day);
    return (this.cache[day] ??= addDays(this.from, day));
  }

  day(date: string): number {
    return daysBetween(this.from, date);
  }
}

export class People {
  private readonly usedIds = new Set<string>();
  private usccSerial = 0;
  private readonly banks = new Map<string, WireParty[]>();

  constructor(
    private readonly rng: Rng,
    private readonly geo: Geography,
  ) {}

  name(): string {
    const { rng } = this;
    return rng.pick(SURNAMES) + rng.pick(GIVEN) + (rng.chance(0.7) ? rng.pick(GIVEN) : '');
  }

  /** A person with an ID number no other person of the province has. */
  person(areaCode: string, name = this.name()): WireParty {
    const { rng } = this;
    for (;;) {
      const birth = `${rng.int(1950, 2000)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
      const idNo = idCardOf(areaCode, birth, rng.int(1, 999));
      if (this.usedIds.has(idNo)) continue;
      this.usedIds.add(idNo);
      return { kind: 'person', name, idNo };
    }
  }

  org(adminCode: string, name: string): WireParty {
    return { kind: 'org', name, uscc: usccOf(adminCode, ++this.usccSerial) };
  }

  company(county: County): WireParty {
    const { rng } = this;
    return this.org(county.code, `${this.geo.shortName}${rng.pick(BRANDS)}${rng.pick(INDUSTRIES)}有限公司`);
  }

  /** Banks recur across cases and mortgages, as they do in the dockets. */
  bank(county: County): WireParty {
    let pool = this.banks.get(county.city);
    if (!pool) {
      const city = county.city.replace(/市$/, '');
      pool = BANKS.map((b) =>
        this.org(county.code, b.includes('{city}') ? b.replace('{city}', city) : city + b),
      );
      this.banks.set(county.city, pool);
    }
    return this.rng.pick(pool);
  }
}

interface CasePlan {
  court: Court;
  filed: number;
  category: Category;
  origin: string;
  claimFen: number;
  applicants: WireParty[];
  respondents: WireParty[];
  close?: { day: number; method: string; recoveredFen: number; notified: boolean };
  restored?: number;
  planted?: { scenario: PlantedScenario; deadline: string | null };
  swapped: boolean;
  caseNo: string;
  restoredCaseNo: string;
}

interface UnitEventPlan {
  day: number;
  unit: Unit;
  event: 'first_registration' | 'transfer' | 'mortgage';
  owners: WireParty[];
  priceFen?: number;
  mortgagee?: WireParty;
  securedFen?: number;
}

interface Unit {
  unitNo: string;
  county: County;
  address: string;
  events: number;
}

/**
 * A province's execution dockets and real-estate registry over about two years, with
 * `zhongben_with_assets` hits and near misses planted among ordinary cases. Deterministic
 * from the seed, so a replay test can compare the hub's leads with `truth`.
 */
export function generateProvince(options: ProvinceOptions): Province {
  const rng = new Rng(options.seed);
  const geo = geographyOf(options.provinceAbbr ?? '浙');
  const days = new Days(options.from ?? '2023-01-02');
  const span = Math.max(0, Math.floor(options.days ?? 540));
  const total = Math.max(0, Math.floor(options.cases));
  const horizon = span + TAIL_DAYS;
  const people = new People(rng, geo);
  const units = new Map<string, number>();
  const cases: CasePlan[] = [];
  const unitEvents: UnitEventPlan[] = [];

  const newUnit = (county: County): Unit => {
    const n = (units.get(county.code) ?? 0) + 1;
    units.set(county.code, n);
    const street = pad(rng.int(1, 30), 3);
    const block = pad(rng.int(1, 60), 3);
    const building = rng.int(1, 40);
    const room = rng.int(1, 33) * 100 + rng.int(1, 4);
    return {
      unitNo: `${county.code}${street}${block}GB${pad(n, 5)}F${pad(building, 4)}${pad(room, 4)}`,
      county,
      address: `${county.place}${rng.pick(ROADS)}路${rng.int(1, 999)}号${building}幢${room}室`,
      events: 0,
    };
  };
  const flatPrice = () => rng.int(60, 600) * 10_000_00;
  const localCounty = (court: Court) => (rng.chance(0.7) ? rng.pick(court.counties) : rng.pick(geo.counties));

  /** A person's flat: first registration, or a purchase from an earlier owner; sometimes mortgaged the same day. */
  const acquire = (owner: WireParty, day: number, county: County, viaTransfer: boolean): Unit => {
    const unit = newUnit(county);
    if (viaTransfer && day > 0) {
      const seller = people.person(rng.pick(geo.counties).code);
      const sellerDay = rng.int(Math.max(0, day - 600), day - 1);
      unitEvents.push({ day: sellerDay, unit, event: 'first_registration', owners: [seller] });
      unitEvents.push({ day, unit, event: 'transfer', owners: [owner], priceFen: flatPrice() });
    } else {
      unitEvents.push({ day, unit, event: 'first_registration', owners: [owner] });
    }
    if (rng.chance(0.3)) {
      unitEvents.push({
        day,
        unit,
        event: 'mortgage',
        owners: [owner],
        mortgagee: people.bank(county),
        securedFen: rng.int(20, 300) * 10_000_00,
      });
    }
    return unit;
  };

  const pickCourt = (): Court => {
    const x = rng.next();
    if (x < 0.01) return geo.high[0]!;
    if (x < 0.11) return rng.pick(geo.intermediate);
    return rng.pick(geo.basic);
  };

  const newCase = (filed: number, personRespondents: boolean): CasePlan => {
    const court = pickCourt();
    const category = rng.weighted(CATEGORIES);
    const [lo, hi] = CLAIM_YUAN[category];
    const yuanAmount = Math.round(lo * Math.pow(hi / lo, rng.next()));
    const claimFen = yuanAmount * 100 + (rng.chance(0.4) ? rng.int(1, 99) : 0);
    const origin =
      category === 'labor_pay'
        ? rng.weighted([
            ['arbitration', 5],
            ['mediation', 2],
            ['judgment', 3],
          ])
        : category === 'loan'
          ? rng.weighted([
              ['judgment', 6],
              ['mediation', 2],
              ['notarization', 2],
            ])
          : rng.weighted([
              ['judgment', 62],
              ['mediation', 25],
              ['arbitration', 7],
              ['notarization', 3],
              ['administrative', 3],
            ]);
    const local = () => localCounty(court);
    let applicants: WireParty[];
    switch (category) {
      case 'labor_pay':
        applicants = Array.from({ length: rng.int(1, 6) }, () => people.person(local().code));
        break;
      case 'loan':
        applicants = [rng.chance(0.6) ? people.bank(local()) : people.person(local().code)];
        break;
      case 'sme_debt':
      case 'contract':
        applicants = [people.company(local())];
        break;
      case 'tort':
        applicants = [people.person(local().code)];
        break;
      case 'other':
        applicants = [rng.chance(0.5) ? people.company(local()) : people.person(local().code)];
        break;
    }
    const orgRespondent =
      !personRespondents && rng.chance(category === 'labor_pay' ? 0.7 : category === 'tort' ? 0.05 : 0.2);
    const respondents = orgRespondent
      ? [people.company(local()), ...(rng.chance(0.3) ? [people.person(local().code)] : [])]
      : Array.from({ length: rng.chance(0.2) ? 2 : 1 }, () => people.person(local().code));
    const plan: CasePlan = {
      court,
      filed,
      category,
      origin,
      claimFen,
      applicants,
      respondents,
      swapped: false,
      caseNo: '',
      restoredCaseNo: '',
    };
    cases.push(plan);
    return plan;
  };

  const zhongben = (plan: CasePlan, day: number) => {
    plan.close = {
      day,
      method: 'terminated_this_round',
      recoveredFen: rng.chance(0.5) ? 0 : Math.floor(plan.claimFen * rng.next() * 0.3),
      notified: rng.chance(0.9),
    };
  };

  // Background: the ordinary run of cases, none of which may give a zhongben_with_assets lead.
  const plantedCount =
    total >= 20
      ? Math.min(total, Math.max(MANDATORY.length, Math.round(total * PLANTED_SHARE)))
      : Math.round(total * PLANTED_SHARE);
  for (let i = 0; i < total - plantedCount; i++) {
    const plan = newCase(rng.int(0, span), false);
    const x = rng.next();
    if (x < 0.2) continue; // still open
    if (x < 0.52) {
      plan.close = {
        day: plan.filed + rng.int(15, 240),
        method: 'fully_performed',
        recoveredFen: plan.claimFen,
        notified: true,
      };
    } else if (x < 0.9) {
      zhongben(plan, plan.filed + rng.int(90, 330));
      // Restored on the applicant's own clue, with nothing in the registry.
      if (rng.chance(0.05)) plan.restored = plan.close!.day + rng.int(60, 300);
    } else {
      plan.close = {
        day: plan.filed + rng.int(10, 200),
        method: rng.pick(['terminated', 'withdrawn', 'not_enforced', 'rejected']),
        recoveredFen: 0,
        notified: true,
      };
    }
    if (plan.close && plan.close.day > horizon) delete plan.close;
    if (plan.restored !== undefined && (!plan.close || plan.restored > horizon)) delete plan.restored;
  }

  // Registry traffic of people who are nobody's respondent.
  for (let i = 0, n = Math.round(total * 0.4); i < n; i++) {
    const county = rng.pick(geo.counties);
    const owner = people.person(rng.chance(0.8) ? county.code : rng.pick(geo.counties).code);
    const day = rng.int(0, horizon - 30);
    const unit = acquire(owner, day, county, rng.chance(0.3));
    if (rng.chance(0.25)) {
      const buyer = people.person(rng.pick(geo.counties).code);
      unitEvents.push({
        day: rng.int(day + 1, horizon),
        unit,
        event: 'transfer',
        owners: [buyer],
        priceFen: flatPrice(),
      });
    }
  }

  // Planted cases. Respondents are persons so that namesakes make sense; hits get their deadline.
  const scenarios: PlantedScenario[] = [];
  for (let i = 0; i < plantedCount; i++) {
    scenarios.push(total >= 20 && i < MANDATORY.length ? MANDATORY[i]! : rng.weighted(SCENARIO_WEIGHTS));
  }
  const overdue: number[] = [];
  const deferred: CasePlan[] = [];
  let inTimeVariant = 0;
  const deadlineOf = (start: number) => periodEnd(days.date(start), RESTORE_WITHIN_DAYS);
  for (const scenario of scenarios) {
    const plan = newCase(rng.int(Math.min(20, span), span), true);
    const respondent = plan.respondents[0]!;
    const county = localCounty(plan.court);
    const f = plan.filed;
    const c = f + rng.int(90, 240);
    let deadline: string | null = null;
    switch (scenario) {
      case 'acquired_after_zhongben':
      case 'restored_late':
      case 'restored_in_time': {
        zhongben(plan, c);
        const r = c + rng.int(3, 90);
        acquire(respondent, r, county, rng.chance(0.4));
        deadline = deadlineOf(r);
        if (scenario === 'restored_late') plan.restored = days.day(deadline) + 1;
        if (scenario === 'restored_in_time')
          plan.restored = inTimeVariant++ % 2 === 0 ? days.day(deadline) : r + RESTORE_WITHIN_DAYS - 1;
        break;
      }
      case 'held_through_zhongben':
        acquire(respondent, rng.int(0, f - 1), county, rng.chance(0.4));
        zhongben(plan, c);
        deadline = deadlineOf(c);
        break;
      case 'sold_before_zhongben': {
        const g = rng.int(0, f - 1);
        const unit = acquire(respondent, g, county, false);
        const buyer = people.person(rng.pick(geo.counties).code);
        // Sold strictly before the 终本 date: the holding ends before it and must not count.
        const sold = rng.int(Math.max(g + 1, f - 90), c - 1);
        unitEvents.push({ day: sold, unit, event: 'transfer', owners: [buyer], priceFen: flatPrice() });
        zhongben(plan, c);
        break;
      }
      case 'fully_performed_with_flat':
        acquire(respondent, rng.int(0, f - 1), county, rng.chance(0.4));
        plan.close = {
          day: f + rng.int(20, 200),
          method: 'fully_performed',
          recoveredFen: plan.claimFen,
          notified: true,
        };
        break;
      case 'namesake_other_id': {
        zhongben(plan, c);
        const namesake = people.person(rng.pick(geo.counties).code, respondent.name);
        acquire(namesake, c + rng.int(3, 90), county, rng.chance(0.4));
        break;
      }
      case 'deadline_after_history':
        deferred.push(plan); // its dates hang off the end of the history
        break;
    }
    plan.planted = { scenario, deadline };
    if (HITS.has(scenario)) overdue.push(days.day(deadline!) + 1);
  }

  // Every hit is overdue strictly before the last day, so a replay to the end must show it.
  let latest = 0;
  const seen = (day: number | undefined) => {
    if (day !== undefined && day > latest) latest = day;
  };
  for (const p of cases) [p.filed, p.close?.day, p.restored].forEach(seen);
  unitEvents.forEach((e) => seen(e.day));
  overdue.forEach(seen);
  const lastDay = latest + rng.int(2, 4);

  for (const plan of deferred) {
    const f = rng.int(Math.max(0, span - 90), span);
    plan.filed = f;
    const r = lastDay - rng.int(1, 25);
    zhongben(plan, rng.int(f + 90, Math.max(f + 90, r - 5)));
    acquire(plan.respondents[0]!, r, localCounty(plan.court), rng.chance(0.4));
    plan.planted!.deadline = deadlineOf(Math.max(plan.close!.day, r));
  }

  assignCaseNumbers(cases, days, rng);
  chooseOutOfOrder(cases, rng, Math.round(total * OUT_OF_ORDER_SHARE));

  // Materialize, in time order; a swapped case's filing is delivered right after its closing.
  const envelopes: WireEnvelope[] = [];
  const delayedFiling = new Map<WireEnvelope, WireEnvelope>();
  const delayed = new Set<WireEnvelope>();
  for (const p of cases) {
    const idBase = p.caseNo.replace(/[（）号]/g, '');
    const courtCode = p.court.courtCode;
    const filed = caseFiled({
      eventId: `${idBase}-filed`,
      courtCode,
      caseNo: p.caseNo,
      filedOn: days.date(p.filed),
      claimFen: p.claimFen,
      category: p.category,
      origin: p.origin,
      applicants: p.applicants,
      respondents: p.respondents,
    });
    envelopes.push(filed);
    if (p.close) {
      const closedOn = days.date(p.close.day);
      const closed = caseClosed({
        eventId: `${idBase}-closed`,
        courtCode,
        caseNo: p.caseNo,
        closedOn,
        method: p.close.method,
        recoveredFen: p.close.recoveredFen,
        ...(p.close.notified ? { applicantNotifiedOn: closedOn } : {}),
      });
      envelopes.push(closed);
      if (p.swapped) {
        delayedFiling.set(closed, filed);
        delayed.add(filed);
      }
    }
    if (p.restored !== undefined) {
      envelopes.push(
        caseRestored({
          eventId: `${p.restoredCaseNo.replace(/[（）号]/g, '')}-restored`,
          courtCode,
          caseNo: p.restoredCaseNo,
          previousCaseNo: p.caseNo,
          restoredOn: days.date(p.restored),
        }),
      );
    }
  }
  const unitEnvelope = (e: UnitEventPlan) =>
    realEstateEvent({
      eventId: `${e.unit.unitNo}-${++e.unit.events}`,
      adminCode: e.unit.county.code,
      unitNo: e.unit.unitNo,
      event: e.event,
      owners: e.owners,
      registeredOn: days.date(e.day),
      address: e.unit.address,
      ...(e.priceFen !== undefined ? { priceFen: e.priceFen } : {}),
      ...(e.mortgagee ? { mortgagee: e.mortgagee, securedFen: e.securedFen ?? 0 } : {}),
    });
  // Per-unit event ids follow registration order.
  const byDay = [...unitEvents].sort((a, b) => a.day - b.day);
  for (const e of byDay) envelopes.push(unitEnvelope(e));

  // A developer's first registration a few days after everything else: the history's clear end.
  const endCounty = rng.pick(geo.counties);
  const developer = people.org(endCounty.code, `${geo.shortName}${rng.pick(BRANDS)}房地产开发有限公司`);
  const final = unitEnvelope({
    day: lastDay,
    unit: newUnit(endCounty),
    event: 'first_registration',
    owners: [developer],
  });

  envelopes.sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0));
  const events: WireEnvelope[] = [];
  for (const e of envelopes) {
    if (delayed.has(e)) continue;
    events.push(e);
    const filed = delayedFiling.get(e);
    if (filed) events.push(filed);
  }
  events.push(final);
  for (let i = 0; i < events.length - 1; i++) {
    if (rng.chance(SLOPPY_SHARE)) events[i] = sloppy(events[i]!, rng);
  }

  return {
    events,
    truth: truthOf(cases),
    lastOccurredAt: final.occurredAt,
    courts: new Set(cases.map((c) => c.court.courtCode)).size,
  };
}

/** Sequence numbers rise with filing date within a court and year, as dockets do. */
function assignCaseNumbers(cases: CasePlan[], days: Days, rng: Rng): void {
  const next = new Map<string, number>();
  const number = (court: Court, year: string, type: '执' | '执恢') => {
    const key = `${court.courtCode}|${year}|${type}`;
    const seq = (next.get(key) ?? rng.int(1, 50)) + rng.int(0, 20);
    next.set(key, seq + 1);
    return `（${year}）${court.courtCode}${type}${seq}号`;
  };
  const byFiling = cases.map((c, i) => ({ c, i })).sort((a, b) => a.c.filed - b.c.filed || a.i - b.i);
  for (const { c } of byFiling) c.caseNo = number(c.court, days.date(c.filed).slice(0, 4), '执');
  const byRestoration = byFiling.filter(({ c }) => c.restored !== undefined);
  byRestoration.sort((a, b) => a.c.restored! - b.c.restored! || a.i - b.i);
  for (const { c } of byRestoration)
    c.restoredCaseNo = number(c.court, days.date(c.restored!).slice(0, 4), '执恢');
}

/** About `target` closed cases arrive closing-first, always including one planted hit. */
function chooseOutOfOrder(cases: CasePlan[], rng: Rng, target: number): void {
  const closed = cases.filter((c) => c.close);
  const hit = closed.find((c) => c.planted && HITS.has(c.planted.scenario));
  if (hit) hit.swapped = true;
  const others = rng.shuffle(closed.filter((c) => c !== hit));
  for (let i = 0; i < Math.max(0, target - (hit ? 1 : 0)) && i < others.length; i++)
    others[i]!.swapped = true;
}

function truthOf(cases: CasePlan[]): PlantedCase[] {
  jurisdiction ??= new Jurisdiction();
  const truth: PlantedCase[] = [];
  for (const c of cases) {
    if (!c.planted) continue;
    const parsed = parseCaseNumber(c.caseNo);
    if (!parsed.ok) throw new Error(`generated an invalid case number ${c.caseNo}`);
    const route = jurisdiction.routeCourt(parsed.value);
    if (!route) throw new Error(`no office for court ${c.court.courtCode}`);
    truth.push({
      caseNo: c.caseNo,
      modelId: MODEL_ID,
      expected: HITS.has(c.planted.scenario) ? 'hit' : 'near_miss',
      scenario: c.planted.scenario,
      unitCode: route.unitCode,
      deadline: c.planted.deadline,
    });
  }
  return truth.sort((a, b) => (a.caseNo < b.caseNo ? -1 : a.caseNo > b.caseNo ? 1 : 0));
}

const FULL_WIDTH_DIGIT = (s: string) =>
  s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/**
 * Producers' sloppiness the spec tolerates: half-width parentheses or spaces in case numbers,
 * full-width digits in money, stray spaces around names, a lower-case x in ID numbers.
 * Copies what it changes: parties are shared between envelopes.
 */
export function sloppy(e: WireEnvelope, rng: Rng): WireEnvelope {
  const p = e.payload;
  const edits: (() => Record<string, unknown>)[] = [];
  const caseNoEdit = (f: (s: string) => string) => () => ({
    ...p,
    caseNo: f(String(p.caseNo)),
    ...(typeof p.previousCaseNo === 'string' ? { previousCaseNo: f(p.previousCaseNo) } : {}),
  });
  if (typeof p.caseNo === 'string') {
    edits.push(caseNoEdit((s) => s.replace('（', '(').replace('）', ')')));
    edits.push(caseNoEdit((s) => s.replace('）', '） ').replace(/(\d)执/, '$1 执')));
  }
  for (const field of ['claimAmount', 'recoveredAmount', 'price'] as const) {
    const value = p[field];
    if (typeof value === 'string') edits.push(() => ({ ...p, [field]: FULL_WIDTH_DIGIT(value) }));
  }
  const spaced = (party: WireParty): WireParty => ({
    ...party,
    name: rng.chance(0.5) ? ` ${party.name}` : `${party.name}  `,
  });
  const lowerX = (party: WireParty): WireParty =>
    party.idNo?.endsWith('X') ? { ...party, idNo: party.idNo.replace(/X$/, 'x') } : party;
  const hasX = (parties: WireParty[]) => parties.some((q) => q.idNo?.endsWith('X'));
  for (const field of ['applicants', 'respondents'] as const) {
    const parties = p[field] as WireParty[] | undefined;
    if (!parties) continue;
    edits.push(() => ({ ...p, [field]: parties.map(spaced) }));
    if (hasX(parties)) edits.push(() => ({ ...p, [field]: parties.map(lowerX) }));
  }
  const owners = p.owners as { party: WireParty; share: number }[] | undefined;
  if (owners) {
    edits.push(() => ({ ...p, owners: owners.map((o) => ({ ...o, party: spaced(o.party) })) }));
    if (hasX(owners.map((o) => o.party)))
      edits.push(() => ({ ...p, owners: owners.map((o) => ({ ...o, party: lowerX(o.party) })) }));
  }
  if (edits.length === 0) return e;
  return { ...e, payload: rng.pick(edits)() };
}

/**
 * Kafka messages per the spec's topic and key table. Court events are keyed by the canonical
 * case number so that a sloppily written number lands on the same partition as the rest of its case.
 */
export function toKafkaMessages(
  events: WireEnvelope[],
): { topic: 'court.case-events' | 'registry.realestate'; key: string; value: string }[] {
  return events.map((e) => {
    const value = JSON.stringify(e);
    if (e.schema.startsWith('court.case-event/')) {
      const raw = String(e.payload.caseNo);
      const parsed = parseCaseNumber(raw);
      return { topic: 'court.case-events', key: parsed.ok ? parsed.value.canonical : raw, value };
    }
    if (e.schema.startsWith('registry.realestate/')) {
      return { topic: 'registry.realestate', key: String(e.payload.unitNo).trim(), value };
    }
    throw new Error(`no topic carries schema ${e.schema}`);
  });
}

function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
