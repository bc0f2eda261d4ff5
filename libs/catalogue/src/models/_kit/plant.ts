import type { Party as WireParty } from '@zhijian/contracts';

export type { WireParty };

/** The scopes of the compliant course's `network_national` inquiries: everything the network reaches. */
export const ALL_SCOPES = ['deposit', 'realestate', 'vehicle', 'securities', 'equity'];
/** Days between the periodic `network_national` inquiries after 终本 (well inside 6 months). */
export const PERIODIC_CHECK_DAYS = 150;

/**
 * Planting violations and near misses for the catalogue models in the synthetic province.
 *
 * A plant is a model's list of scenarios. Each scenario builds one or more cases (and the
 * registry facts around them) through a PlantContext, starting from a *compliant* case — one
 * that breaks no model of the catalogue — and changing what makes it a hit or a near miss.
 * Every lead the scenario's cases must yield is declared with `ctx.expect`; any other lead on
 * them counts as a false positive of its model.
 */
export interface Plant {
  /** The model whose folder holds the plant (scenarios.ts): its hits count for this model. */
  modelId: string;
  /**
   * Where the province draws the plant among those of the model's group (default: the model's
   * `catalogueOrder`). Plants are drawn in catalogue order; the order changes which cases a seed
   * plants, so a plant keeps its place when it moves.
   */
  catalogueOrder?: number;
  scenarios: PlantScenario[];
}

export interface PlantScenario {
  /** Short English name, e.g. `inquiry_on_day_31` / `inquiry_on_day_30`. */
  name: string;
  expected: 'hit' | 'near_miss';
  /** Relative weight among the model's scenarios when cases are drawn beyond one of each (default 1). */
  weight?: number;
  build(ctx: PlantContext): void;
}

/** Court-event fields in wire form (money as yuan strings via `yuan(fen)`, dates YYYY-MM-DD); caseNo is added. */
export type EventFields = Record<string, unknown>;

/** A court event of a scripted case: published with business date `date(day)`. */
export interface ScriptEvent {
  type: string;
  day: number;
  fields: EventFields;
}

export type CaseEnding = 'fully_performed' | 'zhongben' | 'open';

export interface CaseOptions {
  /** Day of filing (default: drawn so that the compliant ending fits in the history). */
  filedDay?: number;
  /** How the compliant case ends (default fully_performed). */
  ending?: CaseEnding;
  category?: 'labor_pay' | 'sme_debt' | 'loan' | 'contract' | 'tort' | 'other';
  origin?: 'judgment' | 'mediation' | 'arbitration' | 'notarization' | 'administrative';
  claimFen?: number;
  applicants?: WireParty[];
  respondents?: WireParty[];
  /** Court level (default basic). */
  court?: 'basic' | 'intermediate';
  /** Court code to use (e.g. to put two cases in one court); default drawn. */
  courtCode?: string;
}

/**
 * A compliant case as a script of court events, editable before the province is emitted.
 * Compliant means: execution notice and property-report order served on day +2, a
 * `network_national` inquiry of all five scopes (nothing found) on day +3, consumption
 * restriction on day +4, an applicant interview on day +20, and then
 * - fully_performed: funds received +50, paid out in full to the first applicant +55, closed +60
 *   with recoveredAmount = claim and applicantNotifiedOn;
 * - zhongben: closed `terminated_this_round` on day +100 with applicantNotifiedOn, then a
 *   `network_national` inquiry every 150 days while within the history (and 5 years);
 * - open: a `network_local` inquiry every 60 days; filed within the last 150 days of the history.
 * Respondents are fresh people or companies holding nothing in any registry.
 */
export interface CaseScript {
  readonly caseNo: string;
  readonly courtCode: string;
  /** Office that receives the case's leads (the court's procuratorate). */
  readonly unitCode: string;
  readonly filedDay: number;
  readonly applicants: WireParty[];
  readonly respondents: WireParty[];
  claimFen: number;
  category: string;
  origin: string;
  /** Court events after filing (not the filing itself), including the closing; edit freely. */
  events: ScriptEvent[];
  /** Adds a court event; returns it. */
  add(type: string, day: number, fields: EventFields): ScriptEvent;
  /** The events of a type (optionally whose fields match `where`). */
  find(type: string, where?: EventFields): ScriptEvent[];
  /** Removes the events of a type (optionally whose fields match `where`). */
  remove(type: string, where?: EventFields): void;
  /** Replaces the closing (and the compliant acts that came with it: payouts, periodic inquiries); null reopens. */
  close(
    method: string | null,
    day?: number,
    options?: { recoveredFen?: number; applicantNotifiedOn?: string | null },
  ): void;
  /** Day of the closing, if closed. */
  readonly closedDay: number | null;
  /** Publishes the filing (and every other event) on later days than it happened: out-of-order arrival. */
  outOfOrder: boolean;
}

/** Registry facts about the scenario's parties, published on their own topics. */
export interface RegistryFacts {
  /** A flat first registered to `owners` on `day`; returns its unit number. */
  flat(owners: WireParty[], day: number, options?: { adminCode?: string; priceFen?: number }): string;
  /** The flat passes to `owners` on `day` (a transfer). */
  transferFlat(unitNo: string, owners: WireParty[], day: number, priceFen?: number): void;
  mortgage(unitNo: string, mortgagee: WireParty, securedFen: number, day: number): void;
  releaseMortgage(unitNo: string, day: number): void;
  /** A vehicle registered to `owner` on `day`; returns its VIN. */
  vehicle(owner: WireParty, day: number, valueFen?: number): string;
  transferVehicle(vin: string, to: WireParty, day: number): void;
  /** A bank-account snapshot of `holder` with `balanceFen` as of `day`; returns the account number. */
  account(holder: WireParty, balanceFen: number, day: number): string;
  /** A bank transfer of `amountFen` from `from` to `to` on `day`. */
  transfer(from: WireParty, to: WireParty, amountFen: number, day: number): void;
  /** An equity change: `shareholder` acquires or transfers `sharePct` of `company` on `day`. */
  equity(
    company: WireParty,
    shareholder: WireParty,
    event: 'acquire' | 'transfer',
    sharePct: number,
    day: number,
    extra?: Record<string, unknown>,
  ): void;
  /** A tax record of `taxpayer` for the month containing `day`, with income. */
  tax(taxpayer: WireParty, incomeFen: number, day: number): void;
}

export interface PlantRng {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export interface PlantContext {
  readonly rng: PlantRng;
  /** Day index → date (YYYY-MM-DD); day 0 is the province's first filing date. */
  date(day: number): string;
  /** Date → day index. */
  day(date: string): number;
  /** The last day of the history: nothing may be dated after it. */
  readonly lastDay: number;
  /** A compliant case with fresh parties (unless given), registered for emission. */
  compliantCase(options?: CaseOptions): CaseScript;
  /** A fresh person (valid ID number), company or bank (valid USCC) of the province. */
  person(): WireParty;
  company(): WireParty;
  bank(): WireParty;
  /** A person with no identifier (name only), e.g. for linking scenarios. */
  anonymous(name: string): WireParty;
  readonly registry: RegistryFacts;
  /** Declares a lead the scenario must yield: model (default the plant's) on `caseNo`. */
  expect(caseNo: string, modelId?: string): void;
}
