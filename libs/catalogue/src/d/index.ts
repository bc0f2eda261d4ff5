import type { ModelDefinition } from '@zhijian/domain';
import { EXECUTION_OVERDUE_MODEL } from './execution-overdue.model';
import { OBJECTION_REVIEW_OVERDUE_MODEL } from './objection-review-overdue.model';
import { PASSIVE_EXECUTION_MODEL } from './passive-execution.model';
import { RIGHTS_NOTICE_LATE_MODEL } from './rights-notice-late.model';
import { SERVICE_OVERDUE_MODEL } from './service-overdue.model';

/** Catalogue group D. Procedure (程序): one module per model. */
export const GROUP_D: ModelDefinition[] = [
  SERVICE_OVERDUE_MODEL,
  RIGHTS_NOTICE_LATE_MODEL,
  EXECUTION_OVERDUE_MODEL,
  PASSIVE_EXECUTION_MODEL,
  OBJECTION_REVIEW_OVERDUE_MODEL,
];
