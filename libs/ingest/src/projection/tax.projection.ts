import type { EntityManager } from 'typeorm';
import type { Envelope, TaxRecord } from '@zhijian/contracts';
import { TaxRepository, type TaxRecordRow } from '../repositories/tax.repository';
import {
  byRawEventId,
  newestPerKey,
  unique,
  type BatchSubjects,
  type FeedProjection,
  type SubjectIds,
  type Touched,
} from './projection';
import { taxPeriodRange } from './tax-period';

type Collected = Omit<TaxRecordRow, 'subjectId'> & { taxpayerKey: string };

/** registry.tax: one record per (taxpayer, period, authority); the newest business time wins. */
export class TaxProjection implements FeedProjection {
  private readonly tax = new TaxRepository();
  private readonly records: Collected[] = [];

  constructor(private readonly subjects: BatchSubjects) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as TaxRecord;
    const range = taxPeriodRange(e.period);
    this.records.push({
      taxpayerKey: this.subjects.add(e.taxpayer, `tax:${e.authority}`),
      period: e.period,
      periodStart: range.start,
      periodEnd: range.end,
      authority: e.authority,
      taxPaidFen: e.taxPaid,
      incomeFen: e.income ?? null,
      rawEventId,
      occurredAt: envelope.occurredAt,
    });
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    const newest = newestPerKey(
      this.records,
      (r) => `${r.taxpayerKey}|${r.period}|${r.authority}`,
      (a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || byRawEventId(a, b),
    );
    await this.tax.upsertTaxRecords(
      m,
      newest.map(({ taxpayerKey, ...r }) => ({ ...r, subjectId: ids(taxpayerKey) })),
    );
    return { cases: [], subjects: unique(this.records.map((r) => ids(r.taxpayerKey))) };
  }
}
