import {
  periodEnd,
  addDays,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem } from '@zhijian/domain';
import { caseLead, closedItem, Deadlines, filedItem, registryItem, yuanText } from '../_kit';
import { restoredOnOf, ZHONGBEN_RULES } from '../_kit/zhongben';

export interface ZhongbenWithAssetsConfig {
  /** Days after the later of 终本 and the registry fact within which the case should be restored. */
  restoreWithinDays: number;
  /** A bank balance (fen) from which an account is property available for execution (10,000 yuan). */
  minBalanceFen: number;
}

export const ZHONGBEN_WITH_ASSETS_DEFAULTS: ZhongbenWithAssetsConfig = {
  restoreWithinDays: 30,
  minBalanceFen: 1_000_000,
};

export const ZHONGBEN_WITH_ASSETS: ModelMeta = {
  id: 'zhongben_with_assets',
  // 2: vehicles, equity, bank balances and taxed income are grounds too (1: real estate only).
  version: 2,
  title: '终本案件有财产可供执行',
  legalBasis: `${ZHONGBEN_RULES}第九条；《中华人民共和国民事诉讼法》第二百五十四条`,
  severity: 'high',
  kind: '个案',
  group: 'E',
  catalogueOrder: 2,
  sources: [
    'court.case-events',
    'registry.realestate',
    'registry.vehicle',
    'registry.enterprise',
    'registry.bank',
    'registry.tax',
  ],
};

type AssetKind = 'realestate' | 'vehicle' | 'equity' | 'balance' | 'income';

/** Property shown at or after the 终本 date. */
interface Asset {
  kind: AssetKind;
  /** Unit number, VIN, company, account or tax period. */
  id: string;
  /** Date of the registry fact (from which, or from 终本 if later, the period runs). */
  on: string;
  item: EvidenceItem;
}

interface Finding extends Asset {
  /** Last day by which the case should have been restored. */
  deadline: string;
}

/**
 * 终本案件有财产可供执行: a case closed as 终结本次执行程序 while, at or after the 终本 date, a
 * registry shows a respondent holding real estate, a vehicle or equity, an account with a
 * balance ≥ `minBalanceFen`, or tax records with income for a period whose last day is on or
 * after the 终本 date; and the case was not restored within `restoreWithinDays` of the later of the 终本
 * date and the fact's date (registration, balance date, last day of the tax period).
 */
export class ZhongbenWithAssetsModel implements CaseModel {
  readonly meta = ZHONGBEN_WITH_ASSETS;

  constructor(private readonly config: ZhongbenWithAssetsConfig = ZHONGBEN_WITH_ASSETS_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const deadlines = new Deadlines(asOf);
    const c = facts.case;
    if (
      c.closeMethod !== 'terminated_this_round' ||
      !c.closedOn ||
      c.filedOn === null ||
      facts.respondents.length === 0
    ) {
      return deadlines.result(null);
    }
    const closedOn = c.closedOn;
    const restoredOn = restoredOnOf(facts.restorations);
    const findings: Finding[] = [];
    for (const asset of this.assetsAfter(facts, closedOn)) {
      const start = asset.on > closedOn ? asset.on : closedOn;
      const deadline = periodEnd(start, this.config.restoreWithinDays);
      if (restoredOn !== null && restoredOn <= deadline) continue;
      if (deadlines.missed(deadline)) findings.push({ ...asset, deadline });
    }
    if (findings.length === 0) return deadlines.result(null);
    return deadlines.result(this.lead(facts, findings));
  }

  /** The respondents' property the registries show at or after the 终本 date. */
  private assetsAfter(facts: CaseFacts, closedOn: string): Asset[] {
    const heldAfter = (heldTo: string | null) => heldTo === null || heldTo > closedOn;
    const until = (heldTo: string | null) => (heldTo ? `（至${heldTo}）` : '');
    const assets: Asset[] = [];
    for (const h of facts.holdings) {
      if (!heldAfter(h.heldTo)) continue;
      assets.push({
        kind: 'realestate',
        id: h.unitNo,
        on: h.heldFrom,
        item: registryItem(
          h.fromEvent,
          h.heldFrom,
          `不动产登记：被执行人自${h.heldFrom}起持有不动产单元${h.unitNo}${until(h.heldTo)}`,
        ),
      });
    }
    for (const v of facts.vehicles) {
      if (!heldAfter(v.heldTo)) continue;
      assets.push({
        kind: 'vehicle',
        id: v.vin,
        on: v.heldFrom,
        item: registryItem(
          v.fromEvent,
          v.heldFrom,
          `机动车登记：被执行人自${v.heldFrom}起登记为车辆${v.vin}的所有人${until(v.heldTo)}`,
        ),
      });
    }
    for (const q of facts.equities) {
      if (!facts.respondentIds.has(q.shareholderSubjectId) || q.sharePct <= 0 || !heldAfter(q.heldTo))
        continue;
      const ref = q.fromEvent ?? q.toEvent;
      if (!ref) continue; // nothing to cite
      const on = q.heldFrom ?? closedOn;
      const company = q.companyUscc ?? `主体${q.companySubjectId}`;
      assets.push({
        kind: 'equity',
        id: company,
        on,
        item: registryItem(
          ref,
          on,
          `企业登记：被执行人${q.heldFrom ? `自${q.heldFrom}起` : ''}持有${company}的${q.sharePct}%股权${until(q.heldTo)}`,
        ),
      });
    }
    for (const a of facts.accounts) {
      if (a.asOf < closedOn || a.balanceFen < this.config.minBalanceFen) continue;
      assets.push({
        kind: 'balance',
        id: `${a.bankCode}/${a.accountNo}`,
        on: a.asOf,
        item: registryItem(
          a.event,
          a.asOf,
          `银行账户：被执行人账户${a.accountNo}截至${a.asOf}余额${yuanText(a.balanceFen)}`,
        ),
      });
    }
    for (const t of facts.taxes) {
      // [periodStart, periodEnd): the period's last day is the day before periodEnd.
      const lastDay = addDays(t.periodEnd, -1);
      if (lastDay < closedOn || t.incomeFen === null || t.incomeFen <= 0) continue;
      assets.push({
        kind: 'income',
        id: t.period,
        on: lastDay,
        item: registryItem(
          t.event,
          lastDay,
          `税务登记：被执行人${t.period}期间收入${yuanText(t.incomeFen)}，纳税${yuanText(t.taxPaidFen)}`,
        ),
      });
    }
    return assets;
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const first = findings.reduce((a, b) => (b.deadline < a.deadline ? b : a));
    const items: EvidenceItem[] = [
      ...filedItem(facts),
      ...closedItem(facts),
      ...findings.map((f) => ({ ...f.item, summary: `${f.item.summary}，应于${f.deadline}前恢复执行` })),
    ];
    for (const r of facts.restorations) {
      if (!r.event) continue;
      items.push({
        kind: 'event',
        ...r.event,
        on: r.restoredOn,
        summary: `恢复执行（${r.caseNo}），已逾期`,
        // The late restoration is what handling a lead brings about, not a new violation.
        context: true,
      });
    }
    const byKind = new Map<AssetKind, string[]>();
    for (const f of findings) {
      const ids = byKind.get(f.kind) ?? [];
      if (!ids.includes(f.id)) ids.push(f.id);
      byKind.set(f.kind, ids);
    }
    const shown = [...byKind].map(([kind, ids]) => {
      switch (kind) {
        case 'realestate':
          return `${ids.length}处不动产（单元号${ids.join('、')}）`;
        case 'vehicle':
          return `${ids.length}辆车辆（车架号${ids.join('、')}）`;
        case 'equity':
          return `股权（${ids.join('、')}）`;
        case 'balance':
          return `存款余额不低于${yuanText(this.config.minBalanceFen)}的账户（${ids.join('、')}）`;
        case 'income':
          return `纳税收入（${ids.join('、')}期间）`;
      }
    });
    const statement =
      `${c.caseNo}于${c.closedOn}以终结本次执行程序结案，` +
      `登记信息显示被执行人其后有${shown.join('、')}，` +
      `至${first.deadline}仍未恢复执行。`;
    const units = byKind.get('realestate') ?? [];
    return caseLead(facts, statement, items, {
      closedOn: c.closedOn,
      units,
      assets: findings.map((f) => ({ kind: f.kind, id: f.id, on: f.on, deadline: f.deadline })),
      deadlines: findings.map((f) => ({ kind: f.kind, id: f.id, deadline: f.deadline })),
      restoredOn: restoredOnOf(facts.restorations),
      restoreWithinDays: this.config.restoreWithinDays,
      minBalanceFen: this.config.minBalanceFen,
    });
  }
}

export const ZHONGBEN_WITH_ASSETS_MODEL = defineModel({
  meta: ZHONGBEN_WITH_ASSETS,
  defaults: ZHONGBEN_WITH_ASSETS_DEFAULTS,
  create: (config: ZhongbenWithAssetsConfig) => new ZhongbenWithAssetsModel(config),
});
