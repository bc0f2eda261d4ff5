import type { ModelDefinition } from '@zhijian/domain';
import { ZHONGBEN_WITH_ASSETS_V1_MODEL } from './zhongben-with-assets.v1';

/**
 * Versions of case models other than the live ones, for backtesting: a model's earlier version
 * kept when it is revised, or a candidate version before it goes live. Screening never runs them.
 */
export const MODEL_VERSION_ARCHIVE: readonly ModelDefinition[] = [ZHONGBEN_WITH_ASSETS_V1_MODEL];
