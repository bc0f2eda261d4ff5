import { addDays, daysBetween, Jurisdiction } from '@zhijian/domain';
import { idCardOf, usccOf, type WireEnvelope, type WireParty } from './envelopes';

/**
 * The synthetic province's world: names, places, courts, days and people drawn from a seeded
 * random stream, and the sloppy-but-valid text producers write. The catalogue province
 * (catalogue/province.ts) builds its cases from these.
 */
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

function pad(n: number, width: number): string {
  return `${n}`.padStart(width, '0');
}
