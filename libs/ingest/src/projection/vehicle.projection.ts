import type { EntityManager } from 'typeorm';
import type { Envelope, VehicleEvent } from '@zhijian/contracts';
import { VehicleRepository, type VehicleEventRow } from '../repositories/vehicle.repository';
import { computeVehicleHoldings } from '../holdings';
import { casesControllingAssets } from '../repositories/asset-cases';
import { unique, type BatchSubjects, type FeedProjection, type SubjectIds, type Touched } from './projection';

type Collected = Omit<VehicleEventRow, 'ownerSubjectId'> & { ownerKey: string };

/** registry.vehicle: events as they arrived; ownership intervals of their vehicles recomputed from all of them. */
export class VehicleProjection implements FeedProjection {
  private readonly vehicles = new VehicleRepository();
  private readonly events: Collected[] = [];

  constructor(private readonly subjects: BatchSubjects) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as VehicleEvent;
    this.events.push({
      rawEventId,
      vin: e.vin,
      plate: e.plate,
      event: e.event,
      ownerKey: this.subjects.add(e.owner, `vin:${e.vin}`),
      registeredOn: e.on,
      occurredAt: envelope.occurredAt,
      valueFen: e.value ?? null,
    });
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    if (!this.events.length) return { cases: [], subjects: [] };
    await this.vehicles.insertEvents(
      m,
      this.events.map(({ ownerKey, ...e }) => ({ ...e, ownerSubjectId: ids(ownerKey) })),
    );
    const vins = unique(this.events.map((e) => e.vin));
    const history = await this.vehicles.lockAndLoadEvents(m, vins);
    const holders = await this.vehicles.replaceHoldings(m, vins, computeVehicleHoldings(history));
    // The owner named by a deregistration holds nothing after it, but the fact concerns them.
    return {
      cases: await casesControllingAssets(m, 'vehicle', vins),
      subjects: unique([...holders, ...this.events.map((e) => ids(e.ownerKey))]),
    };
  }
}
