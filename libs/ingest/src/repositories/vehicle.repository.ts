import type { EntityManager } from 'typeorm';
import { lockKeys, occurredAtIso } from '@zhijian/persistence';

export interface VehicleEventRow {
  rawEventId: string;
  vin: string;
  plate: string;
  event: string;
  /** The owner after the event. */
  ownerSubjectId: string;
  registeredOn: string;
  occurredAt: string;
  valueFen: number | null;
}

/** [heldFrom, heldTo): on heldTo the vehicle is no longer the subject's. */
export interface VehicleHoldingRow {
  vin: string;
  subjectId: string;
  heldFrom: string;
  heldTo: string | null;
  fromRawEventId: string;
  toRawEventId: string | null;
}

/** registry.vehicle/1: the registry's events as they arrived, and the ownership intervals computed from them. */
export class VehicleRepository {
  async insertEvents(m: EntityManager, rows: VehicleEventRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into vehicle_events (raw_event_id, vin, plate, event, owner_subject_id, registered_on, occurred_at, value_fen)
       select x."rawEventId"::bigint, x.vin, x.plate, x.event, x."ownerSubjectId"::bigint, x."registeredOn",
              x."occurredAt", x."valueFen"
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, vin text, plate text, event text,
            "ownerSubjectId" text, "registeredOn" date, "occurredAt" timestamptz, "valueFen" bigint)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }

  /** Locks the vehicles (see lockKeys), then loads every event of them. */
  async lockAndLoadEvents(m: EntityManager, vins: string[]): Promise<VehicleEventRow[]> {
    if (!vins.length) return [];
    await lockKeys(m, 'vehicle', vins);
    return m.query(
      `select raw_event_id::text as "rawEventId", vin, plate, event, owner_subject_id::text as "ownerSubjectId",
              to_char(registered_on, 'YYYY-MM-DD') as "registeredOn", ${occurredAtIso()} as "occurredAt",
              value_fen::float8 as "valueFen"
       from vehicle_events where vin = any($1::text[])
       order by vin, registered_on, occurred_at, raw_event_id`,
      [vins],
    );
  }

  /** Replaces the ownership intervals of the given vehicles; returns every subject that held or holds them. */
  async replaceHoldings(m: EntityManager, vins: string[], rows: VehicleHoldingRow[]): Promise<string[]> {
    if (!vins.length) return [];
    const before: { subjectId: string }[] = await m.query(
      `with removed as (delete from vehicle_holdings where vin = any($1::text[]) returning subject_id)
       select subject_id::text as "subjectId" from removed`,
      [vins],
    );
    if (rows.length) {
      await m.query(
        `insert into vehicle_holdings (vin, subject_id, held_from, held_to, from_raw_event_id, to_raw_event_id)
         select x.vin, x."subjectId"::bigint, x."heldFrom", x."heldTo", x."fromRawEventId"::bigint,
                x."toRawEventId"::bigint
         from jsonb_to_recordset($1::jsonb) as x(vin text, "subjectId" text, "heldFrom" date, "heldTo" date,
              "fromRawEventId" text, "toRawEventId" text)`,
        [JSON.stringify(rows)],
      );
    }
    return [...new Set([...before.map((b) => b.subjectId), ...rows.map((r) => r.subjectId)])];
  }
}
