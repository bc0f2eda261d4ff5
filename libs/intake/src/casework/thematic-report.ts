import type { EntityManager } from 'typeorm';
import { ReportsRepository } from '../repositories/reports.repository';
import { visibleUnitPrefix } from '@zhijian/access';
import { CASE_MODEL_DEFINITIONS, RECOMMENDATION_FOLLOWUP } from '@zhijian/catalogue';
import { PETITION_APPLICATION, PETITION_REPORT } from '@zhijian/screening';
import { LeadIntakeRepository } from '../repositories/intake.repository';
import type { Jurisdiction } from '@zhijian/domain';
import { deadlineOf, todayCst, type DeadlinePolicy } from '../deadlines';
import { leadMasker } from '../masking';
import { PersonalDataRepository } from '../repositories/personal-data.repository';
import { ratesOf, totalOf } from '../rates';
import type { RatesRow } from '@zhijian/contracts';
import { WorklistRepository } from '../repositories/worklist.repository';
import { courtNameOf, officeNameOf } from './names';
import { esc } from './pdf';

type Queryable = Pick<EntityManager, 'query'>;

const MODEL_TITLES: Record<string, string> = Object.fromEntries(
  [
    ...CASE_MODEL_DEFINITIONS.map((d) => d.meta),
    RECOMMENDATION_FOLLOWUP,
    PETITION_APPLICATION,
    PETITION_REPORT,
  ].map((m) => [m.id, m.title]),
);
export const modelTitle = (id: string): string => MODEL_TITLES[id] ?? id;

/** A court whose rate of a model's leads per case is at least this many times the province's is a finding. */
export const CONCENTRATION_FACTOR = 2;
/** …counted only with this many leads of that model at the court (one or two cases are no pattern). */
export const MIN_FINDING_LEADS = 3;

export interface ThematicReport {
  unitCode: string;
  unitName: string;
  /** YYYY-MM-DD, inclusive; the leads counted were raised (business time) within. */
  from: string;
  to: string;
  generatedAt: string;
  totals: { leads: number; courts: number; cases: number };
  byModel: { modelId: string; title: string; leads: number }[];
  byCourt: { court: string; courtName: string; leads: number; cases: number }[];
  /** Every month of the period, empty ones included. */
  byMonth: { month: string; leads: number }[];
  /** The same figures as GET /v1/rates for the unit and period. */
  rates: { groups: RatesRow[]; total: RatesRow };
  /** Courts and models where leads concentrate: the court's leads per case against the province's. */
  findings: {
    court: string;
    courtName: string;
    modelId: string;
    title: string;
    leads: number;
    cases: number;
    courtRate: number;
    provinceRate: number;
    factor: number;
    /** 社会治理检察建议 (draft) for this finding. */
    recommendation: string;
  }[];
  overdueReplies: { total: number; overdue: number };
  /** The most serious leads of the period; personal data masked. */
  typicalCases: {
    leadId: string;
    caseNo: string | null;
    courtName: string;
    title: string;
    statement: string;
    status: string;
  }[];
}

/**
 * 专题分析报告 for an office's area over a period (issue 17 §5): leads and violations by model,
 * court and month, where they concentrate (a court's leads of a model per execution case against
 * the province's), the outcome rates (as /v1/rates answers), 检察建议 replies past due, typical
 * cases (masked), and a draft 社会治理检察建议 for each finding.
 */
export async function buildThematicReport(
  m: Queryable,
  jurisdiction: Jurisdiction,
  policy: DeadlinePolicy,
  q: { unitCode: string; from: string; to: string },
): Promise<ThematicReport> {
  const scope = visibleUnitPrefix(q.unitCode);
  const fromAt = new Date(`${q.from}T00:00:00+08:00`);
  const toAt = new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86_400_000);
  const reports = new ReportsRepository();
  const [{ byModel, byCourt, byMonth, pairs }, outcomes] = await Promise.all([
    reports.periodFigures(m, scope, fromAt, toAt),
    new LeadIntakeRepository().outcomes(m, scope, 'model', fromAt, toAt),
  ]);

  const findings: ThematicReport['findings'] = [];
  for (const p of pairs) {
    if (p.leads < MIN_FINDING_LEADS || !p.cases || !p.provinceCases || !p.provinceLeads) continue;
    const courtRate = p.leads / p.cases;
    const provinceRate = p.provinceLeads / p.provinceCases;
    const factor = courtRate / provinceRate;
    if (factor < CONCENTRATION_FACTOR) continue;
    const courtName = courtNameOf(jurisdiction, p.court);
    const title = modelTitle(p.modelId);
    findings.push({
      court: p.court,
      courtName,
      modelId: p.modelId,
      title,
      leads: p.leads,
      cases: p.cases,
      courtRate,
      provinceRate,
      factor,
      recommendation: recommendationText(
        officeNameOf(jurisdiction, q.unitCode),
        courtName,
        title,
        p.leads,
        p.cases,
        factor,
        q,
      ),
    });
  }

  // 检察建议 awaiting a reply or its rectification in the area, and how many are past due today.
  const worklist = new WorklistRepository();
  const waiting = await worklist.awaitingCourt(m, scope);
  const today = todayCst();
  const overdue = waiting.filter((r) => deadlineOf(r, today, policy)?.overdue).length;

  // Typical cases: the most serious individual leads of the period, masked with their own persons.
  const typical = await reports.typicalLeads(m, scope, fromAt, toAt);
  const people = await new PersonalDataRepository().ofLeads(
    m,
    typical.map((t) => t.id),
  );
  const typicalCases = typical.map((t) => {
    const mask = leadMasker(people.get(t.id));
    return {
      leadId: t.id,
      caseNo: t.caseNo,
      courtName: t.court ? courtNameOf(jurisdiction, t.court) : '—',
      title: mask.text(t.title),
      statement: mask.text(t.statement),
      status: t.status,
    };
  });

  const rates = { groups: outcomes.map(ratesOf), total: ratesOf(totalOf(outcomes)) };
  return {
    unitCode: q.unitCode,
    unitName: officeNameOf(jurisdiction, q.unitCode),
    from: q.from,
    to: q.to,
    generatedAt: new Date().toISOString(),
    totals: {
      leads: rates.total.leads,
      courts: byCourt.length,
      cases: byCourt.reduce((n, c) => n + c.cases, 0),
    },
    byModel: byModel.map((r) => ({ ...r, title: modelTitle(r.modelId) })),
    byCourt: byCourt.map((r) => ({ ...r, courtName: courtNameOf(jurisdiction, r.court) })),
    byMonth: monthsBetween(q.from, q.to).map((month) => ({
      month,
      leads: byMonth.find((r) => r.month === month)?.leads ?? 0,
    })),
    rates,
    findings,
    overdueReplies: { total: waiting.length, overdue },
    typicalCases,
  };
}

/** Every YYYY-MM from `from`'s month to `to`'s. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let mo = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let i = 0; i < 600; i++) {
    const key = `${y}-${String(mo).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    mo += 1;
    if (mo > 12) [y, mo] = [y + 1, 1];
  }
  return out;
}

function recommendationText(
  office: string,
  court: string,
  title: string,
  leads: number,
  cases: number,
  factor: number,
  q: { from: string; to: string },
): string {
  return (
    `${court}：${q.from}至${q.to}，${office}发现该院“${title}”问题线索 ${leads} 件，` +
    `占该院执行案件（${cases} 件）的 ${((100 * leads) / cases).toFixed(1)}%，为全省平均水平的 ${factor.toFixed(1)} 倍，` +
    `反映出该院执行工作中存在带有普遍性、倾向性的问题。根据《人民检察院检察建议工作规定》第十一条，建议：` +
    `一、对上述案件逐案排查，依法纠正；二、查找“${title}”问题在执行流程、节点管理和监督考核上的原因，健全相应制度；` +
    `三、加强执行人员业务培训和执行案件流程节点管控；四、自收到检察建议之日起二个月内书面回复整改情况。（草稿，待审核）`
  );
}

// ---- HTML (printed to PDF by headless Chromium) ------------------------------------------------

const pctText = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A horizontal bar chart as inline SVG: labels, bars, values; legible in print. */
function barChart(rows: { label: string; value: number }[], unit = '件'): string {
  if (!rows.length) return '<p class="muted">无数据</p>';
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowH = 22;
  const labelW = 230;
  const barW = 360;
  const height = rows.length * rowH + 8;
  const bars = rows
    .map((r, i) => {
      const y = i * rowH + 4;
      const w = Math.round((r.value / max) * barW);
      return (
        `<text x="${labelW - 6}" y="${y + 15}" text-anchor="end" font-size="12">${esc(r.label)}</text>` +
        `<rect x="${labelW}" y="${y + 3}" width="${w}" height="15" fill="#1d4ed8"></rect>` +
        `<text x="${labelW + w + 6}" y="${y + 15}" font-size="12">${r.value} ${unit}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${labelW + barW + 70}" height="${height}" role="img">${bars}</svg>`;
}

/** Leads per month as vertical bars, every month shown (empty ones as zero). */
function monthChart(rows: { month: string; leads: number }[]): string {
  if (!rows.length) return '<p class="muted">无数据</p>';
  const max = Math.max(1, ...rows.map((r) => r.leads));
  const colW = Math.max(18, Math.min(48, Math.floor(640 / rows.length)));
  const h = 160;
  const bars = rows
    .map((r, i) => {
      const x = 30 + i * colW;
      const bh = Math.round((r.leads / max) * (h - 30));
      return (
        `<rect x="${x + 3}" y="${h - 20 - bh}" width="${colW - 6}" height="${bh}" fill="#0f766e"></rect>` +
        `<text x="${x + colW / 2}" y="${h - 24 - bh}" text-anchor="middle" font-size="10">${r.leads}</text>` +
        `<text x="${x + colW / 2}" y="${h - 6}" text-anchor="middle" font-size="9">${esc(r.month.slice(2))}</text>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${40 + rows.length * colW}" height="${h}" role="img">${bars}</svg>`;
}

export function thematicReportHtml(r: ThematicReport): string {
  const rateRow = (g: RatesRow, name: string) =>
    `<tr><td>${esc(name)}</td><td class="num">${g.leads}</td>` +
    (['conversion', 'adoption', 'rectification'] as const)
      .map(
        (k) =>
          `<td class="num">${g[k].denominator < 5 ? '—' : pctText(g[k].rate)}（${g[k].numerator}/${g[k].denominator}）</td>`,
      )
      .join('') +
    `</tr>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.unitName)}民事执行检察监督专题分析报告</title>
<style>
  body { font-family: "WenQuanYi Zen Hei", "Noto Sans CJK SC", sans-serif; font-size: 13px; line-height: 1.7; color: #111; }
  h1 { text-align: center; font-size: 22px; margin: 0 0 4px; }
  .sub { text-align: center; color: #444; margin-bottom: 16px; }
  h2 { font-size: 16px; border-left: 4px solid #a61b1b; padding-left: 8px; margin: 20px 0 8px; }
  table { border-collapse: collapse; width: 100%; margin: 6px 0; }
  th, td { border: 1px solid #bbb; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #f1f5f9; }
  td.num, th.num { text-align: right; white-space: nowrap; }
  .muted { color: #666; }
  .draft { border: 1px dashed #a61b1b; padding: 8px; margin: 6px 0; }
  section { page-break-inside: avoid; }
</style></head>
<body>
<h1>${esc(r.unitName)}</h1>
<h1>民事执行活动检察监督专题分析报告</h1>
<div class="sub">统计期间：${esc(r.from)} 至 ${esc(r.to)}（按线索发现日期）· 生成日期：${esc(new Date(new Date(r.generatedAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10))} · 报送：党委、政法委</div>

<section><h2>一、总体情况</h2>
<p data-figure="leads">期间共发现监督线索 <b>${r.totals.leads}</b> 件，涉及法院 ${r.totals.courts} 个；立案审查（受理）${r.rates.total.conversion.numerator} 件，发出检察建议 ${r.rates.total.adoption.denominator} 件，法院采纳 ${r.rates.total.adoption.numerator} 件；检察建议待回复或待整改 ${r.overdueReplies.total} 件，其中已逾期 <b data-figure="overdue">${r.overdueReplies.overdue}</b> 件。</p></section>

<section><h2>二、按监督模型</h2>${barChart(r.byModel.map((x) => ({ label: x.title, value: x.leads })))}
<table><thead><tr><th>监督模型</th><th class="num">线索数</th></tr></thead><tbody>
${r.byModel.map((x) => `<tr data-model="${esc(x.modelId)}"><td>${esc(x.title)}</td><td class="num">${x.leads}</td></tr>`).join('\n')}
</tbody></table></section>

<section><h2>三、按法院</h2>${barChart(r.byCourt.map((x) => ({ label: x.courtName, value: x.leads })))}
<table><thead><tr><th>法院</th><th class="num">线索数</th><th class="num">执行案件数</th><th class="num">每百件案件线索数</th></tr></thead><tbody>
${r.byCourt.map((x) => `<tr><td title="${esc(x.court)}">${esc(x.courtName)}</td><td class="num">${x.leads}</td><td class="num">${x.cases}</td><td class="num">${x.cases >= 5 ? ((100 * x.leads) / x.cases).toFixed(1) : '—'}</td></tr>`).join('\n')}
</tbody></table></section>

<section><h2>四、按月份</h2>${monthChart(r.byMonth)}</section>

<section><h2>五、办理成效</h2>
<p class="muted">比率后括号内为分子/分母；少于 5 件的不计比率。</p>
<table><thead><tr><th>监督模型</th><th class="num">线索数</th><th class="num">转化率</th><th class="num">采纳率</th><th class="num">整改率</th></tr></thead><tbody>
${r.rates.groups.map((g) => rateRow(g, modelTitle(g.key))).join('\n')}
${rateRow(r.rates.total, '合计')}
</tbody></table></section>

<section><h2>六、问题集中的法院与环节</h2>
${
  r.findings.length
    ? `<table><thead><tr><th>法院</th><th>问题</th><th class="num">线索/案件</th><th class="num">该院比率</th><th class="num">全省比率</th><th class="num">倍数</th></tr></thead><tbody>
${r.findings.map((f) => `<tr><td>${esc(f.courtName)}</td><td>${esc(f.title)}</td><td class="num">${f.leads}/${f.cases}</td><td class="num">${pctText(f.courtRate)}</td><td class="num">${pctText(f.provinceRate)}</td><td class="num">${f.factor.toFixed(1)}</td></tr>`).join('\n')}
</tbody></table>`
    : `<p>期间未发现某一法院某类问题比率达到全省平均水平 ${CONCENTRATION_FACTOR} 倍以上（且不少于 ${MIN_FINDING_LEADS} 件）的情形。</p>`
}</section>

<section><h2>七、典型案例</h2><p class="muted">当事人个人信息已脱敏。</p>
${r.typicalCases.map((t, i) => `<p><b>案例${i + 1}：${esc(t.caseNo ?? '')}（${esc(t.courtName)}）</b><br>${esc(t.statement)}</p>`).join('\n') || '<p>无</p>'}</section>

<section><h2>八、社会治理检察建议（草稿）</h2>
${r.findings.map((f) => `<div class="draft"><b>关于${esc(f.courtName)}“${esc(f.title)}”问题的检察建议（草稿）</b><p>${esc(f.recommendation)}</p></div>`).join('\n') || '<p>本期无系统性问题，不拟制发社会治理检察建议。</p>'}</section>
</body></html>`;
}
