import type { EntityManager } from 'typeorm';
import type { BankEvent, Envelope } from '@zhijian/contracts';
import { BankRepository, type BankAccountRow, type BankTransferRow } from '../repositories/bank.repository';
import {
  byRawEventId,
  newestPerKey,
  unique,
  type BatchSubjects,
  type FeedProjection,
  type SubjectIds,
  type Touched,
} from './projection';

type CollectedAccount = Omit<BankAccountRow, 'holderSubjectId'> & { holderKey: string };
type CollectedTransfer = Omit<BankTransferRow, 'fromSubjectId' | 'toSubjectId'> & {
  fromKey: string;
  toKey: string;
};

/** registry.bank: the newest snapshot of each account (by balance date) and every transfer. */
export class BankProjection implements FeedProjection {
  private readonly bank = new BankRepository();
  private readonly accounts: CollectedAccount[] = [];
  private readonly transfers: CollectedTransfer[] = [];

  constructor(private readonly subjects: BatchSubjects) {}

  add(envelope: Envelope, rawEventId: string): void {
    const e = envelope.payload as unknown as BankEvent;
    // A party without an identifier is known by its account (numbers are canonical after decoding).
    switch (e.type) {
      case 'account.snapshot':
        this.accounts.push({
          bankCode: e.bankCode,
          accountNo: e.accountNo,
          holderKey: this.subjects.add(e.holder, `account:${e.accountNo}`),
          openedOn: e.openedOn,
          balanceFen: e.balance,
          asOf: e.asOf,
          rawEventId,
          occurredAt: envelope.occurredAt,
        });
        break;
      case 'transfer':
        this.transfers.push({
          rawEventId,
          fromKey: this.subjects.add(e.from, `account:${e.fromAccount}`),
          fromAccount: e.fromAccount,
          toKey: this.subjects.add(e.to, `account:${e.toAccount}`),
          toAccount: e.toAccount,
          amountFen: e.amount,
          transferredOn: e.on,
        });
        break;
    }
  }

  async write(m: EntityManager, ids: SubjectIds): Promise<Touched> {
    const newest = newestPerKey(
      this.accounts,
      (a) => `${a.bankCode}|${a.accountNo}`,
      (a, b) =>
        cmp(a.asOf, b.asOf) || Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || byRawEventId(a, b),
    );
    await this.bank.upsertAccounts(
      m,
      newest.map(({ holderKey, ...a }) => ({ ...a, holderSubjectId: ids(holderKey) })),
    );
    await this.bank.insertTransfers(
      m,
      this.transfers.map(({ fromKey, toKey, ...t }) => ({
        ...t,
        fromSubjectId: ids(fromKey),
        toSubjectId: ids(toKey),
      })),
    );
    const keys = [
      ...this.accounts.map((a) => a.holderKey),
      ...this.transfers.flatMap((t) => [t.fromKey, t.toKey]),
    ];
    return { cases: [], subjects: unique(keys.map(ids)) };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
