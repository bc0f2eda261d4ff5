import type { ModelDefinition } from '../kit';

/** Catalogue group F. Evasion and crime warnings (规避执行、拒执预警): one module per model. */
export const GROUP_F: ModelDefinition[] = [];
