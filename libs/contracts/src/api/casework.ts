/**
 * Requests and answers of the case-work API (issue 17): search, handlers, notes, attachments,
 * bulk actions, saved filters, notifications, transfers, registration of applications and
 * reports, and the 结果告知书. Shapes only; the API checks them (libs/intake/src/casework).
 */

/** 控告申诉 or 民事检察: the two departments of an office that hand leads to each other. */
export type Department = 'complaint' | 'civil';
export const DEPARTMENT_NAMES: Record<Department, string> = {
  complaint: '控告申诉检察部门',
  civil: '民事检察部门',
};

/**
 * department: to the other department of the same office (its acceptance needed);
 * discipline / criminal: 移送违纪违法线索 to 纪检监察 or 刑事检察 (document number, evidence bundle);
 * court: 线索移送 to the court (its receipt recorded on acceptance).
 */
export type TransferKind = 'department' | 'discipline' | 'criminal' | 'court';
export const TRANSFER_KIND_NAMES: Record<TransferKind, string> = {
  department: '部门间移送（线索双向移送）',
  discipline: '移送纪检监察（违纪违法线索）',
  criminal: '移送刑事检察（职务犯罪线索）',
  court: '移送法院',
};

export interface SearchRequest {
  /** 案号, a party's name, or an ID number / USCC (matched exactly). */
  q: string;
  limit?: number;
}

export interface SearchAnswer<L> {
  /** What the term was read as. */
  matchedAs: 'id_number' | 'uscc' | 'case_no' | 'party_name';
  items: L[];
}

export interface HandlerView {
  id: string;
  name: string;
  role: string;
  department: Department | null;
}

export interface NoteView {
  id: string;
  leadId: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  updatedAt: string | null;
  /** Whether the caller wrote it (only its author may edit it). */
  mine: boolean;
}

export interface AttachmentView {
  id: string;
  leadId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

export interface BulkRequest {
  action: 'claim' | 'assign' | 'close';
  ids: string[];
  handlerId?: string;
  reason?: string;
}

export interface BulkAnswer {
  results: { id: string; ok: boolean; message?: string }[];
  succeeded: number;
  failed: number;
}

export interface SavedFilterView {
  id: string;
  name: string;
  query: Record<string, string>;
  createdAt: string;
}

export interface NotificationView {
  /** A stored one's number, or a computed one's key (`deadline-<lead>-<due>`, `facts-<lead>-<ms>`, `notice-<lead>`). */
  id: string;
  kind: 'assigned' | 'transfer' | 'transfer_accepted' | 'facts_changed' | 'deadline' | 'notice_due';
  leadId: string | null;
  text: string;
  at: string;
  /** Whether the caller read it (each recipient on their own). */
  read: boolean;
}

/** `GET /v1/casework/notifications`: newest first, with the number of unread ones. */
export interface NotificationsAnswer {
  items: NotificationView[];
  unread: number;
}

/** `POST /v1/casework/notifications/:id/read` and `…/read-all`: the unread left. */
export interface NotificationsReadAnswer {
  unread: number;
}

export interface TransferRequest {
  kind: TransferKind;
  /** department: the receiving department; else who receives it (e.g. 衢州市纪委监委). */
  toDepartment?: Department;
  toName?: string;
  reason: string;
  /** 移送函文号: required for discipline / criminal. */
  documentNo?: string;
}

export interface TransferView {
  id: string;
  leadId: string;
  kind: TransferKind;
  kindName: string;
  fromUnit: string;
  fromDepartment: Department;
  toDepartment: Department | null;
  toName: string;
  reason: string;
  documentNo: string | null;
  /** The evidence bundle sent with a discipline or criminal transfer: the lead's evidence items, attachments. */
  evidence: { items: number; attachments: string[] } | null;
  status: 'pending' | 'accepted';
  receiptNo: string | null;
  by: string;
  at: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface TransferRatesRow {
  kind: TransferKind;
  kindName: string;
  total: number;
  accepted: number;
  pending: number;
  /** accepted / total, null under five transfers. */
  acceptedRate: number | null;
}

export interface RegistrationRequest {
  kind: 'application' | 'report';
  caseNo?: string;
  applicant?: { kind: 'person' | 'org'; name: string; idNo?: string; uscc?: string };
  receivedOn: string;
  channel: 'counter' | 'hotline' | 'online';
  /** The request: what the applicant asks the procuratorate to supervise. */
  summary: string;
}

export interface RegistrationAnswer {
  eventId: string;
  source: string;
  outcome: 'accepted' | 'duplicate' | 'rejected';
  /** The lead the petition made or joined, once screened (null while pending). */
  leadId: string | null;
  message: string;
}

export interface NoticeRequest {
  documentNo: string;
  servedOn: string;
}

export interface NoticeView {
  leadId: string;
  documentNo: string;
  servedOn: string;
  recipient: string;
  madeBy: string;
  madeAt: string;
  sizeBytes: number;
}
