import type { Rate, RatesRow } from '@zhijian/contracts';
import type { OutcomeCounts } from './repositories/intake.repository';

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}

export function ratesOf(c: OutcomeCounts): RatesRow {
  return {
    key: c.key,
    leads: c.leads,
    conversion: rate(c.accepted, c.leads),
    adoption: rate(c.adopted, c.suggestions),
    rectification: rate(c.rectified, c.adopted),
    recovery: rate(c.recoveredFen, c.claimFen),
  };
}

/** The groups added up: every count is additive, so the total is the rates of the sums. */
export function totalOf(groups: OutcomeCounts[]): OutcomeCounts {
  const total: OutcomeCounts = {
    key: 'total',
    leads: 0,
    accepted: 0,
    suggestions: 0,
    adopted: 0,
    rectified: 0,
    recoveredFen: 0,
    claimFen: 0,
  };
  for (const g of groups) {
    total.leads += g.leads;
    total.accepted += g.accepted;
    total.suggestions += g.suggestions;
    total.adopted += g.adopted;
    total.rectified += g.rectified;
    total.recoveredFen += g.recoveredFen;
    total.claimFen += g.claimFen;
  }
  return total;
}
