import type { EventRef, EvidenceItem } from '@zhijian/domain';
import { registryItem, yuanText } from './index';
import { type CaseFacts } from '@zhijian/domain';

/**
 * The respondents' registry assets as holding intervals [from, to): real estate, vehicles, equity
 * stakes, and bank balances of at least `minBalanceFen` (a snapshot's balance stands until the
 * account's next snapshot). A helper of group D; the framework has no such view yet.
 */
export interface AssetInterval {
  kind: 'realestate' | 'vehicle' | 'equity' | 'bank_account';
  id: string;
  /** First day held; null: since before the registry's first event. */
  from: string | null;
  /** Day it stopped being held (transfer, or a snapshot below the threshold); null: still held. */
  to: string | null;
  ref: EventRef;
  summary: string;
}

export function registryAssets(facts: CaseFacts, minBalanceFen: number): AssetInterval[] {
  const out: AssetInterval[] = [];
  for (const h of facts.holdings) {
    out.push({
      kind: 'realestate',
      id: h.unitNo,
      from: h.heldFrom,
      to: h.heldTo,
      ref: h.fromEvent,
      summary: `不动产登记：被执行人自${h.heldFrom}起持有不动产单元${h.unitNo}${h.heldTo ? `（至${h.heldTo}）` : ''}`,
    });
  }
  for (const v of facts.vehicles) {
    out.push({
      kind: 'vehicle',
      id: v.vin,
      from: v.heldFrom,
      to: v.heldTo,
      ref: v.fromEvent,
      summary: `机动车登记：被执行人自${v.heldFrom}起登记车辆${v.vin}${v.heldTo ? `（至${v.heldTo}）` : ''}`,
    });
  }
  for (const q of facts.equities) {
    const ref = q.fromEvent ?? q.toEvent;
    if (!facts.respondentIds.has(q.shareholderSubjectId) || q.sharePct <= 0 || !ref) continue;
    const company = q.companyUscc ?? `主体${q.companySubjectId}`;
    out.push({
      kind: 'equity',
      id: company,
      from: q.heldFrom,
      to: q.heldTo,
      ref,
      summary: `企业登记：被执行人${q.heldFrom ? `自${q.heldFrom}起` : ''}持有${company}的${q.sharePct}%股权${q.heldTo ? `（至${q.heldTo}）` : ''}`,
    });
  }
  const byAccount = new Map<string, CaseFacts['accounts']>();
  for (const a of facts.accounts) {
    const key = `${a.bankCode}|${a.accountNo}`;
    byAccount.set(key, [...(byAccount.get(key) ?? []), a]);
  }
  for (const snapshots of byAccount.values()) {
    const sorted = [...snapshots].sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0));
    sorted.forEach((a, i) => {
      if (a.balanceFen < minBalanceFen) return;
      out.push({
        kind: 'bank_account',
        id: `${a.bankCode}/${a.accountNo}`,
        from: a.asOf,
        to: sorted[i + 1]?.asOf ?? null,
        ref: a.event,
        summary: `银行账户：被执行人账户${a.accountNo}截至${a.asOf}余额${yuanText(a.balanceFen)}`,
      });
    });
  }
  return out;
}

/** Whether the interval holds the asset on some day of [start, end]. */
export function heldDuring(a: AssetInterval, start: string, end: string): boolean {
  return (a.from === null || a.from <= end) && (a.to === null || a.to > start);
}

export function assetItem(a: AssetInterval, context = false): EvidenceItem {
  return registryItem(a.ref, a.from ?? a.to ?? '', a.summary, context);
}

export const ASSET_KIND_TEXT: Record<AssetInterval['kind'], string> = {
  realestate: '不动产',
  vehicle: '车辆',
  equity: '股权',
  bank_account: '银行存款',
};
