import type { ModelDefinition } from '@zhijian/domain';
import { ZHONGBEN_NO_PERIODIC_CHECK_MODEL } from './zhongben-no-periodic-check.model';
import { ZHONGBEN_PRECONDITION_MISSING_MODEL } from './zhongben-precondition-missing.model';
import { ZHONGBEN_WITH_ASSETS_MODEL } from './zhongben-with-assets.model';

/** Catalogue group E. Termination of this round (终本): one module per model. */
export const GROUP_E: ModelDefinition[] = [
  ZHONGBEN_PRECONDITION_MISSING_MODEL,
  ZHONGBEN_WITH_ASSETS_MODEL,
  ZHONGBEN_NO_PERIODIC_CHECK_MODEL,
];
