import { CASE_MODEL_DEFINITIONS, RECOMMENDATION_FOLLOWUP } from '@zhijian/catalogue';
import { PETITION_APPLICATION, PETITION_REPORT } from '@zhijian/screening';

/** The name (名称) of every built-in model by id: what staff read instead of the code. */
export const MODEL_TITLES: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...CASE_MODEL_DEFINITIONS.map((d) => d.meta),
    RECOMMENDATION_FOLLOWUP,
    PETITION_APPLICATION,
    PETITION_REPORT,
  ].map((m) => [m.id, m.title]),
);
