import type { EntityManager } from 'typeorm';

export interface PetitionRow {
  rawEventId: string;
  kind: string;
  /** The case concerned, when named; it need not be known yet. */
  caseNo: string | null;
  subjectId: string | null;
  receivedOn: string;
  channel: string;
  summary: string;
}

/** procuratorate.petition/1, as the petitions projection stores it. */
export class PetitionRepository {
  async insertPetitions(m: EntityManager, rows: PetitionRow[]): Promise<void> {
    if (!rows.length) return;
    await m.query(
      `insert into petitions (raw_event_id, kind, case_no, subject_id, received_on, channel, summary)
       select x."rawEventId"::bigint, x.kind, x."caseNo", x."subjectId"::bigint, x."receivedOn", x.channel, x.summary
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, kind text, "caseNo" text, "subjectId" text,
            "receivedOn" date, channel text, summary text)
       on conflict do nothing`,
      [JSON.stringify(rows)],
    );
  }
}
