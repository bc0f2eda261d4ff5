import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildThematicReport, htmlToPdf, thematicReportHtml } from '@zhijian/api';
import { loadHubConfig } from '@zhijian/config';
import { parseDate } from '@zhijian/normalize';
import { Jurisdiction } from '@zhijian/referral';
import { withDatabase } from './principal.command';

export const REPORT_USAGE = `  report --unit 330800 --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]
                                  专题分析报告 of an office's area: writes .html, .pdf (headless Chromium) and .json to DIR
                                  (default reports/thematic); typical cases masked`;

export async function reportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      unit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string', default: join('reports', 'thematic') },
    },
  });
  const unit = values.unit ?? '';
  const from = parseDate(values.from ?? '');
  const to = parseDate(values.to ?? '');
  if (!/^\d{6}$/.test(unit) || !from.ok || !to.ok || from.value > to.value)
    throw new Error(`usage:\n${REPORT_USAGE}`);
  const jurisdiction = new Jurisdiction();
  if (!jurisdiction.office(unit)) throw new Error(`unknown office ${unit}`);
  const config = loadHubConfig();
  const report = await withDatabase((ds) =>
    buildThematicReport(ds.manager, jurisdiction, config.referral, {
      unitCode: unit,
      from: from.value,
      to: to.value,
    }),
  );
  const dir = resolve(values.out);
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `thematic-${unit}-${from.value}-${to.value}`);
  const html = thematicReportHtml(report);
  writeFileSync(`${base}.html`, html);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${base}.pdf`, await htmlToPdf(html));
  console.log(
    `专题分析报告 ${report.unitName} ${report.from}..${report.to}: ${report.totals.leads} leads, ` +
      `${report.findings.length} finding(s)\n  ${base}.html\n  ${base}.pdf\n  ${base}.json`,
  );
}
