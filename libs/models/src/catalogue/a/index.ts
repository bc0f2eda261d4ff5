import type { ModelDefinition } from '../kit';

/** Catalogue group A. Property inquiry and control (财产查询、控制): one module per model. */
export const GROUP_A: ModelDefinition[] = [];
