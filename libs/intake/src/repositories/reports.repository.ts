import type { EntityManager } from 'typeorm';
import { scopeRange } from './worklist.repository';

type Queryable = Pick<EntityManager, 'query'>;

/** Leads of an area in a period, not withdrawn ($1 scope prefix, $2–$3 the period). */
const IN_PERIOD = `l.unit_code like $1 || '%' and l.status <> 'withdrawn' and l.as_of >= $2 and l.as_of < $3`;

/** The 专题分析报告's figures and the kept monthly reports (thematic_reports). */
export class ReportsRepository {
  /** Leads by model, by court, by month, and per court and model beside the province's. */
  async periodFigures(m: Queryable, scope: string, fromAt: Date, toAt: Date) {
    const params = [scope, fromAt, toAt];
    const where = IN_PERIOD;
    const [byModel, byCourt, byMonth, pairs] = await Promise.all([
      m.query<{ modelId: string; leads: number }[]>(
        `select l.model_id as "modelId", count(*)::int as leads from leads l where ${where} group by 1 order by 2 desc, 1`,
        params,
      ),
      m.query<{ court: string; leads: number; cases: number }[]>(
        `select c.court_code as court, count(*)::int as leads,
              (select count(*)::int from cases k where k.court_code = c.court_code) as cases
         from leads l join cases c on c.case_no = l.case_no where ${where} group by 1 order by 2 desc, 1`,
        params,
      ),
      m.query<{ month: string; leads: number }[]>(
        `select to_char(l.as_of at time zone 'Asia/Shanghai', 'YYYY-MM') as month, count(*)::int as leads
         from leads l where ${where} group by 1 order by 1`,
        params,
      ),
      m.query<
        {
          court: string;
          modelId: string;
          leads: number;
          cases: number;
          provinceLeads: number;
          provinceCases: number;
        }[]
      >(
        `with area as (
         select c.court_code as court, l.model_id, count(*)::int as leads
           from leads l join cases c on c.case_no = l.case_no
          where ${where} and l.kind = 'individual' group by 1, 2)
       select a.court, a.model_id as "modelId", a.leads,
              (select count(*)::int from cases k where k.court_code = a.court) as cases,
              (select count(*)::int from leads p join cases pc on pc.case_no = p.case_no
                where p.model_id = a.model_id and p.kind = 'individual' and p.status <> 'withdrawn'
                  and p.as_of >= $2 and p.as_of < $3 and left(pc.court_code, 1) = left(a.court, 1)) as "provinceLeads",
              (select count(*)::int from cases pk where left(pk.court_code, 1) = left(a.court, 1)) as "provinceCases"
         from area a order by a.leads desc, a.court, a.model_id`,
        params,
      ),
    ]);
    return { byModel, byCourt, byMonth, pairs };
  }

  /** The most serious individual leads of the period (typical cases; masked by the caller). */
  async typicalLeads(m: Queryable, scope: string, fromAt: Date, toAt: Date) {
    const where = IN_PERIOD;
    return m.query<
      {
        id: string;
        caseNo: string | null;
        court: string | null;
        title: string;
        statement: string;
        status: string;
      }[]
    >(
      `select l.id, l.case_no as "caseNo", c.court_code as court, l.title, l.statement, l.status
       from leads l left join cases c on c.case_no = l.case_no
      where ${where} and l.kind = 'individual'
      order by case l.severity when 'high' then 0 when 'medium' then 1 else 2 end, l.claim_fen desc nulls last, l.as_of, l.id
      limit 5`,
      [scope, fromAt, toAt],
    );
  }

  /** Offices that have leads at all. */
  async unitsWithLeads(m: Queryable): Promise<{ unitCode: string }[]> {
    return m.query(`select distinct unit_code as "unitCode" from leads`);
  }

  /** Offices whose report of the month is kept already. */
  async keptUnits(m: Queryable, period: string): Promise<{ unitCode: string }[]> {
    return m.query(`select unit_code as "unitCode" from thematic_reports where period = $1`, [period]);
  }

  async keep(
    m: Queryable,
    r: {
      unitCode: string;
      period: string;
      from: string;
      to: string;
      figures: unknown;
      html: string;
      pdf: Buffer | undefined;
    },
  ): Promise<void> {
    await m.query(
      `insert into thematic_reports (unit_code, period, from_day, to_day, figures, html, pdf)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (unit_code, period) do nothing`,
      [r.unitCode, r.period, r.from, r.to, JSON.stringify(r.figures), r.html, r.pdf],
    );
  }

  async kept(
    m: Queryable,
    scopePrefix: string,
  ): Promise<
    { id: string; unitCode: string; period: string; leads: number; findings: number; generatedAt: Date }[]
  > {
    return m.query(
      `select id, unit_code as "unitCode", period, (figures->'totals'->>'leads')::int as leads,
              jsonb_array_length(figures->'findings') as findings, generated_at as "generatedAt"
         from thematic_reports where unit_code >= $1 and unit_code < $2
        order by period desc, unit_code limit 500`,
      scopeRange(scopePrefix),
    );
  }

  async keptPdf(
    m: Queryable,
    scopePrefix: string,
    id: string,
  ): Promise<{ unitCode: string; period: string; pdf: Buffer } | null> {
    const rows: { unitCode: string; period: string; pdf: Buffer }[] = await m.query(
      `select unit_code as "unitCode", period, pdf from thematic_reports
        where id = $3 and unit_code >= $1 and unit_code < $2`,
      [...scopeRange(scopePrefix), id],
    );
    return rows[0] ?? null;
  }
}
