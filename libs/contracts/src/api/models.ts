/** The declarative models API (/v1/models, issue 18): what the workbench and the review pages read. */

export type ModelStatusName = 'draft' | 'submitted' | 'returned' | 'approved' | 'listed' | 'retired';

/** A stored version of a declarative model: its state and source, never facts of a case. */
export interface ModelVersionView {
  modelId: string;
  version: number;
  status: ModelStatusName;
  source: string;
  unitCode: string;
  createdBy: string;
  createdAt: string;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  listedAt: string | null;
  retiredAt: string | null;
}

/** A model file accepted by validation: what it reads and calls. */
export interface ValidationView {
  ok: true;
  id: string;
  version: number;
  title: string;
  legalBasis: string;
  views: string[];
  functions: string[];
  parameters: string[];
}

/** A backtest as of a day over the stored facts: the leads it would raise, its timers and its cost. */
export interface BacktestView {
  modelId: string;
  version: number;
  asOf: string;
  cases: number;
  leads: { caseNo: string; dedupKey: string; statement: string; evidenceItems: number }[];
  timers: { caseNo: string; dueAt: string }[];
  cost: { runs: number; rows: number; ms: number };
  /** The difference from the listed version of the model, else from the built-in model of the same id. */
  comparedWith: { against: string; added: string[]; removed: string[] } | null;
}

/**
 * GET /v1/models/results: what one version of a model (built-in or declarative) raised and what
 * became of its individual leads, in the caller's scope (withdrawn leads left out).
 */
export interface ModelResultView {
  modelId: string;
  modelVersion: number;
  /** The model's name (名称): the declarative version's title, else the built-in model's. */
  title: string;
  /** Whether a declarative model (issue 18) of this id and version is stored. */
  declarative: boolean;
  raised: number;
  /** Accepted for review (受理). */
  accepted: number;
  /** 检察建议 issued (served on the court). */
  suggestionsIssued: number;
  /** Adopted by the court. */
  adopted: number;
  rectified: number;
  recoveredFen: number;
}

/**
 * A listed model as shared between provinces (format zhijian-model-package/1): the file, its
 * tests, its backtest at the exporting hub, signed with SM2 (SM3 digest) by the exporting office
 * over the canonical JSON (keys sorted) of everything but the signature.
 */
export interface ModelPackageView {
  format: 'zhijian-model-package/1';
  model: { id: string; version: number; title: string; source: string };
  tests: { caseNo: string; asOf?: string; expect: 'lead' | 'none' }[];
  backtest: { asOf: string; cases: number; leads: number; caseNos: string[]; rowsRead: number; ms: number };
  exportedBy: { unitCode: string; at: string; listedAt: string | null; reviewComment: string | null };
  publicKey: string;
  signature: string;
}

/** An office whose signed packages this hub imports (GET/PUT/DELETE /v1/model-signers). */
export interface TrustedSignerView {
  unitCode: string;
  /** SM2 public key, uncompressed (04…, 130 hex digits). */
  publicKey: string;
  note: string | null;
  addedBy: string;
  addedAt: string;
}
