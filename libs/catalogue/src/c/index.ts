import type { ModelDefinition } from '@zhijian/domain';
import { DISTRIBUTION_ORDER_VIOLATION_MODEL } from './distribution-order-violation.model';
import { PAYOUT_OVERDUE_MODEL } from './payout-overdue.model';
import { RECEIVABLE_FROM_OTHER_SUIT_MODEL } from './receivable-from-other-suit.model';
import { SELECTIVE_EXECUTION_MODEL } from './selective-execution.model';

/** Catalogue group C. Distribution of money (财产分配): one module per model. */
export const GROUP_C: ModelDefinition[] = [
  PAYOUT_OVERDUE_MODEL,
  DISTRIBUTION_ORDER_VIOLATION_MODEL,
  SELECTIVE_EXECUTION_MODEL,
  RECEIVABLE_FROM_OTHER_SUIT_MODEL,
];
