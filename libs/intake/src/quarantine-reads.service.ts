import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@zhijian/access';
import { QuarantineService } from '@zhijian/ingest';
import type { QuarantineDetailView, QuarantinePage } from '@zhijian/contracts';
import { quarantineDetailView, quarantineSummaryView } from './quarantine-view';
import { auditActor, listSubject, READ_ACTIONS, recordRead } from './read-audit';

type ListQuery = Parameters<QuarantineService['list']>[0];

/**
 * Operators' reads of the quarantine, audited: a quarantined message is raw producer input with
 * its personal data, so each list (filters and count) and each message read is an audit row
 * with who, when and why, appended before the answer leaves.
 */
@Injectable()
export class QuarantineReadsService {
  constructor(
    private readonly quarantine: QuarantineService,
    private readonly dataSource: DataSource,
  ) {}

  async list(p: Principal, q: ListQuery, reason: string | null): Promise<QuarantinePage> {
    const page = await this.quarantine.list(q);
    await this.dataSource.transaction((m) =>
      recordRead(
        m,
        auditActor(p),
        READ_ACTIONS.quarantineList,
        listSubject('quarantine', { ...q, limit: page.limit, offset: page.offset }, page.items.length),
        reason,
      ),
    );
    return { ...page, items: page.items.map(quarantineSummaryView) };
  }

  async get(p: Principal, id: string, reason: string | null): Promise<QuarantineDetailView> {
    const detail = await this.quarantine.get(id);
    await this.dataSource.transaction((m) =>
      recordRead(m, auditActor(p), READ_ACTIONS.quarantineRead, `quarantine #${id}`, reason),
    );
    return quarantineDetailView(detail);
  }
}
