import type { EntityManager } from 'typeorm';
import type { EnterpriseEvent, Envelope } from '@zhijian/contracts';
import { EnterpriseRepository, type EquityEventRow } from '../repositories/enterprise.repository';
import { unique, type BatchSubjects, type FeedProjection, type SubjectIds, type Touched } from './projection';
import { computeShareholdings, legalPersonRelations, shareholderRelations } from './shareholdings';

type Collected = Omit<
  EquityEventRow,
  'companySubjectId' | 'shareholderSubjectId' | 'legalPersonSubjectId'
> & {
  companyKey: string;
  shareholderKey: string;
  legalPersonKey: string | null;
};

/**
 * registry.enterprise: equity changes as they arrived; the stakes over time and the
 * shareholder and legal-person relations of their companies recomputed from all of them.
 */
export class EnterpriseProjection implements FeedProjection {
  private readonly enterprise = new EnterpriseRepository();
  private readonly events: Collected[] = [];

  constructor(private readonly subjects: BatchSubjects) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as EnterpriseEvent;
    const companyKey = this.subjects.add(e.company, 'registry:enterprise');
    this.events.push({
      rawEventId,
      companyKey,
      shareholderKey: this.subjects.add(e.shareholder, `company:${companyKey}`),
      legalPersonKey: e.legalPerson ? this.subjects.add(e.legalPerson, `company:${companyKey}`) : null,
      event: e.event,
      sharePct: e.sharePct,
      subscribedCapitalFen: e.subscribedCapital,
      registeredOn: e.on,
      occurredAt: envelope.occurredAt,
    });
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    if (!this.events.length) return { cases: [], subjects: [] };
    await this.enterprise.insertEquityEvents(
      m,
      this.events.map(({ companyKey, shareholderKey, legalPersonKey, ...e }) => ({
        ...e,
        companySubjectId: ids(companyKey),
        shareholderSubjectId: ids(shareholderKey),
        legalPersonSubjectId: legalPersonKey === null ? null : ids(legalPersonKey),
      })),
    );
    const companies = unique(this.events.map((e) => ids(e.companyKey)));
    const history = await this.enterprise.lockAndLoadEquityEvents(m, companies);
    const holdings = computeShareholdings(history);
    const shareholders = await this.enterprise.replaceShareholdings(m, companies, holdings, [
      ...shareholderRelations(holdings),
      ...legalPersonRelations(history),
    ]);
    return { cases: [], subjects: unique([...companies, ...shareholders]) };
  }
}
