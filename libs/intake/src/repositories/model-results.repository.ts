import type { EntityManager } from 'typeorm';

/** What a model's individual leads became, per model and version, in an office's scope. */
export interface ModelResultRow {
  modelId: string;
  modelVersion: number;
  raised: number;
  accepted: number;
  suggestionsIssued: number;
  adopted: number;
  rectified: number;
  recoveredFen: number;
}

export class ModelResultsRepository {
  /** Leads raised, accepted, 检察建议 issued, adopted, rectified and money recovered, by model and version. */
  async results(m: EntityManager, unitPrefix: string, modelId: string | null): Promise<ModelResultRow[]> {
    return m.query(
      `select l.model_id as "modelId", l.model_version as "modelVersion",
              count(*)::int as raised,
              count(*) filter (where l.accepted_at is not null)::int as accepted,
              count(*) filter (where l.suggestion_served_on is not null)::int as "suggestionsIssued",
              count(*) filter (where l.court_reply = 'adopted')::int as adopted,
              count(*) filter (where l.status = 'rectified' or exists (
                select 1 from lead_transitions t where t.lead_id = l.id and t.to_status = 'rectified'))::int as rectified,
              coalesce(sum(l.recovered_fen), 0)::float8 as "recoveredFen"
       from leads l
       where l.kind = 'individual' and l.status <> 'withdrawn' and l.unit_code like $1 || '%'
         and ($2::text is null or l.model_id = $2)
       group by l.model_id, l.model_version
       order by l.model_id, l.model_version`,
      [unitPrefix, modelId],
    );
  }
}
