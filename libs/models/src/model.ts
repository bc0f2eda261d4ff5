import type { CaseFactSet, CaseRow, LeadEvidence, PartyFact, Severity } from '@zhijian/persistence';

export type LeadKind = '个案' | '类案';

export interface ModelMeta {
  /** Public contract: leads, APIs, metrics and configuration name models by it. */
  id: string;
  version: number;
  /** 名称 of the catalogue. */
  title: string;
  legalBasis: string;
  severity: Severity;
  kind: LeadKind;
  /** Feeds whose facts the model reads. */
  sources: string[];
  /** Its leads suggest a duty crime (职务犯罪): they are major and go to the provincial task force. */
  dutyCrimeSuspected?: boolean;
  /** Whether its hits on many cases of one court make a class lead (default: yes). */
  classLeads?: boolean;
}

export interface LeadDraft {
  dedupKey: string;
  caseNo: string;
  /** One line, in Chinese, for procuratorate staff. */
  statement: string;
  evidence: LeadEvidence;
}

export interface Evaluation {
  leads: LeadDraft[];
  /** Business time at which this case must be looked at again (a deadline), if any. */
  wakeAt: Date | null;
}

/** The facts of one case, cut from a CaseFactSet for the model. */
export interface CaseFacts {
  case: CaseRow;
  applicants: PartyFact[];
  respondents: PartyFact[];
  holdings: CaseFactSet['holdings'];
  restorations: CaseFactSet['restorations'];
}

/** A model over one case at a time, evaluated "as of" a business instant. Pure. */
export interface CaseModel {
  readonly meta: ModelMeta;
  evaluate(facts: CaseFacts, asOf: Date): Evaluation;
}

export function factsByCase(set: CaseFactSet): CaseFacts[] {
  return set.cases.map((c) => {
    const parties = set.parties.filter((p) => p.caseNo === c.caseNo);
    const respondents = parties.filter((p) => p.role === 'respondent');
    const respondentIds = new Set(respondents.map((r) => r.subjectId));
    return {
      case: c,
      applicants: parties.filter((p) => p.role === 'applicant'),
      respondents,
      holdings: set.holdings.filter((h) => respondentIds.has(h.subjectId)),
      restorations: set.restorations.filter((r) => r.previousCaseNo === c.caseNo),
    };
  });
}
