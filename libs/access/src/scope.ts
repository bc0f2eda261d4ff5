/** Office codes are GB/T 2260 division codes: 330000 province, 330800 city, 330803 county. */
export type OfficeTier = 'province' | 'city' | 'county';

export function tierOfUnit(unitCode: string): OfficeTier {
  if (!/^\d{6}$/.test(unitCode)) throw new Error('an office code has six digits');
  if (unitCode.endsWith('0000')) return 'province';
  if (unitCode.endsWith('00')) return 'city';
  return 'county';
}

/**
 * Which offices' leads a principal of `unitCode` may see: a county office its own, a
 * city office its own and its counties', the province every office of the province.
 * Returned as a code prefix, so that the check is one indexed `like 'prefix%'`.
 */
export function visibleUnitPrefix(unitCode: string): string {
  switch (tierOfUnit(unitCode)) {
    case 'province':
      return unitCode.slice(0, 2);
    case 'city':
      return unitCode.slice(0, 4);
    case 'county':
      return unitCode;
  }
}

export function canSeeUnit(viewerUnit: string, leadUnit: string): boolean {
  return leadUnit.startsWith(visibleUnitPrefix(viewerUnit));
}

/** The office one tier up: county → its city, city → its province, province → itself. */
export function parentUnit(unitCode: string): string {
  switch (tierOfUnit(unitCode)) {
    case 'county':
      return `${unitCode.slice(0, 4)}00`;
    case 'city':
      return `${unitCode.slice(0, 2)}0000`;
    case 'province':
      return unitCode;
  }
}
