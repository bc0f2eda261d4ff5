export type RatesGroupBy = 'model' | 'unit' | 'month';

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, null when there is nothing to divide by. */
  rate: number | null;
}

export interface RatesRow {
  key: string;
  leads: number;
  /** accepted (立案审查) or later, rejected excluded / leads */
  conversion: Rate;
  /** adopted by the court / 检察建议 issued */
  adoption: Rate;
  /** rectification recorded / adopted */
  rectification: Rate;
  /** fen recovered / fen claimed in the supervised cases (检察建议 issued) */
  recovery: Rate;
}

/** GET /v1/rates. */
export interface RatesView {
  groupBy: RatesGroupBy;
  from: string | null;
  to: string | null;
  /** The offices counted: those whose code starts with this prefix. */
  scopePrefix: string;
  groups: RatesRow[];
  total: RatesRow;
}
