import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildThematicReport,
  generateMonthlyReports,
  htmlToPdf,
  previousMonth,
  thematicReportHtml,
} from '@zhijian/intake';
import { loadHubConfig } from '@zhijian/config';
import { Jurisdiction, parseDate } from '@zhijian/domain';
import { withDatabase } from './principal.command';

export const REPORT_USAGE = `  report --unit 330800 --from YYYY-MM-DD --to YYYY-MM-DD [--out DIR]
                                  专题分析报告 of an office's area: writes .html, .pdf (headless Chromium) and .json to DIR
                                  (default reports/thematic); typical cases masked
  report --monthly [--month YYYY-MM]
                                  the month's report (default: last month) of every office with leads and of
                                  its city and province, kept in the database (run monthly, e.g. by cron)`;

export async function reportCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      unit: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      out: { type: 'string', default: join('reports', 'thematic') },
      monthly: { type: 'boolean', default: false },
      month: { type: 'string' },
    },
  });
  if (values.monthly) {
    const period = values.month ?? previousMonth();
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) throw new Error(`usage:\n${REPORT_USAGE}`);
    const config = loadHubConfig();
    const done = await withDatabase((ds) =>
      generateMonthlyReports(ds.manager, new Jurisdiction(), config.referral, period),
    );
    console.log(
      `monthly reports ${done.period}: ${done.generated.length} made (${done.generated.join(', ') || 'none'}), ` +
        `${done.alreadyKept} kept before`,
    );
    return;
  }
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
