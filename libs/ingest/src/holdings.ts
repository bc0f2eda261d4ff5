import type { HoldingRow, RealEstateEventRow } from './repositories/ingest.repository';
import type { VehicleEventRow, VehicleHoldingRow } from './repositories/vehicle.repository';

/** A registry event of one asset, with its owners after the event. */
export interface OwnershipEvent {
  rawEventId: string;
  assetId: string;
  /** Registration date: the order of the asset's history. */
  registeredOn: string;
  /** Business time; orders events of the same day. */
  occurredAt: string | Date;
  owners: { subjectId: string; share: number }[];
}

/** [heldFrom, heldTo): on heldTo the asset is no longer the subject's. */
export interface OwnershipInterval {
  assetId: string;
  subjectId: string;
  share: number;
  heldFrom: string;
  heldTo: string | null;
  fromRawEventId: string;
  toRawEventId: string | null;
}

/**
 * Ownership intervals of assets from their registry events. Each event carries the owners
 * after it; events are ordered by registration date (then by business time, then by arrival),
 * so an event that arrives late still lands in its place.
 */
export function computeOwnership(events: OwnershipEvent[]): OwnershipInterval[] {
  const result: OwnershipInterval[] = [];
  for (const [assetId, assetEvents] of groupBy(events, (e) => e.assetId)) {
    const open = new Map<string, OwnershipInterval>();
    for (const e of [...assetEvents].sort(byRegistration)) {
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
            assetId,
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
  // The tables' key is (asset, subject, from): keep one interval per key.
  const unique = new Map(result.map((h) => [`${h.assetId}|${h.subjectId}|${h.heldFrom}`, h]));
  return [...unique.values()];
}

/** Real-estate units: every event (mortgages and seals too) names the owners after it. */
export function computeHoldings(events: RealEstateEventRow[]): HoldingRow[] {
  return computeOwnership(
    events.map((e) => ({
      rawEventId: e.rawEventId,
      assetId: e.unitNo,
      registeredOn: e.registeredOn,
      occurredAt: e.occurredAt,
      owners: e.owners,
    })),
  ).map(({ assetId, ...h }) => ({ unitNo: assetId, ...h }));
}

/** Vehicles: one owner after a registration or transfer, none after a deregistration. */
export function computeVehicleHoldings(events: VehicleEventRow[]): VehicleHoldingRow[] {
  return computeOwnership(
    events.map((e) => ({
      rawEventId: e.rawEventId,
      assetId: e.vin,
      registeredOn: e.registeredOn,
      occurredAt: e.occurredAt,
      owners: e.event === 'deregistration' ? [] : [{ subjectId: e.ownerSubjectId, share: 1 }],
    })),
  ).map(({ assetId, subjectId, heldFrom, heldTo, fromRawEventId, toRawEventId }) => ({
    vin: assetId,
    subjectId,
    heldFrom,
    heldTo,
    fromRawEventId,
    toRawEventId,
  }));
}

interface RegistryOrder {
  registeredOn: string;
  occurredAt: string | Date;
  rawEventId: string;
}

/** Registry order: registration date, then business time, then arrival (raw event id). */
export function byRegistration(a: RegistryOrder, b: RegistryOrder): number {
  return (
    cmp(a.registeredOn, b.registeredOn) ||
    instant(a.occurredAt) - instant(b.occurredAt) ||
    Number(BigInt(a.rawEventId) - BigInt(b.rawEventId))
  );
}

export function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function instant(t: string | Date): number {
  return t instanceof Date ? t.getTime() : Date.parse(t);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
