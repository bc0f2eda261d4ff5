import type { EntityManager } from 'typeorm';
import type { EnterpriseEvent, Envelope } from '@zhijian/contracts';
import { EnterpriseRepository, type EquityEventRow } from '@zhijian/persistence';
import { unique, type BatchSubjects, type FeedProjection, type SubjectIds, type Touched } from './projection';
import { computeShareholdings, shareholderRelations } from './shareholdings';

type Collected = Omit<EquityEventRow, 'companySubjectId' | 'shareholderSubjectId'> & {
  companyKey: string;
  shareholderKey: string;
};

/**
 * registry.enterprise: equity changes as they arrived; the stakes over time and the
 * shareholder relations of their companies recomputed from all of them.
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
      this.events.map(({ companyKey, shareholderKey, ...e }) => ({
        ...e,
        companySubjectId: ids(companyKey),
        shareholderSubjectId: ids(shareholderKey),
      })),
    );
    const companies = unique(this.events.map((e) => ids(e.companyKey)));
    const history = await this.enterprise.lockAndLoadEquityEvents(m, companies);
    const holdings = computeShareholdings(history);
    const shareholders = await this.enterprise.replaceShareholdings(
      m,
      companies,
      holdings,
      shareholderRelations(holdings),
    );
    return { cases: [], subjects: unique([...companies, ...shareholders]) };
  }
}
