import type { EntityManager } from 'typeorm';
import type { Department, TransferKind } from '@zhijian/contracts';
import { scopeRange } from './worklist.repository';
import { departmentSees } from './departments.repository';
import type { SearchTerm } from '../casework/casework-rules';

type Queryable = Pick<EntityManager, 'query'>;

export interface NoteRow {
  id: string;
  leadId: string;
  authorId: string;
  authorName: string;
  body: string;
  createdAt: Date;
  updatedAt: Date | null;
}

export interface AttachmentRow {
  id: string;
  leadId: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedByName: string;
  uploadedAt: Date;
}

export interface TransferRow {
  id: string;
  leadId: string;
  kind: TransferKind;
  fromUnit: string;
  fromDepartment: Department;
  toDepartment: Department | null;
  toName: string;
  reason: string;
  documentNo: string | null;
  evidence: { items: number; attachments: string[] } | null;
  status: 'pending' | 'accepted';
  receiptNo: string | null;
  byId: string;
  byName: string;
  at: Date;
  acceptedByName: string | null;
  acceptedAt: Date | null;
}

const TRANSFER_COLUMNS = `t.id, t.lead_id as "leadId", t.kind, t.from_unit as "fromUnit", t.from_department as "fromDepartment",
  t.to_department as "toDepartment", t.to_name as "toName", t.reason, t.document_no as "documentNo", t.evidence,
  t.status, t.receipt_no as "receiptNo", t.by_id as "byId", t.by_name as "byName", t.at,
  t.accepted_by_name as "acceptedByName", t.accepted_at as "acceptedAt"`;

/** SQL of case work: every read of leads limited to a scope prefix, like the worklist's. */
/** An attachment's metadata and where its content is: in the row (`postgres`) or an object's key (`s3`). */
export interface AttachmentContentRow {
  fileName: string;
  contentType: string;
  sha256: string;
  store: 'postgres' | 's3';
  content: Buffer | null;
  objectKey: string | null;
}

export class CaseworkRepository {
  /** Leads in scope whose case or petition names the term (ID numbers and USCCs exactly), newest first. */
  async search(
    m: Queryable,
    scopePrefix: string,
    term: SearchTerm,
    limit: number,
    department: Department | null = null,
  ): Promise<string[]> {
    const range = scopeRange(scopePrefix);
    const subjectMatch: Record<SearchTerm['as'], string> = {
      id_number: 's.id_no = $3',
      uscc: 's.uscc = $3',
      case_no: 'false',
      // A party's name: exact, or its beginning (two characters at least).
      party_name: `(s.name = $3 or (char_length($3) >= 2 and s.name like replace(replace(replace($3, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'))`,
    };
    const byParty = subjectMatch[term.as];
    const rows: { id: string }[] = await m.query(
      `select l.id from leads l
        where l.unit_code >= $1 and l.unit_code < $2 and ${departmentSees('$5')}
          and (${term.as === 'case_no' ? 'l.case_no = $3' : 'false'}
               or l.case_no in (select cp.case_no from case_parties cp join subjects s on s.id = cp.subject_id where ${byParty})
               or l.id in (select p.lead_id from petitions p join subjects s on s.id = p.subject_id
                            where p.lead_id is not null and ${byParty}))
        order by l.created_at desc, l.id limit $4`,
      [...range, term.value, limit, department],
    );
    return rows.map((r) => r.id);
  }

  /** The caller's open leads: assigned to them, or claimed by them and assigned to nobody. */
  async mine(m: Queryable, principalId: string, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `select id from leads
        where (handler_id = $1 or (handler_id is null and claimed_by = $1))
          and status not in ('closed', 'rejected', 'withdrawn')
        order by priority, created_at, id limit $2`,
      [principalId, limit],
    );
    return rows.map((r) => r.id);
  }

  async handlers(
    m: Queryable,
    unitCode: string,
    roles: readonly string[],
  ): Promise<{ id: string; name: string; role: string; department: Department | null }[]> {
    return m.query(
      `select p.id, p.name, p.role, d.department from principals p
         left join principal_departments d on d.principal_id = p.id
        where p.unit_code = $1 and p.kind = 'person' and p.disabled_at is null and p.role = any($2::text[])
        order by p.name, p.id`,
      [unitCode, roles],
    );
  }

  async departmentOf(m: Queryable, principalId: string): Promise<Department | null> {
    const rows: { department: Department }[] = await m.query(
      `select department from principal_departments where principal_id = $1`,
      [principalId],
    );
    return rows[0]?.department ?? null;
  }

  async setDepartment(m: Queryable, principalId: string, department: Department): Promise<void> {
    await m.query(
      `insert into principal_departments (principal_id, department) values ($1, $2)
       on conflict (principal_id) do update set department = excluded.department`,
      [principalId, department],
    );
  }

  /** The lead's handler and department (columns of this issue, beside IntakeLead's). */
  async handling(
    m: Queryable,
    leadId: string,
  ): Promise<{ handlerId: string | null; handlerName: string | null; department: Department } | null> {
    const rows: { handlerId: string | null; handlerName: string | null; department: Department }[] =
      await m.query(
        `select l.handler_id as "handlerId", p.name as "handlerName", l.department
         from leads l left join principals p on p.id = l.handler_id where l.id = $1`,
        [leadId],
      );
    return rows[0] ?? null;
  }

  /** Sets columns of this issue at the version read; false when the lead moved meanwhile. */
  async patch(
    m: Queryable,
    leadId: string,
    version: number,
    set: { handlerId?: string; department?: Department },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `update leads set handler_id = coalesce($3::uuid, handler_id), department = coalesce($4, department),
              version = version + 1, updated_at = now()
        where id = $1 and version = $2 returning id`,
      [leadId, version, set.handlerId ?? null, set.department ?? null],
    );
    return rowCount(rows) > 0;
  }

  async notes(m: Queryable, leadId: string): Promise<NoteRow[]> {
    return m.query(
      `select id, lead_id as "leadId", author_id as "authorId", author_name as "authorName", body,
              created_at as "createdAt", updated_at as "updatedAt"
         from lead_notes where lead_id = $1 order by created_at, id`,
      [leadId],
    );
  }

  async addNote(
    m: Queryable,
    leadId: string,
    author: { id: string; name: string },
    body: string,
  ): Promise<NoteRow> {
    const rows: NoteRow[] = await m.query(
      `insert into lead_notes (lead_id, author_id, author_name, body) values ($1, $2, $3, $4)
       returning id, lead_id as "leadId", author_id as "authorId", author_name as "authorName", body,
                 created_at as "createdAt", updated_at as "updatedAt"`,
      [leadId, author.id, author.name, body],
    );
    return rows[0]!;
  }

  async note(m: Queryable, leadId: string, noteId: string): Promise<NoteRow | null> {
    const rows: NoteRow[] = await m.query(
      `select id, lead_id as "leadId", author_id as "authorId", author_name as "authorName", body,
              created_at as "createdAt", updated_at as "updatedAt"
         from lead_notes where lead_id = $1 and id = $2 for update`,
      [leadId, noteId],
    );
    return rows[0] ?? null;
  }

  async editNote(m: Queryable, noteId: string, body: string): Promise<NoteRow> {
    const rows: NoteRow[] = await m.query(
      `update lead_notes set body = $2, updated_at = now() where id = $1
       returning id, lead_id as "leadId", author_id as "authorId", author_name as "authorName", body,
                 created_at as "createdAt", updated_at as "updatedAt"`,
      [noteId, body],
    );
    return rowsOf<NoteRow>(rows)[0]!;
  }

  async attachments(m: Queryable, leadId: string): Promise<AttachmentRow[]> {
    return m.query(
      `select id, lead_id as "leadId", file_name as "fileName", content_type as "contentType", size_bytes as "sizeBytes",
              sha256, uploaded_by_name as "uploadedByName", uploaded_at as "uploadedAt"
         from lead_attachments where lead_id = $1 order by uploaded_at, id`,
      [leadId],
    );
  }

  async addAttachment(
    m: Queryable,
    a: {
      id: string;
      leadId: string;
      fileName: string;
      contentType: string;
      sha256: string;
      sizeBytes: number;
      store: 'postgres' | 's3';
      content: Buffer | null;
      objectKey: string | null;
      by: { id: string; name: string };
    },
  ): Promise<AttachmentRow> {
    const rows: AttachmentRow[] = await m.query(
      `insert into lead_attachments (id, lead_id, file_name, content_type, size_bytes, sha256, store, content, object_key,
                                     uploaded_by, uploaded_by_name)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       returning id, lead_id as "leadId", file_name as "fileName", content_type as "contentType", size_bytes as "sizeBytes",
                 sha256, uploaded_by_name as "uploadedByName", uploaded_at as "uploadedAt"`,
      [
        a.id,
        a.leadId,
        a.fileName,
        a.contentType,
        a.sizeBytes,
        a.sha256,
        a.store,
        a.content,
        a.objectKey,
        a.by.id,
        a.by.name,
      ],
    );
    return rows[0]!;
  }

  /** An attachment's metadata and where its content is (in the row, or an object's key). */
  async attachmentContent(m: Queryable, leadId: string, id: string): Promise<AttachmentContentRow | null> {
    const rows: AttachmentContentRow[] = await m.query(
      `select file_name as "fileName", content_type as "contentType", sha256, store, content, object_key as "objectKey"
         from lead_attachments where lead_id = $1 and id = $2`,
      [leadId, id],
    );
    return rows[0] ?? null;
  }

  async savedFilters(
    m: Queryable,
    principalId: string,
  ): Promise<{ id: string; name: string; query: Record<string, string>; createdAt: Date }[]> {
    return m.query(
      `select id, name, query, created_at as "createdAt" from saved_filters where principal_id = $1 order by name`,
      [principalId],
    );
  }

  async saveFilter(m: Queryable, principalId: string, name: string, query: Record<string, string>) {
    const rows: { id: string; name: string; query: Record<string, string>; createdAt: Date }[] =
      await m.query(
        `insert into saved_filters (principal_id, name, query) values ($1, $2, $3)
       on conflict (principal_id, name) do update set query = excluded.query
       returning id, name, query, created_at as "createdAt"`,
        [principalId, name, JSON.stringify(query)],
      );
    return rows[0]!;
  }

  async deleteFilter(m: Queryable, principalId: string, id: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `delete from saved_filters where principal_id = $1 and id = $2 returning id`,
      [principalId, id],
    );
    return rowCount(rows) > 0;
  }

  async notify(
    m: Queryable,
    n: {
      principalId?: string;
      unitCode?: string;
      department?: Department | null;
      kind: string;
      leadId: string | null;
      text: string;
    },
  ): Promise<void> {
    await m.query(
      `insert into notifications (principal_id, unit_code, department, kind, lead_id, text) values ($1, $2, $3, $4, $5, $6)`,
      [n.principalId ?? null, n.unitCode ?? null, n.department ?? null, n.kind, n.leadId, n.text],
    );
  }

  /**
   * Notifications addressed to the principal, or to its office (and department, when one is
   * named); of those on a lead, only the ones whose lead the reader's department sees.
   */
  async notifications(
    m: Queryable,
    p: { id: string; unitCode: string; department: Department | null; readerDepartment: Department | null },
    limit: number,
  ): Promise<{ id: string; kind: string; leadId: string | null; text: string; at: Date }[]> {
    return m.query(
      `select n.id::text, n.kind, n.lead_id as "leadId", n.text, n.at from notifications n
        where (n.principal_id = $1 or (n.principal_id is null and n.unit_code = $2 and (n.department is null or n.department = $3)))
          and (n.lead_id is null or exists (select 1 from leads l where l.id = n.lead_id and ${departmentSees('$5')}))
        order by n.at desc, n.id desc limit $4`,
      [p.id, p.unitCode, p.department, limit, p.readerDepartment],
    );
  }

  /** Which of these notification keys the principal has read. */
  async readKeys(m: Queryable, principalId: string, keys: string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows: { key: string }[] = await m.query(
      `select key from notification_reads where principal_id = $1 and key = any($2::text[])`,
      [principalId, keys],
    );
    return new Set(rows.map((r) => r.key));
  }

  /** Marks these notification keys read by the principal (a read one stays as it was). */
  async markRead(m: Queryable, principalId: string, keys: string[]): Promise<void> {
    if (!keys.length) return;
    await m.query(
      `insert into notification_reads (principal_id, key) select $1, unnest($2::text[])
       on conflict (principal_id, key) do nothing`,
      [principalId, keys],
    );
  }

  /** The caller's open leads flagged 事实已变更 and not yet answered. */
  async factsChangedOfMine(
    m: Queryable,
    principalId: string,
  ): Promise<{ id: string; caseNo: string | null; title: string; at: Date }[]> {
    return m.query(
      `select id, case_no as "caseNo", title, facts_changed_at as at from leads
        where (handler_id = $1 or (handler_id is null and claimed_by = $1))
          and facts_changed_at is not null and status <> 'withdrawn' and facts_changed->>'keptAt' is null
        order by facts_changed_at desc limit 50`,
      [principalId],
    );
  }

  async transfers(m: Queryable, leadId: string): Promise<TransferRow[]> {
    return m.query(
      `select ${TRANSFER_COLUMNS} from lead_transfers t where t.lead_id = $1 order by t.at, t.id`,
      [leadId],
    );
  }

  async transfer(m: Queryable, leadId: string, id: string): Promise<TransferRow | null> {
    const rows: TransferRow[] = await m.query(
      `select ${TRANSFER_COLUMNS} from lead_transfers t where t.lead_id = $1 and t.id = $2 for update`,
      [leadId, id],
    );
    return rows[0] ?? null;
  }

  async addTransfer(
    m: Queryable,
    t: Omit<TransferRow, 'id' | 'status' | 'receiptNo' | 'acceptedByName' | 'acceptedAt'>,
  ): Promise<TransferRow> {
    const rows: TransferRow[] = await m.query(
      `insert into lead_transfers as t (lead_id, kind, from_unit, from_department, to_department, to_name, reason,
                                      document_no, evidence, by_id, by_name, at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning ${TRANSFER_COLUMNS}`,
      [
        t.leadId,
        t.kind,
        t.fromUnit,
        t.fromDepartment,
        t.toDepartment,
        t.toName,
        t.reason,
        t.documentNo,
        t.evidence === null ? null : JSON.stringify(t.evidence),
        t.byId,
        t.byName,
        t.at,
      ],
    );
    return rows[0]!;
  }

  async acceptTransfer(
    m: Queryable,
    id: string,
    by: string,
    at: Date,
    receiptNo: string | null,
  ): Promise<TransferRow> {
    const rows: TransferRow[] = await m.query(
      `update lead_transfers t set status = 'accepted', accepted_by_name = $2, accepted_at = $3, receipt_no = $4
        where t.id = $1 and t.status = 'pending' returning ${TRANSFER_COLUMNS}`,
      [id, by, at, receiptNo],
    );
    return rowsOf<TransferRow>(rows)[0]!;
  }

  /** Transfers of leads in scope per kind: all, accepted, pending. */
  async transferCounts(
    m: Queryable,
    scopePrefix: string,
    department: Department | null = null,
  ): Promise<{ kind: TransferKind; total: number; accepted: number }[]> {
    return m.query(
      `select t.kind, count(*)::int as total, count(*) filter (where t.status = 'accepted')::int as accepted
         from lead_transfers t join leads l on l.id = t.lead_id
        where l.unit_code >= $1 and l.unit_code < $2 and ${departmentSees('$3')}
        group by t.kind order by t.kind`,
      [...scopeRange(scopePrefix), department],
    );
  }

  /** Petitions on the lead (the applicants and reporters a notice goes to), oldest first. */
  async petitionsOf(
    m: Queryable,
    leadId: string,
  ): Promise<{ kind: 'application' | 'report'; receivedOn: string; subjectName: string | null }[]> {
    return m.query(
      `select p.kind, to_char(p.received_on, 'YYYY-MM-DD') as "receivedOn", s.name as "subjectName"
         from petitions p left join subjects s on s.id = p.subject_id
        where p.lead_id = $1 order by p.received_on, p.raw_event_id`,
      [leadId],
    );
  }

  async notice(m: Queryable, leadId: string) {
    const rows: {
      documentNo: string;
      servedOn: string;
      recipient: string;
      madeByName: string;
      madeAt: Date;
      sizeBytes: number;
    }[] = await m.query(
      `select document_no as "documentNo", to_char(served_on, 'YYYY-MM-DD') as "servedOn", recipient,
                made_by_name as "madeByName", made_at as "madeAt", octet_length(pdf) as "sizeBytes"
           from lead_notices where lead_id = $1`,
      [leadId],
    );
    return rows[0] ?? null;
  }

  async noticePdf(m: Queryable, leadId: string): Promise<{ documentNo: string; pdf: Buffer } | null> {
    const rows: { documentNo: string; pdf: Buffer }[] = await m.query(
      `select document_no as "documentNo", pdf from lead_notices where lead_id = $1`,
      [leadId],
    );
    return rows[0] ?? null;
  }

  async addNotice(
    m: Queryable,
    n: { leadId: string; documentNo: string; servedOn: string; recipient: string; pdf: Buffer; by: string },
  ): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `insert into lead_notices (lead_id, document_no, served_on, recipient, pdf, made_by_name)
       values ($1, $2, $3, $4, $5, $6) on conflict (lead_id) do nothing returning id`,
      [n.leadId, n.documentNo, n.servedOn, n.recipient, n.pdf, n.by],
    );
    return rowCount(rows) > 0;
  }

  /**
   * Closed or rejected leads in scope that came from an application or report and have no
   * 结果告知书 `days` days after they were closed (the notice deadline).
   */
  async noticesDue(
    m: Queryable,
    scopePrefix: string,
    days: number,
    department: Department | null = null,
  ): Promise<{ id: string; caseNo: string | null; unitCode: string; handledAt: Date; title: string }[]> {
    return m.query(
      `select l.id, l.case_no as "caseNo", l.unit_code as "unitCode", l.title,
              coalesce(l.closed_at, l.updated_at) as "handledAt"
         from leads l
        where l.unit_code >= $1 and l.unit_code < $2 and ${departmentSees('$4')}
          and l.status in ('closed', 'rejected')
          and exists (select 1 from petitions p where p.lead_id = l.id)
          and not exists (select 1 from lead_notices n where n.lead_id = l.id)
          and coalesce(l.closed_at, l.updated_at) < now() - make_interval(days => $3)
        order by coalesce(l.closed_at, l.updated_at), l.id limit 500`,
      [...scopeRange(scopePrefix), days, department],
    );
  }

  /** The names of the handlers of these leads. */
  async handlerNames(m: Queryable, leadIds: string[]): Promise<{ id: string; name: string }[]> {
    return m.query(
      `select l.id, p.name from leads l join principals p on p.id = l.handler_id where l.id = any($1::uuid[])`,
      [leadIds],
    );
  }

  /** The lead a registered petition (source, event id) made or joined, with its office. */
  async registrationLead(
    m: Queryable,
    source: string,
    eventId: string,
  ): Promise<{ leadId: string | null; unitCode: string | null }[]> {
    return m.query(
      `select p.lead_id as "leadId", l.unit_code as "unitCode" from petitions p join raw_events r on r.id = p.raw_event_id
         left join leads l on l.id = p.lead_id where r.source = $1 and r.event_id = $2`,
      [source, eventId],
    );
  }
}

/** `update … returning` answers [rows, count] through TypeORM's pg driver; a select answers rows. */
function rowsOf<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  )
    return result[0] as T[];
  return result as T[];
}
const rowCount = (result: unknown): number => rowsOf(result).length;
