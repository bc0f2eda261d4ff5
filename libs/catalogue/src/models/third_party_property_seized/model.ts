import {
  cstStartOfDay,
  defineModel,
  type CaseFacts,
  type CaseModel,
  type Evaluation,
  type ModelMeta,
} from '@zhijian/domain';
import type { EventRef, EvidenceItem } from '@zhijian/domain';
import {
  caseLead,
  dateOf,
  eventItem,
  eventsOf,
  filedItem,
  overdueAt,
  registryItem,
  type Typed,
} from '../_kit';
import { assetText, measureText } from '../_kit/controls';

export type ThirdPartyPropertySeizedConfig = Record<string, never>;

export const THIRD_PARTY_PROPERTY_SEIZED_DEFAULTS: ThirdPartyPropertySeizedConfig = {};

export const THIRD_PARTY_PROPERTY_SEIZED: ModelMeta = {
  id: 'third_party_property_seized',
  version: 1,
  title: '错误查封案外人财产',
  legalBasis:
    '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》第二条、第二十三条、第二十八条',
  severity: 'high',
  kind: '个案',
  group: 'A',
  catalogueOrder: 4,
  sources: ['court.case-events', 'registry.realestate', 'registry.vehicle', 'registry.enterprise'],
};

/** An owner per the registry: subject, holding dates, the registry fact. */
interface Owner {
  subjectId: string;
  from: string | null;
  to: string | null;
  ref: EventRef | null;
  /** Registry fact that ended the holding (a transfer), if any. */
  toRef: EventRef | null;
  label: string;
}

interface Finding {
  control: Typed<'asset.controlled'>;
  owners: Owner[];
  /** Respondent holdings of the asset that ended on or before the control date. */
  former: Owner[];
}

/**
 * 错误查封案外人财产: an `asset.controlled` of a unit, a vehicle or a stake in a company whose
 * registry owners on the control date (after that day's registrations) include no respondent
 * (respondentIds: the respondents and the subjects linked to them). The registry must know the
 * asset and, that day, show an owner or a respondent's holding already ended (e.g. a stake
 * transferred whose taker the registry did not send); bank accounts are not judged (the bank
 * feed gives only the respondents' own accounts).
 */
export class ThirdPartyPropertySeizedModel implements CaseModel {
  readonly meta = THIRD_PARTY_PROPERTY_SEIZED;

  constructor(
    private readonly _config: ThirdPartyPropertySeizedConfig = THIRD_PARTY_PROPERTY_SEIZED_DEFAULTS,
  ) {}

  evaluate(facts: CaseFacts, asOf: Date): Evaluation {
    if (facts.case.filedOn === null || facts.respondentIds.size === 0) return { leads: [], wakeAt: null };
    const today = dateOf(asOf);
    const findings: Finding[] = [];
    let wakeAt: Date | null = null;
    const wake = (at: Date) => {
      if (asOf < at && (!wakeAt || at < wakeAt)) wakeAt = at;
    };
    for (const control of eventsOf(facts.events, 'asset.controlled')) {
      const on = control.p.controlledOn;
      if (on > today) {
        wake(cstStartOfDay(on));
        continue;
      }
      const all = this.owners(facts, control.p.assetRef.kind, control.p.assetRef.id);
      const owners = all.filter((o) => (o.from === null || o.from <= on) && (o.to === null || o.to > on));
      if (owners.some((o) => facts.respondentIds.has(o.subjectId))) continue;
      const former = all.filter((o) => facts.respondentIds.has(o.subjectId) && o.to !== null && o.to <= on);
      // Nobody on record that day (the registry does not know the asset, or not yet): no lead;
      // the registry's facts up to the control date may still be on their way, so look again
      // once business time has passed that day.
      if (owners.length === 0 && former.length === 0) {
        if (this.judged(control.p.assetRef.kind)) wake(overdueAt(on));
        continue;
      }
      findings.push({ control, owners, former });
    }
    if (findings.length === 0) return { leads: [], wakeAt };
    return { leads: [this.lead(facts, findings)], wakeAt };
  }

  private judged(kind: string): boolean {
    return kind === 'realestate' || kind === 'vehicle' || kind === 'equity';
  }

  private owners(facts: CaseFacts, kind: string, id: string): Owner[] {
    switch (kind) {
      case 'realestate':
        return facts.unitHoldings
          .filter((h) => h.unitNo === id)
          .map((h) => ({
            subjectId: h.subjectId,
            from: h.heldFrom,
            to: h.heldTo,
            ref: h.fromEvent,
            toRef: h.toEvent,
            label: `不动产单元${id}`,
          }));
      case 'vehicle':
        return facts.vinHoldings
          .filter((v) => v.vin === id)
          .map((v) => ({
            subjectId: v.subjectId,
            from: v.heldFrom,
            to: v.heldTo,
            ref: v.fromEvent,
            toRef: v.toEvent,
            label: `车辆${id}`,
          }));
      case 'equity':
        return facts.equities
          .filter((q) => q.companyUscc === id && q.sharePct > 0)
          .map((q) => ({
            subjectId: q.shareholderSubjectId,
            from: q.heldFrom,
            to: q.heldTo,
            ref: q.fromEvent,
            toRef: q.toEvent,
            label: `企业${id}股权`,
          }));
      default:
        return [];
    }
  }

  private lead(facts: CaseFacts, findings: Finding[]) {
    const c = facts.case;
    const items: EvidenceItem[] = [...filedItem(facts)];
    const parts: string[] = [];
    for (const f of findings) {
      const p = f.control.p;
      items.push(
        eventItem(f.control.fact, `${measureText(p.measure)}${assetText(p.assetRef.kind, p.assetRef.id)}`),
      );
      for (const o of f.owners) {
        if (o.ref)
          items.push(registryItem(o.ref, o.from ?? p.controlledOn, `登记显示${o.label}的权利人为案外人`));
      }
      for (const o of f.former) {
        if (o.toRef)
          items.push(registryItem(o.toRef, o.to!, `${o.label}已于${o.to}登记转移，被执行人不再是权利人`));
      }
      const moved = f.former.map((o) => o.to!).sort();
      parts.push(
        `${p.controlledOn}${measureText(p.measure)}${assetText(p.assetRef.kind, p.assetRef.id)}，登记权利人不含被执行人` +
          (moved.length ? `（已于${moved[moved.length - 1]}过户）` : ''),
      );
    }
    const statement = `${c.caseNo}错误控制案外人财产：${parts.join('；')}。`;
    return caseLead(facts, statement, items, {
      controls: findings.map((f) => ({
        controlId: f.control.p.controlId,
        asset: f.control.p.assetRef,
        controlledOn: f.control.p.controlledOn,
        ownerSubjectIds: f.owners.map((o) => o.subjectId),
      })),
    });
  }
}

export const THIRD_PARTY_PROPERTY_SEIZED_MODEL = defineModel({
  meta: THIRD_PARTY_PROPERTY_SEIZED,
  defaults: THIRD_PARTY_PROPERTY_SEIZED_DEFAULTS,
  create: (config: ThirdPartyPropertySeizedConfig) => new ThirdPartyPropertySeizedModel(config),
});
