import type { ModelDefinition } from '@zhijian/domain';
import { AUCTION_PRICE_VIOLATION_MODEL } from './auction-price-violation.model';
import { DISPOSAL_DURING_OBJECTION_MODEL } from './disposal-during-objection.model';
import { DISPOSAL_NOT_STARTED_MODEL } from './disposal-not-started.model';
import { IMPROPER_SET_OFF_MODEL } from './improper-set-off.model';

/** Catalogue group B. Disposal (财产处置): one module per model. */
export const GROUP_B: ModelDefinition[] = [
  DISPOSAL_NOT_STARTED_MODEL,
  AUCTION_PRICE_VIOLATION_MODEL,
  IMPROPER_SET_OFF_MODEL,
  DISPOSAL_DURING_OBJECTION_MODEL,
];
