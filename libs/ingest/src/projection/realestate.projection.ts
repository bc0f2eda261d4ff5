import type { EntityManager } from 'typeorm';
import type { Envelope, RealEstateEvent } from '@zhijian/contracts';
import type { IngestRepository, RealEstateEventRow } from '../repositories/ingest.repository';
import { computeHoldings } from '../holdings';
import { casesControllingAssets } from '../repositories/asset-cases';
import { computeMortgages } from './mortgages';
import { unique, type BatchSubjects, type FeedProjection, type SubjectIds, type Touched } from './projection';

type Collected = Omit<RealEstateEventRow, 'owners' | 'mortgageeSubjectId'> & {
  owners: { key: string; share: number }[];
  mortgageeKey: string | null;
};

/** registry.realestate: events as they arrived; holdings and mortgages of their units recomputed from all of them. */
export class RealEstateProjection implements FeedProjection {
  private readonly events: Collected[] = [];

  constructor(
    private readonly subjects: BatchSubjects,
    private readonly ingest: IngestRepository,
  ) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as RealEstateEvent;
    const context = `unit:${e.unitNo}`;
    this.events.push({
      rawEventId,
      unitNo: e.unitNo,
      event: e.event,
      registeredOn: e.registeredOn,
      occurredAt: envelope.occurredAt,
      adminCode: e.location.adminCode,
      owners: e.owners.map((o) => ({ key: this.subjects.add(o.party, context), share: o.share })),
      mortgageeKey: e.mortgagee ? this.subjects.add(e.mortgagee, context) : null,
      securedFen: e.securedAmount ?? null,
    });
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    if (!this.events.length) return { cases: [], subjects: [] };
    await this.ingest.insertRealEstateEvents(
      m,
      this.events.map(({ owners, mortgageeKey, ...r }) => ({
        ...r,
        owners: owners.map((o) => ({ subjectId: ids(o.key), share: o.share })),
        mortgageeSubjectId: mortgageeKey ? ids(mortgageeKey) : null,
      })),
    );
    const units = unique(this.events.map((r) => r.unitNo));
    const history = await this.ingest.lockAndLoadRealEstateEvents(m, units);
    const holders = await this.ingest.replaceHoldings(m, units, computeHoldings(history));
    const mortgagees = await this.ingest.replaceMortgages(m, units, computeMortgages(history));
    return {
      cases: await casesControllingAssets(m, 'realestate', units),
      subjects: [...holders, ...mortgagees],
    };
  }
}
