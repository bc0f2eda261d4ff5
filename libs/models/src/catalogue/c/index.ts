import type { ModelDefinition } from '../kit';

/** Catalogue group C. Distribution of money (财产分配): one module per model. */
export const GROUP_C: ModelDefinition[] = [];
