import { ForbiddenException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DEPARTMENT_NAMES, type Department } from '@zhijian/contracts';
import type { Principal } from '@zhijian/access';
import { DepartmentsRepository } from './repositories/departments.repository';

type Queryable = Pick<EntityManager, 'query'>;

const departments = new DepartmentsRepository();

/**
 * The department whose leads the reader is limited to (see README "Case work", department
 * visibility): a person with a department (控告申诉 / 民事检察) reads the leads that department
 * handles now or handled before; a leader, and anyone without a department, reads the whole
 * office (null).
 */
export async function readerDepartment(m: Queryable, p: Principal): Promise<Department | null> {
  if (p.role === 'leader' || p.kind !== 'person') return null;
  return departments.departmentOf(m, p.id);
}

/**
 * A direct read of one lead (already found within the office scope): 403 when the reader's
 * department may not see it.
 */
export async function assertDepartmentSees(m: Queryable, p: Principal, leadId: string): Promise<void> {
  const mine = await readerDepartment(m, p);
  if (mine === null) return;
  const r = await departments.sees(m, leadId, mine);
  if (r && !r.sees)
    throw new ForbiddenException(
      `无权限：该线索由${DEPARTMENT_NAMES[r.department]}办理，${DEPARTMENT_NAMES[mine]}人员不能查看`,
    );
}
