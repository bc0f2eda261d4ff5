import type { ModelDefinition } from '@zhijian/domain';
import { COLLUSIVE_LITIGATION_EVASION_MODEL } from './collusive-litigation-evasion.model';
import { REFUSAL_TO_EXECUTE_ALERT_MODEL } from './refusal-to-execute-alert.model';

/** Catalogue group F. Evasion and crime warnings (规避执行、拒执预警): one module per model. */
export const GROUP_F: ModelDefinition[] = [
  REFUSAL_TO_EXECUTE_ALERT_MODEL,
  COLLUSIVE_LITIGATION_EVASION_MODEL,
];
