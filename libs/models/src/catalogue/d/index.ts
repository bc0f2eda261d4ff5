import type { ModelDefinition } from '../kit';

/** Catalogue group D. Procedure (程序): one module per model. */
export const GROUP_D: ModelDefinition[] = [];
