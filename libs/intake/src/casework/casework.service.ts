import { createHash, randomUUID } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleDestroy,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { can, canSeeUnit, visibleUnitPrefix, type Principal } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import {
  DEPARTMENT_NAMES,
  physicalTopic,
  reasonMessageZh,
  TRANSFER_KIND_NAMES,
  type AttachmentView,
  type BulkAnswer,
  type BulkRequest,
  type Department,
  type HandlerView,
  type NoteView,
  type NoticeRequest,
  type NoticeView,
  type NotificationView,
  type NotificationsAnswer,
  type NotificationsReadAnswer,
  type RegistrationAnswer,
  type RegistrationRequest,
  type SavedFilterView,
  type SearchAnswer,
  type TransferRatesRow,
  type TransferRequest,
  type TransferView,
  type FeedTopic,
} from '@zhijian/contracts';
import { EnvelopeDecoder, IngestService } from '@zhijian/ingest';
import { maskIdentifiersInText } from '@zhijian/domain';
import { AuditLog } from '@zhijian/access';
import { LeadIntakeRepository, type IntakeLead } from '../repositories/intake.repository';
import { Jurisdiction } from '@zhijian/domain';
import { OPEN_STATUSES } from '@zhijian/domain';
import { todayCst } from '../deadlines';
import type { WorklistQuery } from '../intake-requests';
import { leadNotFound } from '../lead-read.service';
import { LeadLifecycleService } from '../lead-lifecycle.service';
import { maskerFor, maskPersonName, readsMasked, type Masker } from '../masking';
import { PersonalDataRepository } from '../repositories/personal-data.repository';
import { auditActor, listSubject, recordRead } from '../read-audit';
import { WorkbenchService } from '../workbench.service';
import type { LeadSummaryView } from '@zhijian/contracts';
import { WorklistRepository } from '../repositories/worklist.repository';
import { assertDepartmentSees, readerDepartment } from '../department-scope';
import { checkAttachment, cleanFileName } from './attachment-types';
import { attachmentStoresOf, type AttachmentStores } from './attachment-store';
import {
  CaseworkRepository,
  type AttachmentRow,
  type NoteRow,
  type TransferRow,
} from '../repositories/casework.repository';
import { auditedTerm, canAccept, checkTransfer, rateOf, readSearchTerm } from './casework-rules';
import { courtNameOf, officeNameOf } from './names';
import { noticeHtml, outcomeText } from './notice';
import { keptReportPdf, keptReports, type KeptReport } from './monthly-reports';
import { htmlToPdf } from './pdf';
import { buildThematicReport, thematicReportHtml, type ThematicReport } from './thematic-report';

export const CASEWORK_ACTIONS = {
  search: 'lead.search',
  mine: 'lead.mine',
  handlers: 'lead.handlers',
  assign: 'lead.assign',
  notes: 'lead.notes',
  noteAdd: 'lead.note_add',
  noteEdit: 'lead.note_edit',
  attachments: 'lead.attachments',
  attachmentAdd: 'lead.attachment_add',
  attachmentRead: 'lead.attachment_read',
  export: 'lead.export',
  transfer: 'lead.transfer',
  transferAccept: 'lead.transfer_accept',
  transfers: 'lead.transfers',
  register: 'petition.register',
  notice: 'lead.notice',
  noticeRead: 'lead.notice_read',
  noticesDue: 'lead.notices_due',
} as const;

const CLOSED = ['closed', 'rejected', 'withdrawn'];
const stale = () => new ConflictException('线索已被他人更新，请刷新');

/**
 * Case work on leads: search, a named handler and the "mine" view, notes, attachments, bulk
 * actions, export, saved filters, notifications, transfers, registration of walk-in applications
 * and reports (through the ingest path, so they become the same petition records and leads as the
 * feed's), and the 结果告知书. Every read and change is limited to the caller's scope and
 * appended to the audit log; texts a masked role reads pass the masking step with the lead's persons.
 */
@Injectable()
export class CaseworkService implements OnModuleDestroy {
  private readonly repo = new CaseworkRepository();
  private readonly worklist = new WorklistRepository();
  private readonly intake = new LeadIntakeRepository();
  private readonly people = new PersonalDataRepository();
  private readonly audit = new AuditLog();
  private readonly logger = new Logger(CaseworkService.name);
  private readonly attachmentStores: AttachmentStores;

  constructor(
    private readonly dataSource: DataSource,
    private readonly workbench: WorkbenchService,
    private readonly lifecycle: LeadLifecycleService,
    private readonly jurisdiction: Jurisdiction,
    private readonly decoder: EnvelopeDecoder,
    private readonly ingest: IngestService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {
    this.attachmentStores = attachmentStoresOf(config.attachmentStore);
  }

  onModuleDestroy(): void {
    this.attachmentStores.close();
  }

  // ---- reads of leads -------------------------------------------------------------------

  async search(
    p: Principal,
    q: string,
    limit: number,
    reason: string | null,
  ): Promise<SearchAnswer<LeadSummaryView>> {
    const term = readSearchTerm(q);
    const scope = visibleUnitPrefix(p.unitCode);
    const m = this.dataSource.manager;
    const department = await readerDepartment(m, p);
    const ids = await this.repo.search(m, scope, term, limit, department);
    const items = await this.summaries(m, p, scope, ids, department);
    // The audit row keeps the term with identifiers masked: the log is no place for ID numbers.
    await this.audited(
      p,
      CASEWORK_ACTIONS.search,
      listSubject('search', { q: auditedTerm(term, maskIdentifiersInText) }, items.length, scope),
      reason,
    );
    return { matchedAs: term.as, items };
  }

  async mine(p: Principal, reason: string | null): Promise<{ items: LeadSummaryView[] }> {
    const m = this.dataSource.manager;
    const scope = visibleUnitPrefix(p.unitCode);
    const items = await this.summaries(
      m,
      p,
      scope,
      await this.repo.mine(m, p.id, 200),
      await readerDepartment(m, p),
    );
    await this.audited(p, CASEWORK_ACTIONS.mine, listSubject('mine', {}, items.length, p.unitCode), reason);
    return { items };
  }

  private async summaries(
    m: EntityManager,
    p: Principal,
    scope: string,
    ids: string[],
    department: Department | null,
  ): Promise<LeadSummaryView[]> {
    const rows = await this.worklist.byIds(m, scope, ids, department);
    const order = new Map(ids.map((id, i) => [id, i]));
    rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
    const view = await this.workbench.viewer(m, p, rows);
    const today = todayCst();
    return rows.map((r) => view(r, today));
  }

  /** The office's people who may handle leads (the lead's office when given, else the caller's). */
  async handlers(p: Principal, leadId: string | null): Promise<{ items: HandlerView[] }> {
    let unit = p.unitCode;
    if (leadId) unit = (await this.lead(this.dataSource.manager, p, leadId)).unitCode;
    const roles = ['staff', 'prosecutor', 'leader'].filter((r) => can(r as Principal['role'], 'leads.act'));
    const rows = await this.repo.handlers(this.dataSource.manager, unit, roles);
    return { items: rows.map((r) => ({ ...r, department: r.department })) };
  }

  /** Sets the department (控告申诉 / 民事检察) of a person of the caller's own office; leads.triage. */
  async setDepartment(p: Principal, principalId: string, department: Department): Promise<HandlerView> {
    return this.dataSource.transaction(async (m) => {
      const roles = ['staff', 'prosecutor', 'leader'];
      const person = (await this.repo.handlers(m, p.unitCode, roles)).find((x) => x.id === principalId);
      if (!person) throw new NotFoundException('本院没有该人员');
      await this.repo.setDepartment(m, principalId, department);
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: 'principal.department',
          subject: `${principalId} ${department}`,
          reason: null,
        },
      ]);
      return { ...person, department };
    });
  }

  // ---- assignment ------------------------------------------------------------------------

  /**
   * Assigns the lead to a named handler of its office: anyone with leads.triage may name any
   * handler, others only themselves. Recorded as a transition (`assign`), audited, and the handler notified.
   */
  async assign(
    p: Principal,
    id: string,
    req: { handlerId: string; reason: string | null; version?: number },
  ): Promise<{ leadId: string; handler: { id: string; name: string }; version: number }> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.lead(m, p, id, req.version);
      if (CLOSED.includes(lead.status))
        throw new ConflictException('线索已办结、不予受理或已撤回，不能指派承办人');
      if (req.handlerId === p.id ? !can(p.role, 'leads.act') : !can(p.role, 'leads.triage'))
        throw new ForbiddenException(
          req.handlerId === p.id
            ? '无权限：您的角色不办理线索，不能自行承办'
            : '无权限：只能将线索指派给自己；指派他人须由院领导、部门负责人办理',
        );
      const roles = ['staff', 'prosecutor', 'leader'].filter((r) => can(r as Principal['role'], 'leads.act'));
      const handler = (await this.repo.handlers(m, lead.unitCode, roles)).find((h) => h.id === req.handlerId);
      if (!handler)
        throw new BadRequestException({
          message: '承办人须为线索所在检察院的办案人员',
          fields: { handlerId: '承办人须为线索所在检察院的办案人员' },
        });
      const before = await this.repo.handling(m, id);
      if (before?.handlerId === handler.id) throw new ConflictException(`线索已由${handler.name}承办`);
      if (!(await this.repo.patch(m, id, lead.version, { handlerId: handler.id }))) throw stale();
      const at = new Date();
      await this.intake.recordTransition(m, {
        leadId: id,
        action: 'assign',
        fromStatus: lead.status,
        toStatus: lead.status,
        actorId: p.id,
        actorName: p.name,
        at,
        reason: req.reason,
        data: { handlerId: handler.id, handlerName: handler.name, previous: before?.handlerName ?? null },
      });
      if (handler.id !== p.id)
        await this.repo.notify(m, {
          principalId: handler.id,
          kind: 'assigned',
          leadId: id,
          text: `${p.name}将线索${lead.caseNo ? `（${lead.caseNo}）` : ''}指派给您承办`,
        });
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.assign,
          subject: id,
          reason: `→ ${handler.name} [${handler.id}]${req.reason ? `：${req.reason}` : ''}`,
        },
      ]);
      return { leadId: id, handler: { id: handler.id, name: handler.name }, version: lead.version + 1 };
    });
  }

  async bulk(p: Principal, req: BulkRequest): Promise<BulkAnswer> {
    if (req.action !== 'assign' && !can(p.role, 'leads.act'))
      throw new ForbiddenException('无权限：您的角色不能批量认领或办结线索');
    const results: BulkAnswer['results'] = [];
    for (const id of req.ids) {
      try {
        if (req.action === 'assign')
          await this.assign(p, id, { handlerId: req.handlerId!, reason: req.reason ?? null });
        else await this.lifecycle.act(p, id, { action: req.action, reason: req.reason ?? null });
        results.push({ id, ok: true });
      } catch (e) {
        const r = (e as { getResponse?: () => unknown }).getResponse?.();
        const message =
          typeof r === 'object' && r !== null && typeof (r as { message?: unknown }).message === 'string'
            ? (r as { message: string }).message
            : (e as Error).message;
        results.push({ id, ok: false, message: maskIdentifiersInText(message) });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    return { results, succeeded, failed: results.length - succeeded };
  }

  // ---- notes ----------------------------------------------------------------------------

  async notes(p: Principal, id: string, reason: string | null): Promise<{ items: NoteView[] }> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const mask = await this.maskerOf(m, p, id);
      const items = (await this.repo.notes(m, id)).map((n) => noteView(n, p, mask));
      await recordRead(m, auditActor(p), CASEWORK_ACTIONS.notes, id, reason);
      return { items };
    });
  }

  async addNote(p: Principal, id: string, body: string): Promise<NoteView> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const note = await this.repo.addNote(m, id, { id: p.id, name: p.name }, body);
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.noteAdd,
          subject: `${id} note ${note.id}`,
          reason: null,
        },
      ]);
      return noteView(note, p, await this.maskerOf(m, p, id));
    });
  }

  async editNote(p: Principal, id: string, noteId: string, body: string): Promise<NoteView> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const note = await this.repo.note(m, id, noteId);
      if (!note) throw new NotFoundException(`备注 ${noteId} 不存在`);
      if (note.authorId !== p.id) throw new ForbiddenException('无权限：备注只能由其撰写人修改');
      const edited = await this.repo.editNote(m, noteId, body);
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.noteEdit,
          subject: `${id} note ${noteId}`,
          reason: null,
        },
      ]);
      return noteView(edited, p, await this.maskerOf(m, p, id));
    });
  }

  // ---- attachments ----------------------------------------------------------------------

  async attachments(p: Principal, id: string, reason: string | null): Promise<{ items: AttachmentView[] }> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const mask = await this.maskerOf(m, p, id);
      const items = (await this.repo.attachments(m, id)).map((a) => attachmentView(a, mask));
      await recordRead(m, auditActor(p), CASEWORK_ACTIONS.attachments, id, reason);
      return { items };
    });
  }

  async addAttachment(p: Principal, id: string, rawName: string, content: Buffer): Promise<AttachmentView> {
    const fileName = cleanFileName(rawName);
    if (!fileName)
      throw new BadRequestException({
        message: '请提供附件文件名（X-File-Name）',
        fields: { file: '请提供附件文件名' },
      });
    const check = checkAttachment(fileName, content);
    if (!check.ok) throw new BadRequestException({ message: check.message, fields: { file: check.message } });
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const sha256 = createHash('sha256').update(content).digest('hex');
      // The content goes to the configured store first; the row (metadata, SHA-256, where) after.
      const attachmentId = randomUUID();
      const store = this.attachmentStores.current;
      const stored = await store.save(id, attachmentId, content, check.contentType);
      const row = await this.repo.addAttachment(m, {
        id: attachmentId,
        leadId: id,
        fileName,
        contentType: check.contentType,
        sha256,
        sizeBytes: content.length,
        store: store.kind,
        ...stored,
        by: { id: p.id, name: p.name },
      });
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.attachmentAdd,
          subject: `${id} attachment ${row.id} sha256:${sha256}`,
          reason: null,
        },
      ]);
      return attachmentView(row, await this.maskerOf(m, p, id));
    });
  }

  /**
   * The attachment's bytes, from the store it was written to, refused unless their SHA-256 is the
   * one recorded at upload; the read is audited before they are sent.
   */
  async attachment(
    p: Principal,
    id: string,
    attachmentId: string,
    reason: string | null,
  ): Promise<{ fileName: string; contentType: string; content: Buffer }> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const row = await this.repo.attachmentContent(m, id, attachmentId);
      if (!row) throw new NotFoundException(`附件 ${attachmentId} 不存在`);
      const store = this.attachmentStores.of(row.store);
      if (!store)
        throw new ServiceUnavailableException(
          '该附件保存在对象存储中，但未配置对象存储（ATTACHMENT_STORE=s3）',
        );
      const content = await store.load(row);
      if (!content) throw new NotFoundException(`附件 ${attachmentId} 的内容已不在存储中`);
      if (createHash('sha256').update(content).digest('hex') !== row.sha256) {
        this.logger.error(
          `attachment ${attachmentId} of lead ${id}: content does not match its SHA-256; refused`,
        );
        throw new UnprocessableEntityException(
          '附件内容与上传时登记的 SHA-256 不符（可能已被篡改或损坏），已拒绝下载',
        );
      }
      const a = { fileName: row.fileName, contentType: row.contentType, content };
      await recordRead(
        m,
        auditActor(p),
        CASEWORK_ACTIONS.attachmentRead,
        `${id} attachment ${attachmentId}`,
        reason,
      );
      return a;
    });
  }

  // ---- export, saved filters, notifications ---------------------------------------------

  /** What the inbox shows for this query, every page of it (at most 5,000 leads), as CSV (UTF-8 with BOM), masked. */
  async exportCsv(p: Principal, q: WorklistQuery, reason: string | null): Promise<string> {
    const rows: LeadSummaryView[] = [];
    for (let offset = 0; offset < 5000; offset += 200) {
      const page = await this.workbench.worklist(p, { ...q, limit: 200, offset }, reason);
      rows.push(...page.items);
      if (page.items.length < 200) break;
    }
    const m = this.dataSource.manager;
    const handlers = await this.handlerNames(
      m,
      rows.map((r) => r.id),
    );
    const courtName = (code: string | null) => (code ? courtNameOf(this.jurisdiction, code) : '');
    const officeName = (code: string) => officeNameOf(this.jurisdiction, code);
    const header = [
      '案号',
      '线索',
      '法院',
      '法院代码',
      '检察院',
      '严重程度',
      '状态',
      '承办人',
      '标的额（元）',
      '线索时间',
      '期限',
      '是否超期',
    ];
    const severity: Record<string, string> = { high: '高', medium: '中', low: '低' };
    const lines = rows.map((r) => [
      r.caseNo ?? '',
      r.title,
      courtName(r.court),
      r.court ?? '',
      officeName(r.unitCode),
      severity[r.severity] ?? r.severity,
      r.statusName,
      handlers.get(r.id) ?? r.claimedBy?.name ?? '',
      r.claimAmount ?? '',
      r.asOf.slice(0, 10),
      r.deadline ? `${r.deadline.label} ${r.deadline.due}` : '',
      r.deadline?.overdue ? '是' : '',
    ]);
    await this.audited(
      p,
      CASEWORK_ACTIONS.export,
      listSubject('export', q, rows.length, visibleUnitPrefix(p.unitCode)),
      reason,
    );
    return `\uFEFF${[header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`;
  }

  private async handlerNames(m: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.repo.handlerNames(m, ids);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async savedFilters(p: Principal): Promise<{ items: SavedFilterView[] }> {
    const rows = await this.repo.savedFilters(this.dataSource.manager, p.id);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  }

  async saveFilter(p: Principal, name: string, query: Record<string, string>): Promise<SavedFilterView> {
    const r = await this.repo.saveFilter(this.dataSource.manager, p.id, name, query);
    return { ...r, createdAt: r.createdAt.toISOString() };
  }

  async deleteFilter(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.deleteFilter(this.dataSource.manager, p.id, id)))
      throw new NotFoundException('筛选条件不存在');
  }

  /**
   * The caller's notifications: assignments to them and transfers to their office (stored as they
   * happen), and, computed now, their leads flagged 事实已变更, their leads' deadlines within three
   * days, and (with leads.triage) the petition leads whose 结果告知书 is overdue.
   */
  async notifications(p: Principal): Promise<NotificationsAnswer> {
    const m = this.dataSource.manager;
    const items = await this.notificationList(m, p);
    const read = await this.repo.readKeys(
      m,
      p.id,
      items.map((n) => n.id),
    );
    const views = items.map((n) => ({ ...n, read: read.has(n.id) }));
    return { items: views, unread: views.filter((n) => !n.read).length };
  }

  /** Marks one of the caller's notifications read (404 when it is not one of theirs now). */
  async readNotification(p: Principal, id: string): Promise<NotificationsReadAnswer> {
    const m = this.dataSource.manager;
    const items = await this.notificationList(m, p);
    if (!items.some((n) => n.id === id)) throw new NotFoundException('提醒不存在或已失效');
    await this.repo.markRead(m, p.id, [id]);
    return { unread: (await this.notifications(p)).unread };
  }

  /** Marks every notification the caller has now read (全部标为已读). */
  async readAllNotifications(p: Principal): Promise<NotificationsReadAnswer> {
    const m = this.dataSource.manager;
    const items = await this.notificationList(m, p);
    await this.repo.markRead(
      m,
      p.id,
      items.map((n) => n.id),
    );
    return { unread: 0 };
  }

  private async notificationList(m: EntityManager, p: Principal): Promise<Omit<NotificationView, 'read'>[]> {
    const department = await this.repo.departmentOf(m, p.id);
    const reader = await readerDepartment(m, p);
    const stored = await this.repo.notifications(
      m,
      { id: p.id, unitCode: p.unitCode, department, readerDepartment: reader },
      50,
    );
    const items: Omit<NotificationView, 'read'>[] = stored.map((n) => ({
      id: n.id,
      kind: n.kind as NotificationView['kind'],
      leadId: n.leadId,
      text: maskIdentifiersInText(n.text),
      at: n.at.toISOString(),
    }));
    for (const f of await this.repo.factsChangedOfMine(m, p.id))
      items.push({
        id: `facts-${f.id}-${f.at.getTime()}`,
        kind: 'facts_changed',
        leadId: f.id,
        text: `线索${f.caseNo ? `（${f.caseNo}）` : ''}事实已变更，请决定撤回或继续办理`,
        at: f.at.toISOString(),
      });
    const mine = await this.summaries(
      m,
      p,
      visibleUnitPrefix(p.unitCode),
      await this.repo.mine(m, p.id, 200),
      reader,
    );
    const soon = addDaysIso(todayCst(), 3);
    for (const l of mine)
      if (l.deadline && (l.deadline.overdue || l.deadline.due <= soon))
        items.push({
          id: `deadline-${l.id}-${l.deadline.due}`,
          kind: 'deadline',
          leadId: l.id,
          text: `线索${l.caseNo ? `（${l.caseNo}）` : ''}${l.deadline.label}${l.deadline.overdue ? `已超期 ${l.deadline.daysOverdue} 天` : `将于 ${l.deadline.due} 届满`}`,
          at: new Date().toISOString(),
        });
    if (can(p.role, 'leads.triage'))
      for (const d of await this.repo.noticesDue(
        m,
        visibleUnitPrefix(p.unitCode),
        this.config.noticeDueDays,
        reader,
      ))
        items.push({
          id: `notice-${d.id}`,
          kind: 'notice_due',
          leadId: d.id,
          text: `线索${d.caseNo ? `（${d.caseNo}）` : ''}办结已逾 ${this.config.noticeDueDays} 天，尚未向当事人送达结果告知书`,
          at: d.handledAt.toISOString(),
        });
    return items;
  }

  // ---- transfers -------------------------------------------------------------------------

  async transfers(
    p: Principal,
    id: string,
    reason: string | null,
  ): Promise<{ items: TransferView[]; department: Department }> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      const mask = await this.maskerOf(m, p, id);
      const items = (await this.repo.transfers(m, id)).map((t) => transferView(t, mask));
      const department = (await this.repo.handling(m, id))!.department;
      await recordRead(m, auditActor(p), CASEWORK_ACTIONS.transfers, id, reason);
      return { items, department };
    });
  }

  /** A transfer, recorded as a transition (`transfer`) with who, when, to whom and why. */
  async transfer(p: Principal, id: string, req: TransferRequest): Promise<TransferView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.lead(m, p, id);
      if (lead.unitCode !== p.unitCode)
        throw new ForbiddenException('无权限：只有线索所在检察院可以移送线索');
      const handling = (await this.repo.handling(m, id))!;
      const mine = await this.repo.departmentOf(m, p.id);
      if (mine !== null && mine !== handling.department)
        throw new ForbiddenException(
          `无权限：线索现由${DEPARTMENT_NAMES[handling.department]}办理，只能由该部门移送`,
        );
      const pending = (await this.repo.transfers(m, id)).some((t) => t.status === 'pending');
      const check = checkTransfer(req, handling.department, lead.status, pending);
      if (!check.ok)
        throw new (check.field === 'kind' ? ConflictException : BadRequestException)({
          message: check.message,
          fields: { [check.field]: check.message },
        });
      const at = new Date();
      const evidence =
        req.kind === 'discipline' || req.kind === 'criminal'
          ? {
              items: lead.evidence.items.length,
              attachments: (await this.repo.attachments(m, id)).map((a) => a.fileName),
            }
          : null;
      const t = await this.repo.addTransfer(m, {
        leadId: id,
        kind: req.kind,
        fromUnit: lead.unitCode,
        fromDepartment: handling.department,
        toDepartment: check.toDepartment,
        toName: check.toName,
        reason: req.reason,
        documentNo: check.documentNo,
        evidence,
        byId: p.id,
        byName: p.name,
        at,
      });
      // The version moves: a transfer is a step of the lead's life.
      if (!(await this.repo.patch(m, id, lead.version, {}))) throw stale();
      await this.recordTransferStep(m, p, lead, 'transfer', t, at, req.reason, {
        documentNo: t.documentNo,
        evidence,
      });
      await this.repo.notify(m, {
        unitCode: lead.unitCode,
        department: check.toDepartment,
        kind: 'transfer',
        leadId: id,
        text: `${p.name}${TRANSFER_KIND_NAMES[t.kind]}：线索${lead.caseNo ? `（${lead.caseNo}）` : ''}移送${t.toName}，待接收`,
      });
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.transfer,
          subject: `${id} transfer ${t.id} ${t.kind} → ${t.toName}`,
          reason: req.reason,
        },
      ]);
      return transferView(t, await this.maskerOf(m, p, id));
    });
  }

  /**
   * The receiving side's acceptance (a department of the office), or the receipt of an outside
   * body recorded by the sending office (a court's receipt number is required). A department
   * transfer moves the lead to the receiving department.
   */
  async acceptTransfer(
    p: Principal,
    id: string,
    transferId: string,
    req: { receiptNo: string | null; reason: string | null },
  ): Promise<TransferView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.lead(m, p, id);
      const t = await this.repo.transfer(m, id, transferId);
      if (!t) throw new NotFoundException(`移送记录 ${transferId} 不存在`);
      if (t.status !== 'pending') throw new ConflictException('该移送已接收');
      const department = await this.repo.departmentOf(m, p.id);
      const allowed = canAccept(t, { unitCode: p.unitCode, department, triage: can(p.role, 'leads.triage') });
      if (!allowed.ok) throw new ForbiddenException(`无权限：${allowed.message}`);
      if (t.kind === 'court' && !req.receiptNo)
        throw new BadRequestException({
          message: '请填写法院回执编号',
          fields: { receiptNo: '请填写法院回执编号' },
        });
      const at = new Date();
      const accepted = await this.repo.acceptTransfer(m, t.id, p.name, at, req.receiptNo);
      const set = t.kind === 'department' && t.toDepartment ? { department: t.toDepartment } : {};
      if (!(await this.repo.patch(m, id, lead.version, set))) throw stale();
      await this.recordTransferStep(m, p, lead, 'transfer_accept', t, at, req.reason, {
        receiptNo: req.receiptNo,
      });
      await this.repo.notify(m, {
        principalId: t.byId,
        kind: 'transfer_accepted',
        leadId: id,
        text: `${t.toName}已接收线索${lead.caseNo ? `（${lead.caseNo}）` : ''}（${TRANSFER_KIND_NAMES[t.kind]}）`,
      });
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.transferAccept,
          subject: `${id} transfer ${t.id}`,
          reason: req.reason,
        },
      ]);
      return transferView(accepted, await this.maskerOf(m, p, id));
    });
  }

  async transferRates(p: Principal): Promise<{ scopePrefix: string; groups: TransferRatesRow[] }> {
    const scopePrefix = visibleUnitPrefix(p.unitCode);
    const m = this.dataSource.manager;
    const rows = await this.repo.transferCounts(m, scopePrefix, await readerDepartment(m, p));
    return {
      scopePrefix,
      groups: rows.map((r) => ({
        kind: r.kind,
        kindName: TRANSFER_KIND_NAMES[r.kind],
        total: r.total,
        accepted: r.accepted,
        pending: r.total - r.accepted,
        acceptedRate: rateOf(r.accepted, r.total),
      })),
    };
  }

  // ---- registration of applications and reports ---------------------------------------

  /**
   * A walk-in application or report registered by 控申 staff: written as the envelope the
   * petitions feed carries (`procuratorate.petition/1`, source `procuratorate:<the office>`) and
   * run through the same decoder and ingest path as a Kafka message, so it becomes the same
   * petition record, and then the same lead (joined to a model lead on the same case), as the feed's.
   */
  async register(p: Principal, req: RegistrationRequest): Promise<RegistrationAnswer> {
    const eventId = `walkin-${randomUUID()}`;
    const source = `procuratorate:${p.unitCode}`;
    const nineAm = new Date(`${req.receivedOn}T09:00:00+08:00`);
    const occurredAt = (nineAm.getTime() > Date.now() ? new Date() : nineAm).toISOString();
    const envelope = {
      schema: 'procuratorate.petition/1',
      eventId,
      source,
      occurredAt,
      payload: {
        kind: req.kind,
        ...(req.caseNo ? { caseNo: req.caseNo } : {}),
        ...(req.applicant ? { subject: req.applicant } : {}),
        receivedOn: req.receivedOn,
        channel: req.channel,
        summary: req.summary,
      },
    };
    const topic: FeedTopic = 'procuratorate.petitions';
    const bytes = Buffer.from(JSON.stringify(envelope));
    const decoded = this.decoder.decode(bytes, topic);
    if (!decoded.ok) {
      const fields: Record<string, string> = {};
      for (const v of decoded.rejection.violations)
        fields[fieldOfPointer(v.pointer)] ??= maskIdentifiersInText(v.message);
      throw new BadRequestException({
        message: `登记失败：${reasonMessageZh(decoded.rejection.reason)}`,
        fields,
      });
    }
    const physical = physicalTopic(this.config.topicPrefix, topic);
    const result = await this.ingest.ingestBatch(
      [
        {
          topic,
          physicalTopic: physical,
          partition: -1,
          offset: '-1',
          key: eventId,
          value: bytes,
          headers: { 'x-registered-by': p.id },
        },
      ],
      { physicalTopic: physical, partition: -1, caughtUp: true },
    );
    const outcome = result.accepted > 0 ? 'accepted' : result.duplicates > 0 ? 'duplicate' : 'rejected';
    if (outcome === 'rejected')
      throw new BadRequestException({ message: '登记失败：无法入库，请稍后重试', fields: {} });
    await this.dataSource.transaction((m) =>
      this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.register,
          subject: `${source} ${eventId}${req.caseNo ? ` ${req.caseNo}` : ''}`,
          reason: null,
        },
      ]),
    );
    return {
      eventId,
      source,
      outcome,
      leadId: null,
      message: '已登记，正在生成线索（与同一案件的模型线索合并）',
    };
  }

  /** The lead a registered petition made or joined, once screened; in the caller's scope. */
  async registration(p: Principal, eventId: string): Promise<RegistrationAnswer> {
    const source = `procuratorate:${p.unitCode}`;
    const rows = await this.repo.registrationLead(this.dataSource.manager, source, eventId);
    if (!rows[0]) throw new NotFoundException(`登记 ${eventId} 不存在`);
    const { leadId, unitCode } = rows[0];
    const visible =
      leadId !== null && unitCode !== null && unitCode.startsWith(visibleUnitPrefix(p.unitCode));
    return {
      eventId,
      source,
      outcome: 'accepted',
      leadId: visible ? leadId : null,
      message:
        leadId === null
          ? '正在生成线索'
          : visible
            ? '已生成线索'
            : `已移交${this.jurisdiction.office(unitCode!)?.name ?? unitCode}办理`,
    };
  }

  // ---- 结果告知书 -------------------------------------------------------------------------

  /** The 结果告知书 of a closed (or not accepted) lead that came from an application or report. */
  async makeNotice(p: Principal, id: string, req: NoticeRequest): Promise<NoticeView> {
    const prepared = await this.dataSource.transaction(async (m) => {
      const lead = await this.lead(m, p, id);
      if (!['closed', 'rejected'].includes(lead.status))
        throw new ConflictException('线索办结（或不予受理）后才能制作结果告知书');
      const petitions = await this.repo.petitionsOf(m, id);
      if (!petitions.length) throw new ConflictException('该线索不是来自当事人申请或举报，无需告知');
      if (await this.repo.notice(m, id)) throw new ConflictException('该线索已制作结果告知书');
      const first = petitions[0]!;
      return { lead, first };
    });
    const { lead, first } = prepared;
    const officeName = this.jurisdiction.office(lead.unitCode)?.name ?? lead.unitCode;
    const recipient = first.subjectName ?? '申请人';
    const html = noticeHtml({
      officeName,
      documentNo: req.documentNo,
      recipient,
      kind: first.kind,
      caseNo: lead.caseNo,
      receivedOn: first.receivedOn,
      outcome: outcomeText(lead),
      servedOn: req.servedOn,
    });
    const pdf = await htmlToPdf(html);
    return this.dataSource.transaction(async (m) => {
      const current = await this.lead(m, p, id);
      if (
        !(await this.repo.addNotice(m, {
          leadId: id,
          documentNo: req.documentNo,
          servedOn: req.servedOn,
          recipient,
          pdf,
          by: p.name,
        }))
      )
        throw new ConflictException('该线索已制作结果告知书');
      if (!(await this.repo.patch(m, id, current.version, {}))) throw stale();
      const at = new Date();
      await this.intake.recordTransition(m, {
        leadId: id,
        action: 'notice',
        fromStatus: current.status,
        toStatus: current.status,
        actorId: p.id,
        actorName: p.name,
        at,
        reason: null,
        data: { documentNo: req.documentNo, servedOn: req.servedOn },
      });
      await this.audit.append(m, [
        {
          actor: auditActor(p),
          action: CASEWORK_ACTIONS.notice,
          subject: `${id} ${req.documentNo}`,
          reason: null,
        },
      ]);
      const n = (await this.repo.notice(m, id))!;
      return noticeView(id, n, await this.maskerOf(m, p, id));
    });
  }

  async notice(p: Principal, id: string): Promise<NoticeView | null> {
    const m = this.dataSource.manager;
    await this.lead(m, p, id);
    const n = await this.repo.notice(m, id);
    return n ? noticeView(id, n, await this.maskerOf(m, p, id)) : null;
  }

  /** The notice's PDF: as served on the party, so only a role reading unmasked gets it; audited. */
  async noticePdf(
    p: Principal,
    id: string,
    reason: string | null,
  ): Promise<{ documentNo: string; pdf: Buffer }> {
    return this.dataSource.transaction(async (m) => {
      await this.lead(m, p, id);
      if (readsMasked(p))
        throw new ForbiddenException('无权限：结果告知书载有当事人姓名，仅限可查看未脱敏信息的人员下载');
      const n = await this.repo.noticePdf(m, id);
      if (!n) throw new NotFoundException('该线索尚未制作结果告知书');
      await recordRead(m, auditActor(p), CASEWORK_ACTIONS.noticeRead, id, reason);
      return n;
    });
  }

  async noticesDue(p: Principal, reason: string | null) {
    const scope = visibleUnitPrefix(p.unitCode);
    const m = this.dataSource.manager;
    const rows = await this.repo.noticesDue(
      m,
      scope,
      this.config.noticeDueDays,
      await readerDepartment(m, p),
    );
    await this.audited(
      p,
      CASEWORK_ACTIONS.noticesDue,
      listSubject('notices/due', {}, rows.length, scope),
      reason,
    );
    return {
      days: this.config.noticeDueDays,
      items: rows.map((r) => ({
        leadId: r.id,
        caseNo: r.caseNo,
        unitCode: r.unitCode,
        handledAt: r.handledAt.toISOString(),
      })),
    };
  }

  // ---- 专题分析报告 -------------------------------------------------------------------------

  /** The thematic report of an office within the caller's scope; audited (its typical cases are masked). */
  async report(
    p: Principal,
    q: { unit: string; from: string; to: string },
    reason: string | null,
  ): Promise<{ report: ThematicReport; html: () => string; pdf: () => Promise<Buffer> }> {
    if (!this.jurisdiction.office(q.unit))
      throw new BadRequestException({
        message: `未知的检察院代码 ${q.unit}`,
        fields: { unit: `未知的检察院代码 ${q.unit}` },
      });
    if (!canSeeUnit(p.unitCode, q.unit))
      throw new ForbiddenException(`无权限：只能生成本院及所辖检察院的报告`);
    const report = await buildThematicReport(this.dataSource.manager, this.jurisdiction, this.policy, {
      unitCode: q.unit,
      from: q.from,
      to: q.to,
    });
    await this.audited(p, 'report.thematic', `${q.unit} ${q.from}..${q.to}`, reason);
    return {
      report,
      html: () => thematicReportHtml(report),
      pdf: () => htmlToPdf(thematicReportHtml(report)),
    };
  }

  async keptReports(p: Principal): Promise<{ items: KeptReport[] }> {
    return { items: await keptReports(this.dataSource.manager, visibleUnitPrefix(p.unitCode)) };
  }

  async keptReportPdf(p: Principal, id: string, reason: string | null) {
    const r = await keptReportPdf(this.dataSource.manager, visibleUnitPrefix(p.unitCode), id);
    if (!r) throw new NotFoundException('报告不存在或不在本院范围内');
    await this.audited(p, 'report.monthly_read', `${r.unitCode} ${r.period}`, reason);
    return r;
  }

  private get policy() {
    return {
      escalateAfterDays: this.config.referral.escalateAfterDays,
      followupActWithinDays: this.config.referral.followupActWithinDays,
    };
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** A transfer or its acceptance as a step of the lead's history (the status stays). */
  private recordTransferStep(
    m: EntityManager,
    p: Principal,
    lead: IntakeLead,
    action: 'transfer' | 'transfer_accept',
    t: Pick<TransferView, 'id' | 'kind' | 'toName'>,
    at: Date,
    reason: string | null,
    data: Record<string, unknown>,
  ): Promise<void> {
    return this.intake.recordTransition(m, {
      leadId: lead.id,
      action,
      fromStatus: lead.status,
      toStatus: lead.status,
      actorId: p.id,
      actorName: p.name,
      at,
      reason,
      data: {
        transferId: t.id,
        kind: t.kind,
        kindName: TRANSFER_KIND_NAMES[t.kind],
        toName: t.toName,
        ...data,
      },
    });
  }

  private async lead(m: EntityManager, p: Principal, id: string, version?: number): Promise<IntakeLead> {
    const lead = await this.intake.getInScope(m, id, visibleUnitPrefix(p.unitCode));
    if (!lead) throw leadNotFound(id);
    await assertDepartmentSees(m, p, id);
    if (version !== undefined && version !== lead.version) throw stale();
    return lead;
  }

  private async maskerOf(m: EntityManager, p: Principal, id: string): Promise<Masker> {
    return maskerFor(p, readsMasked(p) ? (await this.people.ofLeads(m, [id])).get(id) : undefined);
  }

  private audited(p: Principal, action: string, subject: string, reason: string | null): Promise<void> {
    return this.dataSource.transaction((m) => recordRead(m, auditActor(p), action, subject, reason));
  }
}

export const OPEN = OPEN_STATUSES;

function noteView(n: NoteRow, p: Principal, mask: Masker): NoteView {
  return {
    id: n.id,
    leadId: n.leadId,
    author: { id: n.authorId, name: n.authorName },
    body: mask.text(n.body),
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt?.toISOString() ?? null,
    mine: n.authorId === p.id,
  };
}

function attachmentView(a: AttachmentRow, mask: Masker): AttachmentView {
  return {
    id: a.id,
    leadId: a.leadId,
    fileName: mask.text(a.fileName),
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256,
    uploadedBy: a.uploadedByName,
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

function transferView(t: TransferRow, mask: Masker): TransferView {
  return {
    id: t.id,
    leadId: t.leadId,
    kind: t.kind,
    kindName: TRANSFER_KIND_NAMES[t.kind],
    fromUnit: t.fromUnit,
    fromDepartment: t.fromDepartment,
    toDepartment: t.toDepartment,
    toName: t.toName,
    reason: mask.text(t.reason),
    documentNo: t.documentNo,
    evidence: t.evidence
      ? { items: t.evidence.items, attachments: t.evidence.attachments.map((x) => mask.text(x)) }
      : null,
    status: t.status,
    receiptNo: t.receiptNo,
    by: t.byName,
    at: t.at.toISOString(),
    acceptedBy: t.acceptedByName,
    acceptedAt: t.acceptedAt?.toISOString() ?? null,
  };
}

function noticeView(
  leadId: string,
  n: {
    documentNo: string;
    servedOn: string;
    recipient: string;
    madeByName: string;
    madeAt: Date;
    sizeBytes: number;
  },
  mask: Masker,
): NoticeView {
  return {
    leadId,
    documentNo: n.documentNo,
    servedOn: n.servedOn,
    recipient: mask.masks ? maskPersonName(n.recipient) : n.recipient,
    madeBy: n.madeByName,
    madeAt: n.madeAt.toISOString(),
    sizeBytes: n.sizeBytes,
  };
}

/** `/payload/subject/idNo` → the form's field name. */
function fieldOfPointer(pointer: string): string {
  if (pointer.startsWith('/payload/subject/idNo')) return 'applicantIdNo';
  if (pointer.startsWith('/payload/subject/uscc')) return 'applicantUscc';
  if (pointer.startsWith('/payload/subject')) return 'applicantName';
  const m = /^\/payload\/([A-Za-z]+)/.exec(pointer);
  return m ? m[1]! : 'form';
}

/**
 * One CSV cell (RFC 4180). A text a spreadsheet would run as a formula (=, +, -, @ first) is
 * prefixed with an apostrophe.
 */
export function csvCell(v: string): string {
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function addDaysIso(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
