import type { CaseEventFact, CaseRow, PartyFact, CaseFacts } from '@zhijian/domain';
import type { CaseEventOf, CaseEventType } from './index';

/** Test fixtures for the catalogue models' unit specs (pure: no services). */

export const CASE_NO = '（2024）浙0803执100号';
export const COURT = '浙0803';

/** Midnight CST of a date: the instant a model is evaluated "as of". */
export const cst = (date: string): Date => new Date(`${date}T00:00:00+08:00`);

let serial = 0;

/** A court event of the screened case (or of `caseNo`), payload typed by its type; money in fen. */
export function ev<T extends CaseEventType>(
  type: T,
  on: string,
  fields: Omit<CaseEventOf<T>, 'type' | 'caseNo'> & { caseNo?: string },
  partySubjectId: string | null = null,
): CaseEventFact {
  serial++;
  const caseNo = fields.caseNo ?? CASE_NO;
  return {
    rawEventId: String(serial),
    caseNo,
    type,
    on,
    payload: { type, ...fields, caseNo },
    ref: { source: `court:${COURT}`, eventId: `${type}-${serial}` },
    partySubjectId,
  };
}

export function party(
  role: PartyFact['role'],
  subjectId: string,
  overrides: Partial<PartyFact> = {},
): PartyFact {
  return {
    caseNo: CASE_NO,
    role,
    subjectId,
    kind: 'person',
    name: role === 'respondent' ? '张三' : '李四',
    idNo: role === 'respondent' ? '11010519491231002X' : null,
    uscc: null,
    ...overrides,
  };
}

export function caseRow(overrides: Partial<CaseRow> = {}): CaseRow {
  return {
    caseNo: CASE_NO,
    courtCode: COURT,
    courtLevel: 'basic',
    filedOn: '2024-01-10',
    claimFen: 100_000_00,
    origin: 'judgment',
    category: 'loan',
    closedOn: null,
    closeMethod: null,
    filedEvent: { source: `court:${COURT}`, eventId: 'filed' },
    closedEvent: null,
    ...overrides,
  };
}

/**
 * The facts of one case: by default filed 2024-01-10, open, respondent subject '7' (张三),
 * applicant subject '8', nothing else. Override any part.
 */
export function caseFacts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  const respondents = overrides.respondents ?? [party('respondent', '7')];
  return {
    case: caseRow(),
    applicants: [party('applicant', '8')],
    respondents,
    respondentIds: new Set(respondents.map((r) => r.subjectId)),
    events: [],
    holdings: [],
    unitHoldings: [],
    vehicles: [],
    vinHoldings: [],
    equities: [],
    accounts: [],
    taxes: [],
    transfers: [],
    mortgages: [],
    restorations: [],
    relatedCases: [],
    relations: [],
    sameSubject: (id) => new Set([id]),
    ...overrides,
  };
}
