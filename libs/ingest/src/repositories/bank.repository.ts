import type { EntityManager } from 'typeorm';

export interface BankAccountRow {
  bankCode: string;
  accountNo: string;
  holderSubjectId: string;
  openedOn: string;
  balanceFen: number;
  asOf: string;
  rawEventId: string;
  occurredAt: string;
}

export interface BankTransferRow {
  rawEventId: string;
  fromSubjectId: string;
  fromAccount: string;
  toSubjectId: string;
  toAccount: string;
  amountFen: number;
  transferredOn: string;
}

/** registry.bank/1: accounts (the newest snapshot of each) and transfers between accounts. */
export class BankRepository {
  /** The newest snapshot by balance date wins (then by business time, then the later arrival). */
  async upsertAccounts(m: EntityManager, rows: BankAccountRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into bank_accounts as a (bank_code, account_no, holder_subject_id, opened_on, balance_fen, as_of,
                                       raw_event_id, occurred_at)
       select x."bankCode", x."accountNo", x."holderSubjectId"::bigint, x."openedOn", x."balanceFen", x."asOf",
              x."rawEventId"::bigint, x."occurredAt"
       from jsonb_to_recordset($1::jsonb) as x("bankCode" text, "accountNo" text, "holderSubjectId" text,
            "openedOn" date, "balanceFen" bigint, "asOf" date, "rawEventId" text, "occurredAt" timestamptz)
       order by x."bankCode", x."accountNo"
       on conflict (bank_code, account_no) do update set
         holder_subject_id = excluded.holder_subject_id, opened_on = excluded.opened_on,
         balance_fen = excluded.balance_fen, as_of = excluded.as_of,
         raw_event_id = excluded.raw_event_id, occurred_at = excluded.occurred_at
       where (a.as_of, a.occurred_at, a.raw_event_id) <= (excluded.as_of, excluded.occurred_at, excluded.raw_event_id)`,
      [JSON.stringify(rows)],
    );
  }

  async insertTransfers(m: EntityManager, rows: BankTransferRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into bank_transfers (raw_event_id, from_subject_id, from_account, to_subject_id, to_account, amount_fen,
                                   transferred_on)
       select x."rawEventId"::bigint, x."fromSubjectId"::bigint, x."fromAccount", x."toSubjectId"::bigint,
              x."toAccount", x."amountFen", x."transferredOn"
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, "fromSubjectId" text, "fromAccount" text,
            "toSubjectId" text, "toAccount" text, "amountFen" bigint, "transferredOn" date)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }
}
