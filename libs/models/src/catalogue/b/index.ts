import type { ModelDefinition } from '../kit';

/** Catalogue group B. Disposal (财产处置): one module per model. */
export const GROUP_B: ModelDefinition[] = [];
