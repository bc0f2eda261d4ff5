import { Jurisdiction, parseCaseNumber } from '@zhijian/domain';

/**
 * A court's name from its code (浙0803 → 浙江省衢州市衢江区人民法院): the court at the level and place
 * of the office the jurisdiction reference data routes it to. A special court (routed by the
 * lookup table) or an unknown code is shown as its code.
 */
export function courtNameOf(jurisdiction: Jurisdiction, courtCode: string): string {
  const parsed = parseCaseNumber(`（2024）${courtCode}执1号`);
  if (!parsed.ok) return courtCode;
  const route = jurisdiction.routeCourt(parsed.value);
  if (!route || route.reason !== 'same_level') return courtCode;
  return route.name.replace(/人民检察院$/, '人民法院');
}

/** An office's name, or its code when unknown. */
export function officeNameOf(jurisdiction: Jurisdiction, unitCode: string): string {
  return jurisdiction.office(unitCode)?.name ?? unitCode;
}

/**
 * The registry agencies that send facts, by kind (the `agency:<kind>:<region>` of a source):
 * the body of the region that keeps the register. Tax offices are 国家税务总局's.
 */
export const AGENCY_KINDS: Record<string, { name: string; prefix?: string }> = {
  enterprise: { name: '市场监督管理局' },
  tax: { name: '税务局', prefix: '国家税务总局' },
  realestate: { name: '不动产登记中心' },
  vehicle: { name: '公安局交通管理局车辆管理所' },
};

/** Banks by their code in the payment system's bank-category list (a bank's source is `agency:bank:<code>`). */
export const BANK_NAMES: Record<string, string> = {
  '100': '中国邮政储蓄银行',
  '102': '中国工商银行',
  '103': '中国农业银行',
  '104': '中国银行',
  '105': '中国建设银行',
  '301': '交通银行',
  '302': '中信银行',
  '303': '中国光大银行',
  '305': '中国民生银行',
  '308': '招商银行',
  '309': '兴业银行',
  '310': '上海浦东发展银行',
};

/** A region's name from its code (2, 4 or 6 digits: 33 浙江省, 3302 宁波市, 330206 宁波市北仑区); null when unknown. */
export function regionNameOf(jurisdiction: Jurisdiction, code: string): string | null {
  if (!/^\d{2}(\d{2}(\d{2})?)?$/.test(code)) return null;
  const office = jurisdiction.office(code.padEnd(6, '0'));
  return office ? office.name.replace(/人民检察院$/, '') : null;
}

/**
 * A registry agency by name (enterprise 330206 → 宁波市北仑区市场监督管理局, tax 3302 →
 * 国家税务总局宁波市税务局, bank 102 → 中国工商银行); null for an unknown kind, region or bank.
 */
export function agencyNameOf(jurisdiction: Jurisdiction, kind: string, code: string): string | null {
  if (kind === 'bank') return BANK_NAMES[code] ?? null;
  const k = Object.hasOwn(AGENCY_KINDS, kind) ? AGENCY_KINDS[kind] : undefined;
  const region = k ? regionNameOf(jurisdiction, code) : null;
  return k && region ? `${k.prefix ?? ''}${region}${k.name}` : null;
}

/**
 * Where a fact came from, by name: `court:浙0803` → the court, `agency:<kind>:<code>` (or a
 * registry key `<kind>:<code>`) → the agency, `procuratorate:330803` → the office, `lead` → 检察机关
 * 办理记录. The source itself when its body is unknown (shown with the code in a tooltip).
 */
export function sourceNameOf(jurisdiction: Jurisdiction, source: string): string {
  const parts = source.split(':');
  const [kind, a, b] = parts;
  if (kind === 'lead') return '检察机关办理记录';
  if (kind === 'court' && parts.length === 2) {
    const name = courtNameOf(jurisdiction, a!);
    return name === a ? source : name;
  }
  if (kind === 'procuratorate' && parts.length === 2) return jurisdiction.office(a!)?.name ?? source;
  if (kind === 'agency' && parts.length === 3) return agencyNameOf(jurisdiction, a!, b!) ?? source;
  if (parts.length === 2) return agencyNameOf(jurisdiction, kind!, a!) ?? source;
  return source;
}

let reference: Jurisdiction | undefined;
/** sourceNameOf over the built-in reference data (views built outside the DI container). */
export function sourceName(source: string): string {
  reference ??= new Jurisdiction();
  return sourceNameOf(reference, source);
}
