import { Controller, Get, Param, Query, UseGuards, UseFilters } from '@nestjs/common';
import { AccessAuditFilter } from './access-audit.filter';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import { LEAD_STATUSES } from '@zhijian/domain';
import { LEAD_ID, valid } from './http-params';
import { parseLeadQuery, parsePage } from './intake-requests';
import type { LeadHistoryView, LeadListPage, LeadView } from '@zhijian/contracts';
import { LeadReadService } from './lead-read.service';
import { ReadReason } from './read-audit';

const SCOPE =
  'Only leads of the caller’s scope: a county office its own, a city office its own and its counties’, the province all of it.';

@ApiTags('leads')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证：missing, unknown or disabled token' })
@ApiForbiddenResponse({ description: 'the role lacks leads.read' })
@UseGuards(AuthGuard)
@RequirePermissions('leads.read')
@UseFilters(AccessAuditFilter)
@Controller('v1')
export class LeadsController {
  constructor(private readonly leads: LeadReadService) {}

  @Get('leads')
  @ApiQuery({ name: 'caseNo', required: false })
  @ApiQuery({ name: 'unitCode', required: false, description: 'office code, e.g. 330803' })
  @ApiQuery({ name: 'modelId', required: false })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${LEAD_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'severity', required: false, description: 'comma-separated: high, medium, low' })
  @ApiQuery({ name: 'court', required: false, description: 'court code of the case, e.g. 浙0803' })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'raised (business time) on or after: YYYY-MM-DD or RFC 3339',
  })
  @ApiQuery({ name: 'to', required: false, description: 'raised on or before (a day: inclusive)' })
  @ApiQuery({ name: 'sort', required: false, enum: ['newest', 'oldest', 'priority'] })
  @ApiQuery({ name: 'limit', required: false, description: '1–1000, default 100' })
  @ApiQuery({ name: 'offset', required: false })
  @ApiQuery({ name: 'reason', required: false, description: 'why (audited); or header X-Read-Reason' })
  @ApiOkResponse({
    description: `{ items: Lead[] without evidence, limit, offset }. ${SCOPE} Personal data masked unless the role has leads.read_unmasked. Audited: one row per call with its filters and count.`,
  })
  async list(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
  ): Promise<LeadListPage> {
    const q = valid(parseLeadQuery(query));
    return { items: await this.leads.list(p, q, reason), limit: q.limit, offset: q.offset };
  }

  @Get('inbox')
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({
    description:
      '{ items: Lead[] without evidence }: the caller’s own office’s new and claimed leads, most urgent first (audited)',
  })
  async inbox(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
  ): Promise<LeadListPage> {
    const page = valid(parsePage(query));
    return { items: await this.leads.inbox(p, page.limit, page.offset, reason), ...page };
  }

  /** Every read of a lead's detail is recorded in the audit log (who, which lead, when, why). */
  @Get('leads/:id')
  @ApiHeader({
    name: 'X-Read-Reason',
    required: false,
    description: 'why the lead is read (recorded in the audit log); percent-encode non-ASCII text',
  })
  @ApiQuery({ name: 'reason', required: false, description: 'as X-Read-Reason' })
  @ApiOkResponse({ description: 'the lead; masked as in the list' })
  @ApiNotFoundResponse({ description: 'no such lead, or not in the caller’s scope' })
  async get(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ): Promise<LeadView> {
    return this.leads.get(p, id, reason);
  }

  @Get('leads/:id/history')
  @ApiOkResponse({
    description: '{ leadId, transitions: [...], assignments: [...] }, oldest first (audited)',
  })
  @ApiNotFoundResponse({ description: 'no such lead, or not in the caller’s scope' })
  async history(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ): Promise<LeadHistoryView> {
    return this.leads.history(p, id, reason);
  }
}
