import { parseCaseNumber } from '@zhijian/domain';
import type { Jurisdiction } from '@zhijian/domain';

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
