import type { EntityManager } from 'typeorm';

/** What a model's individual leads became, per model and version, in an office's scope. */
export interface ModelResultRow {
  modelId: string;
  modelVersion: number;
  /** The title of the stored declarative model of this id and version, if any. */
  declarativeTitle: string | null;
  raised: number;
  accepted: number;
  suggestionsIssued: number;
  adopted: number;
  rectified: number;
  recoveredFen: number;
}

export class ModelResultsRepository {
  /**
   * Leads raised, accepted, 检察建议 issued, adopted, rectified and money recovered, by model and
   * version; leads raised (business time) in [from, to) when given.
   */
  async results(
    m: EntityManager,
    unitPrefix: string,
    filter: { modelId: string | null; from: Date | null; to: Date | null },
  ): Promise<ModelResultRow[]> {
    return m.query(
      `with r as (
         select l.model_id, l.model_version,
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
           and ($3::timestamptz is null or l.as_of >= $3) and ($4::timestamptz is null or l.as_of < $4)
         group by l.model_id, l.model_version)
       select r.model_id as "modelId", r.model_version as "modelVersion", d.definition->>'title' as "declarativeTitle",
              r.raised, r.accepted, r."suggestionsIssued", r.adopted, r.rectified, r."recoveredFen"
       from r left join declarative_models d on d.model_id = r.model_id and d.version = r.model_version
       order by r.model_id, r.model_version`,
      [unitPrefix, filter.modelId, filter.from, filter.to],
    );
  }
}
