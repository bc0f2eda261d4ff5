import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  PayloadTooLargeException,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import { AccessAuditFilter } from '../access-audit.filter';
import { LEAD_ID, valid } from '../http-params';
import { parseWorklistQuery } from '../intake-requests';
import { ReadReason } from '../read-audit';
import { contentDisposition, MAX_ATTACHMENT_BYTES } from './attachment-types';
import { CaseworkService } from './casework.service';
import {
  parseAcceptTransfer,
  parseAssign,
  parseBulk,
  parseDepartment,
  parseNote,
  parseNotice,
  parseRegistration,
  parseReportQuery,
  parseSavedFilter,
  parseSearch,
  parseTransfer,
} from './casework-requests';

const NOTIFICATION_ID = {
  transform(value: unknown): string {
    if (typeof value !== 'string' || !/^[a-z0-9-]{1,120}$/.test(value))
      throw new BadRequestException('提醒编号无效');
    return value;
  },
};

const UUID_PARAM = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('编号须为 UUID') });

/** Reads the request body (an attachment) up to the size limit; over it, 413. */
async function bodyOf(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new PayloadTooLargeException(`附件不能超过 ${limit / 1024 / 1024} MB`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new PayloadTooLargeException(`附件不能超过 ${limit / 1024 / 1024} MB`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function decodedHeader(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  if (!s) return '';
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Case work over HTTP (issue 17): search, handlers, notes, attachments, bulk actions, export,
 * saved filters, notifications, transfers, registration of applications and reports, and the
 * 结果告知书. Reads need leads.read, changes leads.act; everything within the caller's scope, audited.
 */
@ApiTags('case work')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks the permission' })
@ApiNotFoundResponse({ description: 'no such lead, or not in the caller’s scope' })
@UseGuards(AuthGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1')
export class CaseworkController {
  constructor(private readonly casework: CaseworkService) {}

  @Get('casework/search')
  @RequirePermissions('leads.read')
  @ApiQuery({
    name: 'q',
    description: '案号、当事人姓名（或其开头）、身份证号码或统一社会信用代码（精确匹配）',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({
    description:
      '{ matchedAs, items }: leads in scope, masked as the role requires; audited with the term masked',
  })
  search(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
  ) {
    const q = valid(parseSearch(query));
    return this.casework.search(p, q.q, q.limit, reason);
  }

  @Get('casework/mine')
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description: '{ items }: open leads assigned to the caller, or claimed by it and assigned to nobody',
  })
  mine(@CurrentPrincipal() p: Principal, @ReadReason() reason: string | null) {
    return this.casework.mine(p, reason);
  }

  @Get('casework/handlers')
  @RequirePermissions('leads.read')
  @ApiQuery({ name: 'leadId', required: false, description: 'the handlers of this lead’s office' })
  handlers(@CurrentPrincipal() p: Principal, @Query('leadId') leadId?: string) {
    if (leadId !== undefined && !/^[0-9a-f-]{36}$/i.test(leadId))
      throw new BadRequestException('线索编号须为 UUID');
    return this.casework.handlers(p, leadId ?? null);
  }

  @Put('casework/departments/:principalId')
  @RequirePermissions('leads.triage')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['department'],
      properties: { department: { enum: ['complaint', 'civil'] } },
    },
  })
  @ApiOkResponse({
    description:
      'a person of the caller’s office placed in 控告申诉 or 民事检察 (who may accept department transfers)',
  })
  setDepartment(
    @CurrentPrincipal() p: Principal,
    @Param('principalId', UUID_PARAM) id: string,
    @Body() body: unknown,
  ) {
    return this.casework.setDepartment(p, id, valid(parseDepartment(body)).department);
  }

  @Post('leads/:id/assign')
  @HttpCode(200)
  @RequirePermissions('leads.read')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['handlerId'],
      properties: { handlerId: { type: 'string' }, reason: { type: 'string' }, version: { type: 'integer' } },
    },
  })
  @ApiOkResponse({
    description: 'the lead’s new handler: oneself with leads.act, anyone of the office with leads.triage',
  })
  assign(@CurrentPrincipal() p: Principal, @Param('id', LEAD_ID) id: string, @Body() body: unknown) {
    return this.casework.assign(p, id, valid(parseAssign(body)));
  }

  @Post('casework/bulk')
  @HttpCode(200)
  @RequirePermissions('leads.read')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['action', 'ids'],
      properties: {
        action: { enum: ['claim', 'assign', 'close'] },
        ids: { type: 'array', items: { type: 'string' } },
        handlerId: { type: 'string' },
        reason: { type: 'string' },
      },
    },
  })
  @ApiOkResponse({
    description:
      '{ results: [{ id, ok, message? }], succeeded, failed }: each lead on its own, as the single action would',
  })
  bulk(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.casework.bulk(p, valid(parseBulk(body)));
  }

  @Get('leads/:id/notes')
  @RequirePermissions('leads.read')
  notes(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ) {
    return this.casework.notes(p, id, reason);
  }

  @Post('leads/:id/notes')
  @RequirePermissions('leads.act')
  @ApiBody({ schema: { type: 'object', required: ['body'], properties: { body: { type: 'string' } } } })
  addNote(@CurrentPrincipal() p: Principal, @Param('id', LEAD_ID) id: string, @Body() body: unknown) {
    return this.casework.addNote(p, id, valid(parseNote(body)).body);
  }

  @Put('leads/:id/notes/:noteId')
  @RequirePermissions('leads.act')
  @ApiOkResponse({ description: 'the edited note; only its author may edit it (else 403)' })
  editNote(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Param('noteId', UUID_PARAM) noteId: string,
    @Body() body: unknown,
  ) {
    return this.casework.editNote(p, id, noteId, valid(parseNote(body)).body);
  }

  @Get('leads/:id/attachments')
  @RequirePermissions('leads.read')
  attachments(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ) {
    return this.casework.attachments(p, id, reason);
  }

  @Post('leads/:id/attachments')
  @RequirePermissions('leads.act')
  @ApiConsumes('application/octet-stream')
  @ApiHeader({
    name: 'X-File-Name',
    description: 'the file’s name, percent-encoded UTF-8 (its extension must agree with its content)',
  })
  @ApiOkResponse({
    description: `the attachment: PDF, images, Office documents, text; at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; stored in PostgreSQL`,
  })
  async addAttachment(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Req() req: IncomingMessage,
  ) {
    const content = await bodyOf(req, MAX_ATTACHMENT_BYTES);
    return this.casework.addAttachment(p, id, decodedHeader(req, 'x-file-name'), content);
  }

  @Get('leads/:id/attachments/:attachmentId')
  @RequirePermissions('leads.read')
  @ApiOkResponse({ description: 'the file as uploaded; every download audited' })
  async attachment(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Param('attachmentId', UUID_PARAM) attachmentId: string,
    @ReadReason() reason: string | null,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const a = await this.casework.attachment(p, id, attachmentId, reason);
    res.writeHead(200, {
      'content-type': a.contentType,
      'content-length': a.content.length,
      'content-disposition': contentDisposition(a.fileName),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(a.content);
  }

  @Get('casework/export.csv')
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description:
      'what the inbox shows for the same query (every page, at most 5,000), CSV UTF-8 with BOM, masked; audited',
  })
  async exportCsv(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const csv = await this.casework.exportCsv(p, valid(parseWorklistQuery(query)), reason);
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': contentDisposition(`线索导出-${new Date().toISOString().slice(0, 10)}.csv`),
      'cache-control': 'no-store',
    });
    res.end(csv);
  }

  @Get('casework/filters')
  @RequirePermissions('leads.read')
  filters(@CurrentPrincipal() p: Principal) {
    return this.casework.savedFilters(p);
  }

  @Post('casework/filters')
  @RequirePermissions('leads.read')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'query'],
      properties: { name: { type: 'string' }, query: { type: 'object' } },
    },
  })
  saveFilter(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    const f = valid(parseSavedFilter(body));
    return this.casework.saveFilter(p, f.name, f.query);
  }

  @Delete('casework/filters/:filterId')
  @HttpCode(204)
  @RequirePermissions('leads.read')
  async deleteFilter(
    @CurrentPrincipal() p: Principal,
    @Param('filterId', UUID_PARAM) id: string,
  ): Promise<void> {
    await this.casework.deleteFilter(p, id);
  }

  @Get('casework/notifications')
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description:
      '{ items, unread }: assignments, transfers, 事实已变更, deadlines within three days, overdue notices; each with the caller’s read state',
  })
  notifications(@CurrentPrincipal() p: Principal) {
    return this.casework.notifications(p);
  }

  @Post('casework/notifications/read-all')
  @HttpCode(200)
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description: '{ unread: 0 }: every notification the caller has now marked read (全部标为已读)',
  })
  readAllNotifications(@CurrentPrincipal() p: Principal) {
    return this.casework.readAllNotifications(p);
  }

  @Post('casework/notifications/:notificationId/read')
  @HttpCode(200)
  @RequirePermissions('leads.read')
  @ApiOkResponse({ description: '{ unread }: the notification marked read by the caller (per recipient)' })
  @ApiNotFoundResponse({ description: 'not one of the caller’s notifications now' })
  readNotification(@CurrentPrincipal() p: Principal, @Param('notificationId', NOTIFICATION_ID) id: string) {
    return this.casework.readNotification(p, id);
  }

  @Get('leads/:id/transfers')
  @RequirePermissions('leads.read')
  transfers(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ) {
    return this.casework.transfers(p, id, reason);
  }

  @Post('leads/:id/transfers')
  @RequirePermissions('leads.act')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['kind', 'reason'],
      properties: {
        kind: { enum: ['department', 'discipline', 'criminal', 'court'] },
        toDepartment: { enum: ['complaint', 'civil'] },
        toName: { type: 'string' },
        documentNo: { type: 'string', description: '移送函文号 (required for discipline, criminal)' },
        reason: { type: 'string' },
      },
    },
  })
  transfer(@CurrentPrincipal() p: Principal, @Param('id', LEAD_ID) id: string, @Body() body: unknown) {
    return this.casework.transfer(p, id, valid(parseTransfer(body)));
  }

  @Post('leads/:id/transfers/:transferId/accept')
  @HttpCode(200)
  @RequirePermissions('leads.act')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        receiptNo: { type: 'string', description: '回执编号 (required for court)' },
        reason: { type: 'string' },
      },
    },
  })
  acceptTransfer(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Param('transferId', UUID_PARAM) transferId: string,
    @Body() body: unknown,
  ) {
    return this.casework.acceptTransfer(p, id, transferId, valid(parseAcceptTransfer(body)));
  }

  @Get('casework/transfer-rates')
  @RequirePermissions('rates.read')
  @ApiOkResponse({
    description: 'per transfer kind: total, accepted, pending, acceptedRate (null under five)',
  })
  transferRates(@CurrentPrincipal() p: Principal) {
    return this.casework.transferRates(p);
  }

  @Post('casework/registrations')
  @RequirePermissions('leads.act')
  @ApiOkResponse({
    description:
      'the petition envelope written and ingested; the lead follows from screening (poll GET casework/registrations/:eventId)',
  })
  register(@CurrentPrincipal() p: Principal, @Body() body: unknown) {
    return this.casework.register(p, valid(parseRegistration(body)));
  }

  @Get('casework/registrations/:eventId')
  @RequirePermissions('leads.read')
  registration(@CurrentPrincipal() p: Principal, @Param('eventId') eventId: string) {
    if (!/^walkin-[0-9a-f-]{36}$/.test(eventId)) throw new BadRequestException('登记编号无效');
    return this.casework.registration(p, eventId);
  }

  @Post('leads/:id/notice')
  @RequirePermissions('leads.act')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['documentNo', 'servedOn'],
      properties: { documentNo: { type: 'string' }, servedOn: { type: 'string', format: 'date' } },
    },
  })
  @ApiOkResponse({
    description: 'the 结果告知书 made (PDF by headless Chromium) and recorded with its service date',
  })
  makeNotice(@CurrentPrincipal() p: Principal, @Param('id', LEAD_ID) id: string, @Body() body: unknown) {
    return this.casework.makeNotice(p, id, valid(parseNotice(body)));
  }

  @Get('leads/:id/notice')
  @RequirePermissions('leads.read')
  async notice(@CurrentPrincipal() p: Principal, @Param('id', LEAD_ID) id: string) {
    return { notice: await this.casework.notice(p, id) };
  }

  @Get('leads/:id/notice.pdf')
  @RequirePermissions('leads.read_unmasked')
  @ApiOkResponse({
    description: 'the 结果告知书 as served (names in full): roles reading unmasked only; audited',
  })
  async noticePdf(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const n = await this.casework.noticePdf(p, id, reason);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': n.pdf.length,
      'content-disposition': contentDisposition(`结果告知书-${n.documentNo}.pdf`),
      'cache-control': 'no-store',
    });
    res.end(n.pdf);
  }

  @Get('reports/thematic')
  @RequirePermissions('rates.read')
  @ApiQuery({ name: 'unit', description: 'an office within the caller’s scope, e.g. 330800' })
  @ApiQuery({ name: 'from', description: 'YYYY-MM-DD (leads raised on or after)' })
  @ApiQuery({ name: 'to', description: 'YYYY-MM-DD (inclusive)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'html', 'pdf'] })
  @ApiOkResponse({
    description:
      '专题分析报告: figures (json), the report (html), or printed by headless Chromium (pdf); audited',
  })
  async report(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const q = valid(parseReportQuery(query));
    const r = await this.casework.report(p, q, reason);
    const name = `专题分析报告-${q.unit}-${q.from}-${q.to}`;
    if (q.format === 'json') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(r.report));
    } else if (q.format === 'html') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-disposition': contentDisposition(`${name}.html`),
        'cache-control': 'no-store',
      });
      res.end(r.html());
    } else {
      const pdf = await r.pdf();
      res.writeHead(200, {
        'content-type': 'application/pdf',
        'content-length': pdf.length,
        'content-disposition': contentDisposition(`${name}.pdf`),
        'cache-control': 'no-store',
      });
      res.end(pdf);
    }
  }

  @Get('reports/monthly')
  @RequirePermissions('rates.read')
  @ApiOkResponse({ description: '{ items }: the kept monthly 专题分析报告 of the offices in scope' })
  monthly(@CurrentPrincipal() p: Principal) {
    return this.casework.keptReports(p);
  }

  @Get('reports/monthly/:reportId')
  @RequirePermissions('rates.read')
  @ApiOkResponse({ description: 'a kept monthly report as PDF; audited' })
  async monthlyPdf(
    @CurrentPrincipal() p: Principal,
    @Param('reportId', UUID_PARAM) id: string,
    @ReadReason() reason: string | null,
    @Res() res: ServerResponse,
  ): Promise<void> {
    const r = await this.casework.keptReportPdf(p, id, reason);
    res.writeHead(200, {
      'content-type': 'application/pdf',
      'content-length': r.pdf.length,
      'content-disposition': contentDisposition(`专题分析报告-${r.unitCode}-${r.period}.pdf`),
      'cache-control': 'no-store',
    });
    res.end(r.pdf);
  }

  @Get('casework/notices/due')
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description: '{ days, items }: closed petition leads without a 结果告知书 after NOTICE_DUE_DAYS days',
  })
  noticesDue(@CurrentPrincipal() p: Principal, @ReadReason() reason: string | null) {
    return this.casework.noticesDue(p, reason);
  }
}
