import { maskIdCard } from '@zhijian/normalize';
import type { LeadEvidence } from '@zhijian/persistence';

/** A person's name shows the surname only: 张三 → 张*, 欧阳娜娜 → 欧***. */
export function maskPersonName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

/** ID numbers and persons' names are personal data; organisations' names and codes are public. */
export function maskEvidence(evidence: LeadEvidence): LeadEvidence {
  return {
    ...evidence,
    parties: evidence.parties.map((p) =>
      p.kind === 'person'
        ? { ...p, name: maskPersonName(p.name), ...(p.idNo ? { idNo: maskIdCard(p.idNo) } : {}) }
        : p,
    ),
  };
}
