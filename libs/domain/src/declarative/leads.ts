import { addDays, cstStartOfDay } from '../normalize/date';
import { formatFen } from '../normalize/money';
import type { EvidenceItem, LeadEvidence } from '../evidence';
import type { PartyFact } from '../facts';
import type { Evaluation, LeadDraft } from '../model';
import type { DeclarativeModelFile } from './model-file';
import { ModelRefusal } from './refusal';

/** One row of a predicate, as JSON (`to_jsonb` of the row): dates are YYYY-MM-DD strings. */
export type PredicateRow = Record<string, unknown>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant a last day is missed: the start (CST) of the day after it (as the built-in models' `Deadlines`). */
const overdueAt = (lastDay: string): Date => cstStartOfDay(addDays(lastDay, 1));

/**
 * Turns a declarative model's rows on the screened cases into evaluations, the way a built-in
 * model's `evaluate` answers for each case: a row whose due columns have all passed as of
 * `asOf` is a lead (dedup key, statement from the template, evidence items in date order, the
 * case's parties); a row not yet due wakes its case the day after its earliest last day not
 * passed. Every screened case gets an evaluation (no row: no lead, no timer). Pure.
 */
export function evaluationsOf(
  file: DeclarativeModelFile,
  parameters: Record<string, unknown>,
  rows: PredicateRow[],
  screened: { caseNo: string; asOf: Date }[],
  partiesOf: (caseNo: string) => PartyFact[],
): Map<string, Evaluation> {
  const asOfByCase = new Map(screened.map((s) => [s.caseNo, s.asOf]));
  const out = new Map<string, Evaluation>(screened.map((s) => [s.caseNo, { leads: [], wakeAt: null }]));
  for (const row of rows) {
    const caseNo = row['case_no'];
    if (typeof caseNo !== 'string')
      throw new ModelRefusal('columns', '判断条件的每一行必须有 case_no（案号）列');
    const asOf = asOfByCase.get(caseNo);
    const evaluation = out.get(caseNo);
    if (!asOf || !evaluation) continue;
    let wake: Date | null = null;
    for (const column of file.due ?? []) {
      const d = row[column];
      if (d === null || d === undefined) continue;
      if (typeof d !== 'string' || !DATE.test(d)) {
        throw new ModelRefusal('columns', `到期列 ${column} 必须是日期（date），收到 ${JSON.stringify(d)}`);
      }
      const at = overdueAt(d);
      if (asOf.getTime() < at.getTime() && (wake === null || at < wake)) wake = at;
    }
    if (wake) {
      if (!evaluation.wakeAt || wake < evaluation.wakeAt) evaluation.wakeAt = wake;
      continue;
    }
    const dedupKey = render(file.dedupKey ?? 'case:{case_no}', row, parameters);
    if (evaluation.leads.some((l) => l.dedupKey === dedupKey)) continue;
    evaluation.leads.push(draftOf(file, parameters, row, caseNo, dedupKey, partiesOf(caseNo)));
  }
  return out;
}

function draftOf(
  file: DeclarativeModelFile,
  parameters: Record<string, unknown>,
  row: PredicateRow,
  caseNo: string,
  dedupKey: string,
  parties: PartyFact[],
): LeadDraft {
  const seen = new Set<string>();
  const items = evidenceItems(row['evidence']).filter((i) => {
    const key = `${i.source}\u0000${i.eventId}\u0000${i.summary}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const shown = parties
    .filter((p) => p.role === 'respondent' || file.parties === 'applicants_and_respondents')
    .sort((a, b) => (a.role === b.role ? 0 : a.role === 'applicant' ? -1 : 1));
  const facts = row['facts'];
  return {
    dedupKey,
    caseNo,
    statement: render(file.statement, row, parameters),
    evidence: {
      items,
      parties: shown.map((p) => ({
        role: p.role,
        kind: p.kind,
        name: p.name,
        ...(p.idNo ? { idNo: p.idNo } : {}),
        ...(p.uscc ? { uscc: p.uscc } : {}),
      })),
      facts:
        facts !== null && typeof facts === 'object' && !Array.isArray(facts)
          ? (facts as Record<string, unknown>)
          : {},
    } satisfies LeadEvidence,
  };
}

/** The row's `evidence` column: items with a source and event (items without, e.g. an absent filing, are left out). */
function evidenceItems(value: unknown): EvidenceItem[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new ModelRefusal('columns', 'evidence 列必须是 jsonb 数组');
  const items: EvidenceItem[] = [];
  for (const v of value as Record<string, unknown>[]) {
    if (v === null || typeof v !== 'object') continue;
    const { source, eventId, on, summary } = v;
    if (typeof source !== 'string' || typeof eventId !== 'string') continue;
    if (typeof on !== 'string' || !DATE.test(on) || typeof summary !== 'string') {
      throw new ModelRefusal(
        'columns',
        'evidence 的每一项须有 source、eventId、on（日期）和 summary（中文说明）',
      );
    }
    const kind =
      v['kind'] === 'registry_fact' || v['kind'] === 'petition' || v['kind'] === 'record'
        ? v['kind']
        : 'event';
    items.push({ kind, source, eventId, on, summary, ...(v['context'] === true ? { context: true } : {}) });
  }
  return items;
}

/**
 * Fills a template: `{column}` from the row, `{param.name}` from the parameters, `{column|yuan}`
 * money in fen as 1234.50元. A null value is empty.
 */
export function render(template: string, row: PredicateRow, parameters: Record<string, unknown>): string {
  return template.replace(
    /\{([A-Za-z_][A-Za-z0-9_.]*)(?:\|([a-z]+))?\}/g,
    (_, name: string, filter?: string) => {
      const value = name.startsWith('param.') ? parameters[name.slice(6)] : row[name];
      if (!name.startsWith('param.') && !(name in row)) {
        throw new ModelRefusal('columns', `表述模板中的占位符 {${name}} 不是判断条件返回的列`);
      }
      if (value === null || value === undefined) return '';
      if (filter === 'yuan') return `${formatFen(Math.round(Number(value)))}元`;
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      return JSON.stringify(value);
    },
  );
}
