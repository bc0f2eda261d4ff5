import type { EntityManager } from 'typeorm';
import type { SourceList, SourceReport } from '@zhijian/contracts';
import {
  SourceConformanceRepository,
  type ConformancePeriod,
} from './repositories/source-conformance.repository';

type Queryable = Pick<EntityManager, 'query'>;

/** How each source's feed is doing (issue 16): what ingest tells the API and the CLI. */
export class SourceReports {
  private readonly conformance = new SourceConformanceRepository();

  list(m: Queryable, period: ConformancePeriod): Promise<SourceList> {
    return this.conformance.list(m, period);
  }

  report(m: Queryable, period: ConformancePeriod, source: string): Promise<SourceReport | null> {
    return this.conformance.report(m, period, source);
  }
}
