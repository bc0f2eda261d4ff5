import { loadHubConfig } from '@zhijian/config';
import { CASE_MODEL_DEFINITIONS, createCaseModels, thresholdsOf } from '@zhijian/catalogue';

export const MODELS_USAGE = `  models [--markdown]              the case models of the catalogue with their thresholds as configured`;

/** `models`: each case model's id, version, group, severity, kind, legal basis and thresholds (configured over defaults). */
export function modelsCommand(args: string[]): void {
  const markdown = args.includes('--markdown');
  const config = loadHubConfig();
  // Validates the configuration of the built-in models (declarative ones are checked by the hub at boot).
  const builtIn = new Set(CASE_MODEL_DEFINITIONS.map((d) => d.meta.id));
  createCaseModels(
    Object.fromEntries(Object.entries(config.modelThresholds).filter(([id]) => builtIn.has(id))),
    config.enabledModels,
  );
  const enabled = config.enabledModels;
  if (markdown) {
    console.log('| group | id | 名称 | sev | kind | thresholds (defaults) |');
    console.log('|---|---|---|---|---|---|');
  }
  for (const d of CASE_MODEL_DEFINITIONS) {
    const t = thresholdsOf(d, config.modelThresholds[d.meta.id]) as Record<string, unknown>;
    const thresholds = Object.entries(t)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    const on = enabled === null || enabled.includes(d.meta.id);
    if (markdown) {
      console.log(
        `| ${d.meta.group ?? ''} | \`${d.meta.id}\` | ${d.meta.title} | ${d.meta.severity} | ${d.meta.kind} | ${thresholds} |`,
      );
    } else {
      console.log(
        `${d.meta.group ?? '-'} ${d.meta.id.padEnd(30)} v${d.meta.version} ${d.meta.severity.padEnd(6)} ${on ? 'on ' : 'off'} ${d.meta.title}`,
      );
      console.log(`    ${thresholds || '(no thresholds)'}`);
      console.log(`    ${d.meta.legalBasis}`);
    }
  }
}
