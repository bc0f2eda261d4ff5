import { addDays, parseCaseNumber, Jurisdiction } from '@zhijian/domain';
import {
  bankSnapshot,
  bankTransfer,
  caseFiled,
  equityChange,
  occurredAtOf,
  realEstateEvent,
  taxRecord,
  vehicleEvent,
  type WireEnvelope,
  type WireParty,
} from '../envelopes';
import {
  BRANDS,
  CATEGORIES,
  CLAIM_YUAN,
  Days,
  People,
  ROADS,
  Rng,
  geographyOf,
  sloppy,
  type Category,
  type County,
  type Court,
  type Geography,
} from '../world';
import {
  discoverScenarios,
  type CaseEnding,
  type CaseOptions,
  type Plant,
  type PlantContext,
  type PlantScenario,
  type RegistryFacts,
} from '@zhijian/catalogue';
import { Script, wireFields } from './script';

export interface CatalogueProvinceOptions {
  seed: number;
  cases: number;
  /** Court-code abbreviation of the province; default '浙'. */
  provinceAbbr?: string;
  /** Day 0 (first possible filing); default '2023-01-02'. */
  from?: string;
  /** The history's last day instead of `from` (e.g. yesterday, so that live business time follows it). */
  lastDate?: string;
  /** Days of filings; default 540. The history goes on TAIL_DAYS after it. */
  days?: number;
  /** Share of the cases planted with hits and near misses (at least one case per scenario); default 0.2. */
  plantedShare?: number;
  /** Plant only these models (default: every plant of the catalogue's model folders). */
  models?: readonly string[];
  /** Plants to use instead of the catalogue's (tests). */
  plants?: readonly Plant[];
}

/** A lead the province must yield (`hit`), or a near miss planted for a model (no lead expected). */
export interface PlantedLead {
  caseNo: string;
  modelId: string;
  expected: 'hit' | 'near_miss';
  scenario: string;
  /** The office that must receive a hit: the court's procuratorate. */
  unitCode: string;
}

export interface CatalogueProvince {
  /** In publish order. */
  events: WireEnvelope[];
  /** Every expected lead (hit) and every near-miss case, sorted by case number and model. */
  truth: PlantedLead[];
  lastOccurredAt: string;
  /** The last day of the history (YYYY-MM-DD). */
  lastDate: string;
  courts: number;
  cases: number;
}

/** Days after the last possible filing during which the history goes on. */
export const TAIL_DAYS = 200;
const OUT_OF_ORDER_SHARE = 0.1;
const SLOPPY_SHARE = 0.05;
const BACKGROUND_ENDINGS: [CaseEnding | 'withdrawn', number][] = [
  ['fully_performed', 48],
  ['zhongben', 40],
  ['open', 8],
  ['withdrawn', 4],
];

let jurisdiction: Jurisdiction | undefined;

/**
 * A province's execution dockets and registries in which every supervision model of the
 * catalogue has hits and near misses planted among compliant cases (cases that break no
 * model). Deterministic from the seed: a replay test compares the hub's leads with `truth`.
 */
export function generateCatalogueProvince(options: CatalogueProvinceOptions): CatalogueProvince {
  jurisdiction ??= new Jurisdiction();
  const rng = new Rng(options.seed);
  const geo = geographyOf(options.provinceAbbr ?? '浙');
  const span = Math.max(30, Math.floor(options.days ?? 540));
  const lastDay = span + TAIL_DAYS;
  const days = new Days(
    options.lastDate ? addDays(options.lastDate, -lastDay) : (options.from ?? '2023-01-02'),
  );
  const total = Math.max(0, Math.floor(options.cases));
  const people = new People(rng, geo);
  const scripts: Script[] = [];
  const registry: { day: number; envelope: WireEnvelope }[] = [];
  const truth: PlantedLead[] = [];
  const seq = new Map<string, number>();
  const unitOfCourt = new Map<string, string>();
  let serial = 0;

  const nextCaseNo = (courtCode: string, year: string, type: '执' | '执恢') => {
    const key = `${courtCode}|${year}|${type}`;
    const n = (seq.get(key) ?? rng.int(1, 50)) + rng.int(1, 12);
    seq.set(key, n);
    return `（${year}）${courtCode}${type}${n}号`;
  };
  const unitCodeOf = (caseNo: string): string => {
    const parsed = parseCaseNumber(caseNo);
    if (!parsed.ok) throw new Error(`generated an invalid case number ${caseNo}`);
    const cached = unitOfCourt.get(parsed.value.courtCode);
    if (cached) return cached;
    const route = jurisdiction!.routeCourt(parsed.value);
    if (!route) throw new Error(`no office for court ${parsed.value.courtCode}`);
    unitOfCourt.set(parsed.value.courtCode, route.unitCode);
    return route.unitCode;
  };
  const countyOf = (court: Court): County =>
    rng.chance(0.8) ? rng.pick(court.counties) : rng.pick(geo.counties);
  const courtFor = (options: CaseOptions): Court => {
    if (options.courtCode) {
      const found = [...geo.basic, ...geo.intermediate, ...geo.high].find(
        (c) => c.courtCode === options.courtCode,
      );
      if (!found) throw new Error(`no court ${options.courtCode} in the province`);
      return found;
    }
    return options.court === 'intermediate' ? rng.pick(geo.intermediate) : rng.pick(geo.basic);
  };
  const applicantsFor = (category: Category, county: () => County): WireParty[] => {
    switch (category) {
      case 'labor_pay':
        return Array.from({ length: rng.int(1, 4) }, () => people.person(county().code));
      case 'loan':
        return [rng.chance(0.6) ? people.bank(county()) : people.person(county().code)];
      case 'sme_debt':
      case 'contract':
        return [people.company(county())];
      case 'tort':
      case 'other':
        return [people.person(county().code)];
    }
  };
  const defaultFiledDay = (ending: CaseEnding): number =>
    ending === 'open'
      ? rng.int(lastDay - 150, lastDay - 70)
      : rng.int(0, Math.max(0, Math.min(span, lastDay - (ending === 'zhongben' ? 260 : 200))));

  const compliantCase = (options: CaseOptions = {}): Script => {
    const ending = options.ending ?? 'fully_performed';
    const court = courtFor(options);
    const filedDay = options.filedDay ?? defaultFiledDay(ending);
    const category: Category = options.category ?? rng.weighted(CATEGORIES);
    const [lo, hi] = CLAIM_YUAN[category];
    const claimFen = options.claimFen ?? Math.round(lo * Math.pow(hi / lo, rng.next())) * 100;
    const county = () => countyOf(court);
    const applicants = options.applicants ?? applicantsFor(category, county);
    const respondents =
      options.respondents ??
      (rng.chance(category === 'labor_pay' ? 0.7 : 0.2)
        ? [people.company(county())]
        : [people.person(county().code)]);
    const caseNo = nextCaseNo(court.courtCode, days.date(filedDay).slice(0, 4), '执');
    const script = new Script(
      caseNo,
      court.courtCode,
      unitCodeOf(caseNo),
      filedDay,
      applicants,
      respondents,
      claimFen,
      category,
      options.origin ?? (category === 'labor_pay' ? 'arbitration' : 'judgment'),
      lastDay,
    );
    script.compliant(ending);
    scripts.push(script);
    return script;
  };

  // Registry ids (event ids, accounts, VINs) carry the province and seed: histories of several seeds or provinces can share a hub.
  const tag = `${geo.counties[0]!.code.slice(0, 2)}${String(Math.abs(options.seed) % 1000).padStart(3, '0')}`;
  const facts = registryFacts(rng, geo, days, registry, () => ++serial, tag);

  // Plants first (each scenario once, then weighted draws), so that their share holds for small provinces.
  const plants = (options.plants ?? discoverScenarios()).filter(
    (p) => !options.models || options.models.includes(p.modelId),
  );
  let current: { plant: Plant; scenario: PlantScenario } | null = null;
  const ctx: PlantContext = {
    rng,
    date: (day) => days.date(day),
    day: (date) => days.day(date),
    lastDay,
    compliantCase,
    person: () => people.person(rng.pick(geo.counties).code),
    company: () => people.company(rng.pick(geo.counties)),
    bank: () => people.bank(rng.pick(geo.counties)),
    anonymous: (name) => ({ kind: 'person', name }),
    registry: facts,
    expect: (caseNo, modelId) => {
      if (!current) throw new Error('expect() outside a scenario');
      truth.push({
        caseNo,
        modelId: modelId ?? current.plant.modelId,
        expected: 'hit',
        scenario: `${current.plant.modelId}/${current.scenario.name}`,
        unitCode: unitCodeOf(caseNo),
      });
    },
  };
  const plantOnce = (plant: Plant, scenario: PlantScenario) => {
    current = { plant, scenario };
    const before = scripts.length;
    scenario.build(ctx);
    if (scenario.expected === 'near_miss') {
      for (const s of scripts.slice(before)) {
        truth.push({
          caseNo: s.caseNo,
          modelId: plant.modelId,
          expected: 'near_miss',
          scenario: `${plant.modelId}/${scenario.name}`,
          unitCode: s.unitCode,
        });
      }
    }
    current = null;
  };
  for (const plant of plants) for (const scenario of plant.scenarios) plantOnce(plant, scenario);
  const plantedTarget = Math.round(total * (options.plantedShare ?? 0.2));
  while (plants.length && scripts.length < plantedTarget) {
    const plant = rng.pick(plants);
    const scenario = rng.weighted(plant.scenarios.map((s) => [s, s.weight ?? 1] as [PlantScenario, number]));
    plantOnce(plant, scenario);
  }
  const planted = scripts.length;

  // Background: compliant cases of every kind of ending.
  while (scripts.length < Math.max(total, planted)) {
    const ending = rng.weighted(BACKGROUND_ENDINGS);
    if (ending === 'withdrawn') {
      const s = compliantCase({ ending: 'fully_performed' });
      s.close('withdrawn', s.filedDay + rng.int(25, 45));
    } else {
      compliantCase({ ending });
    }
  }

  // Registry traffic of people who are nobody's respondent.
  for (let i = 0, n = Math.round(total * 0.25); i < n; i++) {
    const owner = people.person(rng.pick(geo.counties).code);
    const day = rng.int(0, lastDay - 1);
    const unitNo = facts.flat([owner], day);
    if (rng.chance(0.3))
      facts.mortgage(unitNo, people.bank(rng.pick(geo.counties)), rng.int(20, 300) * 1_000_000, day);
    if (rng.chance(0.2))
      facts.transferFlat(unitNo, [people.person(rng.pick(geo.counties).code)], rng.int(day + 1, lastDay));
  }
  for (let i = 0, n = Math.round(total * 0.08); i < n; i++) {
    const owner = people.person(rng.pick(geo.counties).code);
    facts.vehicle(owner, rng.int(0, lastDay - 1), rng.int(5, 40) * 1_000_000);
  }
  for (let i = 0, n = Math.round(total * 0.08); i < n; i++) {
    const a = people.person(rng.pick(geo.counties).code);
    const day = rng.int(0, lastDay - 1);
    facts.account(a, rng.int(0, 500_000) * 100, day);
    if (rng.chance(0.4))
      facts.transfer(a, people.person(rng.pick(geo.counties).code), rng.int(1, 2_000) * 10_000, day);
  }
  for (let i = 0, n = Math.round(total * 0.04); i < n; i++) {
    const company = people.company(rng.pick(geo.counties));
    facts.equity(
      company,
      people.person(rng.pick(geo.counties).code),
      'acquire',
      rng.int(10, 100),
      rng.int(0, lastDay - 1),
    );
  }
  for (let i = 0, n = Math.round(total * 0.06); i < n; i++) {
    facts.tax(
      people.person(rng.pick(geo.counties).code),
      rng.int(3_000, 30_000) * 100,
      rng.int(0, lastDay - 1),
    );
  }

  // Out-of-order arrival: some cases' filings are delivered after their last event.
  for (const s of scripts)
    if (!s.outOfOrder && s.events.length && rng.chance(OUT_OF_ORDER_SHARE)) s.outOfOrder = true;

  // Materialize.
  const envelopes: { day: number; envelope: WireEnvelope }[] = [...registry];
  const delayed = new Map<WireEnvelope, WireEnvelope>();
  for (const s of scripts) {
    const idBase = `${s.caseNo.replace(/[（）号]/g, '')}`;
    const source = `court:${s.courtCode}`;
    const filed = caseFiled({
      eventId: `${idBase}-filed`,
      courtCode: s.courtCode,
      caseNo: s.caseNo,
      filedOn: days.date(s.filedDay),
      claimFen: s.claimFen,
      category: s.category,
      origin: s.origin,
      applicants: s.applicants,
      respondents: s.respondents,
    });
    const events = [...s.events].sort((a, b) => a.day - b.day);
    let last: WireEnvelope = filed;
    envelopes.push({ day: s.filedDay, envelope: filed });
    events.forEach((e, i) => {
      if (e.day > lastDay) {
        throw new Error(
          `${s.caseNo}: a ${e.type} on day ${e.day} is after the history's last day ${lastDay}`,
        );
      }
      let caseNo = s.caseNo;
      const fields = wireFields(e, caseNo, (d) => days.date(d));
      if (e.type === 'case.restored') {
        caseNo = nextCaseNo(s.courtCode, days.date(e.day).slice(0, 4), '执恢');
        fields['caseNo'] = caseNo;
        fields['previousCaseNo'] = s.caseNo;
      }
      const envelope: WireEnvelope = {
        schema: 'court.case-event/1',
        eventId: `${idBase}-${i + 1}`,
        source,
        occurredAt: occurredAtOf(days.date(e.day), (i % 50) + 1),
        payload: fields,
      };
      envelopes.push({ day: e.day, envelope });
      if (e.day >= s.filedDay) last = envelope;
    });
    if (s.outOfOrder && last !== filed) delayed.set(last, filed);
  }
  const developer = people.org(
    rng.pick(geo.counties).code,
    `${geo.shortName}${rng.pick(BRANDS)}房地产开发有限公司`,
  );
  const finalUnit = facts.flat([developer], lastDay);
  const final = registry.find((r) => r.envelope.payload['unitNo'] === finalUnit)!.envelope;

  envelopes.sort((a, b) => {
    const x = a.envelope.occurredAt;
    const y = b.envelope.occurredAt;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const skip = new Set(delayed.values());
  const events: WireEnvelope[] = [];
  for (const { envelope } of envelopes) {
    if (skip.has(envelope) || envelope === final) continue;
    events.push(envelope);
    const filed = delayed.get(envelope);
    if (filed) events.push(filed);
  }
  for (let i = 0; i < events.length; i++) if (rng.chance(SLOPPY_SHARE)) events[i] = sloppy(events[i]!, rng);
  events.push(final);

  truth.sort((a, b) =>
    a.caseNo < b.caseNo
      ? -1
      : a.caseNo > b.caseNo
        ? 1
        : a.modelId < b.modelId
          ? -1
          : a.modelId > b.modelId
            ? 1
            : 0,
  );
  return {
    events,
    truth,
    lastOccurredAt: final.occurredAt,
    lastDate: days.date(lastDay),
    courts: new Set(scripts.map((s) => s.courtCode)).size,
    cases: scripts.length,
  };
}

/** Registry facts published on their own topics, with ids unique in the province. */
function registryFacts(
  rng: Rng,
  geo: Geography,
  days: Days,
  out: { day: number; envelope: WireEnvelope }[],
  next: () => number,
  tag: string,
): RegistryFacts {
  const units = new Map<string, { county: County; address: string; owners: WireParty[] }>();
  const vehicles = new Map<string, { county: County; plate: string }>();
  const accounts = new Map<string, { bankCode: string; accountNo: string }>();
  const push = (day: number, envelope: WireEnvelope) => out.push({ day, envelope });
  const keyOf = (p: WireParty) => p.idNo ?? p.uscc ?? p.name;
  const accountOf = (holder: WireParty, day: number) => {
    const key = keyOf(holder);
    let a = accounts.get(key);
    if (!a) {
      a = {
        bankCode: rng.pick(['102', '103', '104', '105']),
        accountNo: `62${tag}${String(next()).padStart(9, '0')}`,
      };
      accounts.set(key, a);
      void day;
    }
    return a;
  };
  const unitEvent = (unitNo: string, event: string, owners: WireParty[], day: number, extra: object = {}) => {
    const u = units.get(unitNo)!;
    push(
      day,
      realEstateEvent({
        eventId: `${unitNo}-${next()}`,
        adminCode: u.county.code,
        unitNo,
        event,
        owners,
        registeredOn: days.date(day),
        address: u.address,
        ...extra,
      }),
    );
  };
  return {
    flat(owners, day, options = {}) {
      const county = options.adminCode
        ? (geo.counties.find((c) => c.code === options.adminCode) ?? rng.pick(geo.counties))
        : rng.pick(geo.counties);
      const n = next();
      const unitNo = `${county.code}${String(rng.int(1, 30)).padStart(3, '0')}${String(rng.int(1, 60)).padStart(3, '0')}GB${String(n).padStart(5, '0')}F${String(rng.int(1, 40)).padStart(4, '0')}${String(rng.int(1, 33) * 100 + rng.int(1, 4)).padStart(4, '0')}`;
      units.set(unitNo, {
        county,
        address: `${county.place}${rng.pick(ROADS)}路${rng.int(1, 999)}号${rng.int(1, 40)}幢${rng.int(1, 33)}0${rng.int(1, 4)}室`,
        owners,
      });
      unitEvent(
        unitNo,
        'first_registration',
        owners,
        day,
        options.priceFen ? { priceFen: options.priceFen } : {},
      );
      return unitNo;
    },
    transferFlat(unitNo, owners, day, priceFen) {
      units.get(unitNo)!.owners = owners;
      unitEvent(unitNo, 'transfer', owners, day, { priceFen: priceFen ?? rng.int(60, 600) * 1_000_000 });
    },
    mortgage(unitNo, mortgagee, securedFen, day) {
      unitEvent(unitNo, 'mortgage', units.get(unitNo)!.owners, day, { mortgagee, securedFen });
    },
    releaseMortgage(unitNo, day) {
      unitEvent(unitNo, 'mortgage_release', units.get(unitNo)!.owners, day);
    },
    vehicle(owner, day, valueFen) {
      const county = rng.pick(geo.counties);
      const vin = `LS${tag}${String(next()).padStart(10, '0')}`;
      const plate = `浙${String.fromCharCode(65 + rng.int(0, 10))}${String(next() % 100000).padStart(5, '0')}`;
      vehicles.set(vin, { county, plate });
      push(
        day,
        vehicleEvent({
          eventId: `${vin}-${next()}`,
          adminCode: county.code,
          vin,
          plate,
          owner,
          event: 'registration',
          on: days.date(day),
          ...(valueFen !== undefined ? { valueFen } : {}),
        }),
      );
      return vin;
    },
    transferVehicle(vin, to, day) {
      const v = vehicles.get(vin)!;
      push(
        day,
        vehicleEvent({
          eventId: `${vin}-${next()}`,
          adminCode: v.county.code,
          vin,
          plate: v.plate,
          owner: to,
          event: 'transfer',
          on: days.date(day),
        }),
      );
    },
    account(holder, balanceFen, day) {
      const a = accountOf(holder, day);
      push(
        day,
        bankSnapshot({
          eventId: `acct-${tag}-${next()}`,
          bankCode: a.bankCode,
          holder,
          accountNo: a.accountNo,
          openedOn: days.date(Math.max(0, day - 400)),
          balanceFen,
          asOf: days.date(day),
        }),
      );
      return a.accountNo;
    },
    transfer(from, to, amountFen, day) {
      const a = accountOf(from, day);
      const b = accountOf(to, day);
      push(
        day,
        bankTransfer({
          eventId: `xfer-${tag}-${next()}`,
          bankCode: a.bankCode,
          from,
          fromAccount: a.accountNo,
          to,
          toAccount: b.accountNo,
          amountFen,
          on: days.date(day),
        }),
      );
    },
    equity(company, shareholder, event, sharePct, day, extra = {}) {
      const envelope = equityChange({
        eventId: `eq-${tag}-${next()}`,
        adminCode: company.uscc?.slice(2, 8) ?? rng.pick(geo.counties).code,
        company,
        shareholder,
        event,
        sharePct,
        subscribedCapitalFen: rng.int(10, 1000) * 1_000_000,
        on: days.date(day),
      });
      Object.assign(envelope.payload, extra);
      push(day, envelope);
    },
    tax(taxpayer, incomeFen, day) {
      const date = days.date(day);
      const county = rng.pick(geo.counties);
      push(
        day,
        taxRecord({
          eventId: `tax-${tag}-${next()}`,
          authority: county.code,
          taxpayer,
          period: date.slice(0, 7),
          taxPaidFen: Math.round(incomeFen * 0.03),
          incomeFen,
          recordedOn: date,
        }),
      );
    },
  };
}
