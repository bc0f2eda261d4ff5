import {
  periodEnd,
  addDays,
  cstStartOfDay,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EvidenceItem, HoldingFact } from '@zhijian/domain';

export interface ZhongbenWithAssetsV1Config {
  /** Days after the later of 终本 and the registry fact within which the case should be restored. */
  restoreWithinDays: number;
}

export const ZHONGBEN_WITH_ASSETS_V1_DEFAULTS: ZhongbenWithAssetsV1Config = { restoreWithinDays: 30 };

export const ZHONGBEN_WITH_ASSETS_V1: ModelMeta = {
  id: 'zhongben_with_assets',
  version: 1,
  title: '终本案件有财产可供执行',
  legalBasis:
    '《最高人民法院关于严格规范终结本次执行程序的规定（试行）》第九条；《中华人民共和国民事诉讼法》第二百五十四条',
  severity: 'high',
  kind: '个案',
  group: 'E',
  sources: ['court.case-events', 'registry.realestate'],
};

interface Finding {
  holding: HoldingFact;
  /** Last day by which the case should have been restored. */
  deadline: string;
}

/**
 * Version 1 of 终本案件有财产可供执行, kept for backtesting (version 2 adds vehicles, equity,
 * balances and tax income): a case closed as 终结本次执行程序 while, at or after the 终本 date,
 * the real-estate registry shows a respondent holding a unit, and the case was not
 * restored within the period (counted from the later of 终本 and the registration).
 */
export class ZhongbenWithAssetsV1Model implements CaseModel {
  readonly meta = ZHONGBEN_WITH_ASSETS_V1;

  constructor(private readonly config: ZhongbenWithAssetsV1Config = ZHONGBEN_WITH_ASSETS_V1_DEFAULTS) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    const c = facts.case;
    if (c.closeMethod !== 'terminated_this_round' || !c.closedOn || facts.respondents.length === 0) {
      return { leads: [], wakeAt: null };
    }
    const closedOn = c.closedOn;
    const restoredOn = facts.restorations[0]?.restoredOn ?? null;
    const findings: Finding[] = [];
    let wakeAt: Date | null = null;
    for (const holding of facts.holdings) {
      const heldAfterClosing = holding.heldTo === null || holding.heldTo > closedOn;
      if (!heldAfterClosing) continue;
      const start = holding.heldFrom > closedOn ? holding.heldFrom : closedOn;
      const deadline = periodEnd(start, this.config.restoreWithinDays);
      if (restoredOn !== null && restoredOn <= deadline) continue;
      const overdueAt = cstStartOfDay(addDays(deadline, 1));
      if (asOf.getTime() >= overdueAt.getTime()) findings.push({ holding, deadline });
      else if (!wakeAt || overdueAt < wakeAt) wakeAt = overdueAt;
    }
    if (findings.length === 0) return { leads: [], wakeAt };
    return { leads: [this.lead(facts, findings)], wakeAt };
  }

  private lead(facts: CaseFacts, findings: Finding[]): Evaluation['leads'][number] {
    const c = facts.case;
    const first = findings[0]!;
    const items: EvidenceItem[] = [];
    if (c.filedEvent) items.push({ kind: 'event', ...c.filedEvent, on: c.filedOn ?? '', summary: '立案' });
    if (c.closedEvent) {
      items.push({ kind: 'event', ...c.closedEvent, on: c.closedOn!, summary: '以终结本次执行程序方式结案' });
    }
    for (const f of findings) {
      items.push({
        kind: 'registry_fact',
        ...f.holding.fromEvent,
        on: f.holding.heldFrom,
        summary: `不动产登记：被执行人自${f.holding.heldFrom}起持有不动产单元${f.holding.unitNo}${
          f.holding.heldTo ? `（至${f.holding.heldTo}）` : ''
        }，应于${f.deadline}前恢复执行`,
      });
    }
    for (const r of facts.restorations) {
      if (r.event)
        items.push({
          kind: 'event',
          ...r.event,
          on: r.restoredOn,
          summary: `恢复执行（${r.caseNo}），已逾期`,
          // The late restoration is what handling a lead brings about, not a new violation.
          context: true,
        });
    }
    items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const units = [...new Set(findings.map((f) => f.holding.unitNo))];
    const statement =
      `${c.caseNo}于${c.closedOn}以终结本次执行程序结案，` +
      `不动产登记显示被执行人其后持有${units.length}处不动产（单元号${units.join('、')}），` +
      `至${first.deadline}仍未恢复执行。`;
    return {
      dedupKey: `case:${c.caseNo}`,
      caseNo: c.caseNo,
      statement,
      evidence: {
        items,
        parties: facts.respondents.map((p) => ({
          role: 'respondent',
          kind: p.kind,
          name: p.name,
          ...(p.idNo ? { idNo: p.idNo } : {}),
          ...(p.uscc ? { uscc: p.uscc } : {}),
        })),
        facts: {
          closedOn: c.closedOn,
          units,
          deadlines: findings.map((f) => ({ unitNo: f.holding.unitNo, deadline: f.deadline })),
          restoredOn: facts.restorations[0]?.restoredOn ?? null,
          restoreWithinDays: this.config.restoreWithinDays,
        },
      },
    };
  }
}

export const ZHONGBEN_WITH_ASSETS_V1_MODEL = defineModel({
  meta: ZHONGBEN_WITH_ASSETS_V1,
  defaults: ZHONGBEN_WITH_ASSETS_V1_DEFAULTS,
  create: (config: ZhongbenWithAssetsV1Config) => new ZhongbenWithAssetsV1Model(config),
});
