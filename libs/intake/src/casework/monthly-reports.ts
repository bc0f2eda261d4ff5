import type { EntityManager } from 'typeorm';
import type { Jurisdiction } from '@zhijian/domain';
import type { DeadlinePolicy } from '../deadlines';
import { ReportsRepository } from '../repositories/reports.repository';
import { htmlToPdfs } from './pdf';
import { buildThematicReport, thematicReportHtml } from './thematic-report';

type Queryable = Pick<EntityManager, 'query'>;

/** The first and last day of a month `YYYY-MM`. */
export function monthBounds(period: string): { from: string; to: string } {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${period}-01`, to: `${period}-${String(last).padStart(2, '0')}` };
}

/** The month before the one of `now` in China time, `YYYY-MM`. */
export function previousMonth(now = new Date()): string {
  const cst = new Date(now.getTime() + 8 * 3600_000);
  const d = new Date(Date.UTC(cst.getUTCFullYear(), cst.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * The month's 专题分析报告 of every office with leads, and of the cities and province above them,
 * made and kept in `thematic_reports` (one per office and month; a month already kept is left as it
 * is). The PDFs are printed by one Chromium. Run monthly (`zhijian report --monthly`, e.g. by cron).
 */
export async function generateMonthlyReports(
  m: Queryable,
  jurisdiction: Jurisdiction,
  policy: DeadlinePolicy,
  period: string,
): Promise<{ period: string; generated: string[]; alreadyKept: number }> {
  const { from, to } = monthBounds(period);
  const reports = new ReportsRepository();
  const units = await reports.unitsWithLeads(m);
  const offices = new Set<string>();
  for (const { unitCode } of units)
    for (const code of [unitCode, `${unitCode.slice(0, 4)}00`, `${unitCode.slice(0, 2)}0000`])
      if (jurisdiction.office(code)) offices.add(code);
  const kept = await reports.keptUnits(m, period);
  const todo = [...offices].filter((u) => !kept.some((k) => k.unitCode === u)).sort();
  const made = [];
  for (const unitCode of todo) {
    const report = await buildThematicReport(m, jurisdiction, policy, { unitCode, from, to });
    made.push({ unitCode, report, html: thematicReportHtml(report) });
  }
  const pdfs = made.length ? await htmlToPdfs(made.map((x) => x.html)) : [];
  for (const [i, x] of made.entries())
    await reports.keep(m, {
      unitCode: x.unitCode,
      period,
      from,
      to,
      figures: x.report,
      html: x.html,
      pdf: pdfs[i],
    });
  return { period, generated: made.map((x) => x.unitCode), alreadyKept: kept.length };
}

export interface KeptReport {
  id: string;
  unitCode: string;
  period: string;
  leads: number;
  findings: number;
  generatedAt: string;
}

/** Kept monthly reports of the offices within a scope, newest first. */
export async function keptReports(m: Queryable, scopePrefix: string): Promise<KeptReport[]> {
  const rows = await new ReportsRepository().kept(m, scopePrefix);
  return rows.map((r) => ({ ...r, generatedAt: r.generatedAt.toISOString() }));
}

export function keptReportPdf(
  m: Queryable,
  scopePrefix: string,
  id: string,
): Promise<{ unitCode: string; period: string; pdf: Buffer } | null> {
  return new ReportsRepository().keptPdf(m, scopePrefix, id);
}
