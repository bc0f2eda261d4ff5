import type { EntityManager } from 'typeorm';
import type { Department } from '@zhijian/contracts';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * The condition that a department sees the lead aliased `l`, with the department as the SQL
 * parameter `param` (null: the whole office). A department sees a lead it handles now
 * (`leads.department`) or handled or was offered before: a transfer from it or to it (a pending
 * one included, so the receiving side can read what it is asked to accept); 控告申诉 also every
 * lead with an application or report (a petition), which it received.
 */
export function departmentSees(param: string, alias = 'l'): string {
  return `(${param}::text is null or ${alias}.department = ${param}::text
     or exists (select 1 from lead_transfers dt where dt.lead_id = ${alias}.id
                  and (dt.from_department = ${param}::text or dt.to_department = ${param}::text))
     or (${param}::text = 'complaint' and exists (select 1 from petitions dp where dp.lead_id = ${alias}.id)))`;
}

/** Departments of principals and whether a department may read a lead. */
export class DepartmentsRepository {
  async departmentOf(m: Queryable, principalId: string): Promise<Department | null> {
    const rows: { department: Department }[] = await m.query(
      `select department from principal_departments where principal_id = $1`,
      [principalId],
    );
    return rows[0]?.department ?? null;
  }

  /** The lead's department, and whether `department` sees it; null when the lead does not exist. */
  async sees(
    m: Queryable,
    leadId: string,
    department: Department,
  ): Promise<{ department: Department; sees: boolean } | null> {
    const rows: { department: Department; sees: boolean }[] = await m.query(
      `select l.department, ${departmentSees('$2')} as sees from leads l where l.id = $1`,
      [leadId, department],
    );
    return rows[0] ?? null;
  }
}
