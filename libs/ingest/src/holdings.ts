import type { HoldingRow, RealEstateEventRow } from '@zhijian/persistence';

/**
 * Ownership intervals of real-estate units from their registry events. Each event
 * carries the owners after it; events are ordered by registration date (then by
 * business time), so an event that arrives late still lands in its place.
 * A holding is [heldFrom, heldTo): on heldTo the unit is no longer the subject's.
 */
export function computeHoldings(events: RealEstateEventRow[]): HoldingRow[] {
  const byUnit = new Map<string, RealEstateEventRow[]>();
  for (const e of events) byUnit.set(e.unitNo, [...(byUnit.get(e.unitNo) ?? []), e]);
  const result: HoldingRow[] = [];
  for (const [unitNo, unitEvents] of byUnit) {
    const sorted = [...unitEvents].sort(
      (a, b) =>
        cmp(a.registeredOn, b.registeredOn) ||
        cmp(String(a.occurredAt), String(b.occurredAt)) ||
        Number(BigInt(a.rawEventId) - BigInt(b.rawEventId)),
    );
    const open = new Map<string, HoldingRow>();
    for (const e of sorted) {
      const owners = new Map(e.owners.map((o) => [o.subjectId, o.share]));
      for (const [subjectId, holding] of open) {
        if (owners.has(subjectId)) {
          holding.share = owners.get(subjectId)!;
          continue;
        }
        open.delete(subjectId);
        if (holding.heldFrom === e.registeredOn) continue; // bought and sold the same day: never held overnight
        result.push({ ...holding, heldTo: e.registeredOn, toRawEventId: e.rawEventId });
      }
      for (const [subjectId, share] of owners) {
        if (!open.has(subjectId)) {
          open.set(subjectId, {
            unitNo,
            subjectId,
            share,
            heldFrom: e.registeredOn,
            heldTo: null,
            fromRawEventId: e.rawEventId,
            toRawEventId: null,
          });
        }
      }
    }
    result.push(...open.values());
  }
  // The table's key is (unit, subject, from): keep one interval per key.
  const unique = new Map(result.map((h) => [`${h.unitNo}|${h.subjectId}|${h.heldFrom}`, h]));
  return [...unique.values()];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
