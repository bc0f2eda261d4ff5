import { normalizeIdCard, normalizeUscc, parseCaseNumber } from '@zhijian/domain';
import {
  DEPARTMENT_NAMES,
  TRANSFER_KIND_NAMES,
  type Department,
  type TransferKind,
  type TransferRequest,
} from '@zhijian/contracts';

/** How a search term is read: an ID number or USCC exactly, a 案号 in canonical form, else a party's name. */
export type SearchTerm =
  | { as: 'id_number'; value: string }
  | { as: 'uscc'; value: string }
  | { as: 'case_no'; value: string }
  | { as: 'party_name'; value: string };

export function readSearchTerm(raw: string): SearchTerm {
  const t = raw.trim();
  const compact = t.replace(/\s/g, '');
  if (/^[0-9]{15}$|^[0-9]{17}[0-9xX]$/.test(compact)) {
    const id = normalizeIdCard(compact);
    if (id.ok) return { as: 'id_number', value: id.value.value };
  }
  if (/^[0-9A-Z]{18}$/.test(compact.toUpperCase()) && !/^[0-9]{17}/.test(compact)) {
    const u = normalizeUscc(compact);
    if (u.ok) return { as: 'uscc', value: u.value };
  }
  const c = parseCaseNumber(t);
  if (c.ok) return { as: 'case_no', value: c.value.canonical };
  return { as: 'party_name', value: t };
}

/** The term as the audit log keeps it: identifiers masked (an ID number is personal data). */
export function auditedTerm(term: SearchTerm, mask: (s: string) => string): string {
  return `${term.as}:${mask(term.value)}`;
}

export type TransferCheck =
  | { ok: true; toDepartment: Department | null; toName: string; documentNo: string | null }
  | { ok: false; field: string; message: string };

/**
 * Whether a transfer may be made from a lead with `fromDepartment` in status `status`:
 * only an open lead; to the other department of the office (never its own); discipline and
 * criminal transfers with a 移送函文号; to the court or another body with whom it goes to.
 */
export function checkTransfer(
  req: TransferRequest,
  fromDepartment: Department,
  status: string,
  pendingTransfer: boolean,
): TransferCheck {
  if (['closed', 'rejected', 'withdrawn'].includes(status))
    return { ok: false, field: 'kind', message: '线索已办结、不予受理或已撤回，不能移送' };
  if (pendingTransfer) return { ok: false, field: 'kind', message: '线索有尚未接收的移送，待接收后再移送' };
  switch (req.kind) {
    case 'department': {
      const to = req.toDepartment ?? (fromDepartment === 'civil' ? 'complaint' : 'civil');
      if (to === fromDepartment)
        return { ok: false, field: 'toDepartment', message: `线索已在${DEPARTMENT_NAMES[to]}，无需移送` };
      return { ok: true, toDepartment: to, toName: DEPARTMENT_NAMES[to], documentNo: req.documentNo ?? null };
    }
    case 'discipline':
    case 'criminal': {
      if (!req.documentNo)
        return {
          ok: false,
          field: 'documentNo',
          message: `请填写移送函文号（${TRANSFER_KIND_NAMES[req.kind]}）`,
        };
      const toName = req.toName ?? (req.kind === 'discipline' ? '纪检监察机关' : '刑事检察部门');
      return { ok: true, toDepartment: null, toName, documentNo: req.documentNo };
    }
    case 'court': {
      if (!req.toName) return { ok: false, field: 'toName', message: '请填写接收线索的法院' };
      return { ok: true, toDepartment: null, toName: req.toName, documentNo: req.documentNo ?? null };
    }
  }
}

/** Who may accept a pending transfer: the receiving department of the office (or a leader of it). */
export function canAccept(
  transfer: { kind: TransferKind; toDepartment: Department | null; fromUnit: string },
  acceptor: { unitCode: string; department: Department | null; triage: boolean },
): { ok: true } | { ok: false; message: string } {
  if (transfer.kind === 'department') {
    if (acceptor.unitCode !== transfer.fromUnit)
      return { ok: false, message: '只有本院接收部门可以接收部门间移送' };
    if (acceptor.department !== transfer.toDepartment && !acceptor.triage)
      return { ok: false, message: `只有${DEPARTMENT_NAMES[transfer.toDepartment!]}可以接收该移送` };
    return { ok: true };
  }
  // Outside bodies do not sign in: their receipt is recorded by the office that sent it.
  if (acceptor.unitCode !== transfer.fromUnit)
    return { ok: false, message: '只有移送线索的检察院可以登记回执' };
  return { ok: true };
}

/** A rate shown only over five cases or more (fewer is no rate: issue 17 §6). */
export const MIN_RATE_CASES = 5;
export const rateOf = (part: number, total: number): number | null =>
  total >= MIN_RATE_CASES ? part / total : null;
