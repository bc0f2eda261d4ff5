import type { EntityManager } from 'typeorm';
import type { PendingPetition } from '@zhijian/domain';

/** Petitions (procuratorate.petition/1) as screening takes them up: once each, under skip-locked claims. */
export class PetitionScreeningRepository {
  /** Petitions not yet screened, oldest first; locked until the transaction ends, others skipped. */
  async claimUnscreened(m: EntityManager, limit: number): Promise<PendingPetition[]> {
    return m.query(
      `select p.raw_event_id::text as "rawEventId", p.kind, p.case_no as "caseNo",
              to_char(p.received_on, 'YYYY-MM-DD') as "receivedOn", p.channel, p.summary,
              r.source, r.event_id as "eventId",
              case when s.id is null then null
                   else jsonb_build_object('kind', s.kind, 'name', s.name, 'idNo', s.id_no, 'uscc', s.uscc) end
                as subject
       from petitions p
       join raw_events r on r.id = p.raw_event_id
       left join subjects s on s.id = p.subject_id
       where p.screened_at is null
       order by p.raw_event_id
       limit $1
       for update of p skip locked`,
      [limit],
    );
  }

  /** Records what became of each petition: the lead it made or joined (null: no office found). */
  async markScreened(
    m: EntityManager,
    outcomes: { rawEventId: string; leadId: string | null }[],
  ): Promise<void> {
    if (!outcomes.length) return;
    await m.query(
      `update petitions p set screened_at = now(), lead_id = x."leadId"
       from jsonb_to_recordset($1::jsonb) as x("rawEventId" text, "leadId" uuid)
       where p.raw_event_id = x."rawEventId"::bigint`,
      [JSON.stringify(outcomes)],
    );
  }
}
