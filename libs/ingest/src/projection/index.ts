import type { IngestRepository } from '../repositories/ingest.repository';
import { BankProjection } from './bank.projection';
import { CaseEventProjection } from './case-events.projection';
import { EnterpriseProjection } from './enterprise.projection';
import { PetitionProjection } from './petition.projection';
import type { BatchSubjects, FeedName, FeedProjection } from './projection';
import { RealEstateProjection } from './realestate.projection';
import { TaxProjection } from './tax.projection';
import { VehicleProjection } from './vehicle.projection';

export { BatchSubjects, subjectOf, type FeedName, type FeedProjection, type Touched } from './projection';

/**
 * One projection per feed for a batch, in the order they write: plain inserts and upserts
 * first, then the projections that lock an asset and recompute it (real estate, vehicles,
 * companies), always in that order, so that concurrent batches never wait on each other in a cycle.
 */
export function feedProjections(
  subjects: BatchSubjects,
  ingest: IngestRepository,
): Record<FeedName, FeedProjection> {
  return {
    'court.case-event': new CaseEventProjection(subjects, ingest),
    'registry.tax': new TaxProjection(subjects),
    'registry.bank': new BankProjection(subjects),
    'procuratorate.petition': new PetitionProjection(subjects),
    'registry.realestate': new RealEstateProjection(subjects, ingest),
    'registry.vehicle': new VehicleProjection(subjects),
    'registry.enterprise': new EnterpriseProjection(subjects),
  };
}

/** `registry.tax/1` → `registry.tax`. */
export function feedNameOf(schema: string): string {
  return schema.slice(0, schema.lastIndexOf('/'));
}
