import type { MortgageRow, RealEstateEventRow } from '../repositories/ingest.repository';
import { byRegistration, groupBy } from '../holdings';

/**
 * Mortgages of real-estate units from their `mortgage` and `mortgage_release` events, in
 * registry order whatever order they arrive in. A release closes the oldest mortgage still
 * open on the unit whose mortgagee it names (any open one when either side names none); a
 * release with nothing open to close changes nothing.
 */
export function computeMortgages(events: RealEstateEventRow[]): MortgageRow[] {
  const result: MortgageRow[] = [];
  for (const [unitNo, unitEvents] of groupBy(events, (e) => e.unitNo)) {
    const open: MortgageRow[] = [];
    for (const e of [...unitEvents].sort(byRegistration)) {
      if (e.event === 'mortgage') {
        open.push({
          unitNo,
          mortgageeSubjectId: e.mortgageeSubjectId ?? null,
          securedFen: e.securedFen ?? null,
          registeredOn: e.registeredOn,
          releasedOn: null,
          rawEventId: e.rawEventId,
          releaseRawEventId: null,
        });
      } else if (e.event === 'mortgage_release') {
        const by = e.mortgageeSubjectId ?? null;
        const i = open.findIndex((m) => !by || !m.mortgageeSubjectId || m.mortgageeSubjectId === by);
        if (i < 0) continue;
        const [released] = open.splice(i, 1);
        result.push({ ...released!, releasedOn: e.registeredOn, releaseRawEventId: e.rawEventId });
      }
    }
    result.push(...open);
  }
  return result;
}
