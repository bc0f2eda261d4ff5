import type { EntityManager } from 'typeorm';
import type { SuggestionRecord, CourtActivity } from '@zhijian/domain';

/**
 * `followup_timers`: when a lead's 检察建议 must be looked at again (business time). The
 * migration's trigger queues a lead at once (`-infinity`) when its suggestion or reply changes.
 */
export class FollowupRepository {
  /** Takes the timers that business time has passed (locked, others skipped); returns their leads. */
  async fireDue(m: EntityManager, asOf: Date, limit: number): Promise<string[]> {
    const rows: { leadId: string }[] = await m.query(
      `with due as (
         delete from followup_timers where lead_id in (
           select lead_id from followup_timers where due_at <= $1 order by due_at limit $2 for update skip locked)
         returning lead_id)
       select lead_id as "leadId" from due`,
      [asOf, limit],
    );
    return rows.map((r) => r.leadId);
  }

  /** The next look at each lead; an earlier pending one (e.g. a change queued meanwhile) wins. */
  async setTimers(m: EntityManager, timers: { leadId: string; dueAt: Date }[]): Promise<void> {
    if (!timers.length) return;
    await m.query(
      `insert into followup_timers (lead_id, due_at)
       select x."leadId", x."dueAt" from jsonb_to_recordset($1::jsonb) as x("leadId" uuid, "dueAt" timestamptz)
       on conflict (lead_id) do update set due_at = least(followup_timers.due_at, excluded.due_at)`,
      [JSON.stringify(timers)],
    );
  }

  async suggestions(m: EntityManager, leadIds: string[]): Promise<SuggestionRecord[]> {
    if (!leadIds.length) return [];
    return m.query(
      `select l.id as "leadId", l.model_id as "modelId", l.kind, l.case_no as "caseNo", l.unit_code as "unitCode",
              l.status, l.title, l.suggestion_no as "suggestionNo",
              to_char(l.suggestion_served_on, 'YYYY-MM-DD') as "servedOn", l.suggestion_extended as extended,
              l.court_reply as "courtReply", to_char(l.court_replied_on, 'YYYY-MM-DD') as "repliedOn",
              coalesce(l.evidence->'parties', '[]'::jsonb) as parties, l.claim_fen::float8 as "claimFen",
              l.livelihood, l.labor_applicants as "laborApplicants"
       from leads l where l.id = any($1::uuid[])
       order by l.id`,
      [leadIds],
    );
  }

  /** Court acts in these cases and in the cases that restored them: restorations, closings, controls. */
  async courtActivity(m: EntityManager, caseNos: string[]): Promise<CourtActivity[]> {
    if (!caseNos.length) return [];
    return m.query(
      `with family as (
         select t.case_no as origin, t.case_no from unnest($1::text[]) as t(case_no)
         union
         select c.previous_case_no, c.case_no from cases c where c.previous_case_no = any($1::text[])
       ), acts as (
         select f.origin, 'restored' as kind, c.restored_on as on_date
           from family f join cases c on c.case_no = f.case_no and c.previous_case_no = f.origin
           where c.restored_on is not null
         union all
         select f.origin, 'closed', c.closed_on from family f join cases c on c.case_no = f.case_no
           where c.closed_on is not null
         union all
         select f.origin, 'controlled', a.controlled_on from family f join asset_controls a on a.case_no = f.case_no
         union all
         select f.origin, 'renewed', a.renewed_on from family f join asset_controls a on a.case_no = f.case_no
           where a.renewed_on is not null
         union all
         select f.origin, 'released', a.released_on from family f join asset_controls a on a.case_no = f.case_no
           where a.released_on is not null
       )
       select origin as "caseNo", kind, to_char(on_date, 'YYYY-MM-DD') as on from acts
       order by origin, on_date, kind`,
      [caseNos],
    );
  }
}
