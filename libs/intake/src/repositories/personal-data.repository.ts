import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/** A party as the masking step needs it: persons are masked, organisations kept as they are. */
export interface KnownParty {
  kind: string;
  name: string;
  idNo?: string | null;
  uscc?: string | null;
}

/** Who a lead is about, wherever the hub knows them from. */
export interface LeadPeople {
  /** The lead's evidence parties, and the persons and organisations named in its facts. */
  evidenceParties: unknown;
  facts: unknown;
  /** The parties of the lead's case, as the court feed recorded them. */
  caseParties: KnownParty[];
  /** The payloads of the feed events its evidence cites: every party they name (objectors, payees, owners, …). */
  evidenceEvents: unknown;
  /** The subjects of the petitions on its case (a petition without a case is its own lead, its subject a party). */
  petitioners: KnownParty[];
}

/**
 * The persons and organisations of leads, read for the masking step only (never answered):
 * the evidence's parties and facts, the parties named by the feed events the evidence cites, the
 * parties of the lead's case and the petitions' subjects, in one query for a page of leads.
 */
export class PersonalDataRepository {
  async ofLeads(m: Queryable, leadIds: string[]): Promise<Map<string, LeadPeople>> {
    if (!leadIds.length) return new Map();
    const rows: (LeadPeople & { id: string })[] = await m.query(
      `select l.id,
              l.evidence->'parties' as "evidenceParties",
              l.evidence->'facts' as facts,
              coalesce((select json_agg(json_build_object('kind', s.kind, 'name', cp.name, 'idNo', s.id_no, 'uscc', s.uscc))
                          from case_parties cp join subjects s on s.id = cp.subject_id
                         where cp.case_no = l.case_no), '[]'::json) as "caseParties",
              coalesce((select json_agg(r.payload)
                          from jsonb_to_recordset(case when jsonb_typeof(l.evidence->'items') = 'array'
                                                       then l.evidence->'items' else '[]'::jsonb end)
                                 as i(source text, "eventId" text)
                          join raw_events r on r.source = i.source and r.event_id = i."eventId"), '[]'::json)
                as "evidenceEvents",
              coalesce((select json_agg(json_build_object('kind', s.kind, 'name', s.name, 'idNo', s.id_no, 'uscc', s.uscc))
                          from petitions p join subjects s on s.id = p.subject_id
                         where p.case_no = l.case_no), '[]'::json) as petitioners
         from leads l where l.id = any($1::uuid[])`,
      [leadIds],
    );
    return new Map(rows.map(({ id, ...people }) => [id, people]));
  }
}
