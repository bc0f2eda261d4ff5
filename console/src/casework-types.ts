/** The case-work API's answers as the console reads them (libs/contracts/src/api/casework.ts). */

export type Department = 'complaint' | 'civil';
export const DEPARTMENT_NAMES: Record<Department, string> = {
  complaint: '控告申诉检察部门',
  civil: '民事检察部门',
};

export interface Handler {
  id: string;
  name: string;
  role: string;
  department: Department | null;
}

export interface Note {
  id: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
  updatedAt: string | null;
  mine: boolean;
}

export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedAt: string;
}

export interface Transfer {
  id: string;
  kind: 'department' | 'discipline' | 'criminal' | 'court';
  kindName: string;
  fromDepartment: Department;
  toDepartment: Department | null;
  toName: string;
  reason: string;
  documentNo: string | null;
  evidence: { items: number; attachments: string[] } | null;
  status: 'pending' | 'accepted';
  receiptNo: string | null;
  by: string;
  at: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface Notice {
  documentNo: string;
  servedOn: string;
  recipient: string;
  madeBy: string;
  madeAt: string;
  sizeBytes: number;
}

export interface Notification {
  id: string;
  kind: string;
  leadId: string | null;
  text: string;
  at: string;
}

export interface SavedFilter {
  id: string;
  name: string;
  query: Record<string, string>;
}
