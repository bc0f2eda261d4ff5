import type { ModelDefinition } from '../kit';
import { ZHONGBEN_WITH_ASSETS_MODEL } from './zhongben-with-assets.model';

/** Catalogue group E. Termination of this round (终本): one module per model. */
export const GROUP_E: ModelDefinition[] = [ZHONGBEN_WITH_ASSETS_MODEL];
