import { Controller, Get, Param, Query, UseGuards, UseFilters } from '@nestjs/common';
import { AccessAuditFilter } from './access-audit.filter';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import { LEAD_STATUSES } from '@zhijian/domain';
import { LEAD_ID, valid } from './http-params';
import { parseWorklistQuery } from './intake-requests';
import { ReadReason } from './read-audit';
import type { LeadContextView, MeView, OverdueView, WorklistPage } from '@zhijian/contracts';
import { WorkbenchService } from './workbench.service';

/** The reads the staff console (/console/) is built on; any client may use them. */
@ApiTags('console')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks the permission' })
@UseGuards(AuthGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1')
export class WorkbenchController {
  constructor(private readonly workbench: WorkbenchService) {}

  @Get('me')
  @ApiOkResponse({
    description:
      'the caller: name, role, office, permissions, the offices (with their courts) whose leads it sees, model and status names',
  })
  me(@CurrentPrincipal() p: Principal): MeView {
    return this.workbench.me(p);
  }

  @Get('worklist')
  @RequirePermissions('leads.read')
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${LEAD_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'severity', required: false, description: 'comma-separated: high, medium, low' })
  @ApiQuery({ name: 'modelId', required: false })
  @ApiQuery({ name: 'court', required: false, description: 'court code of the case, e.g. 浙0803' })
  @ApiQuery({ name: 'unitCode', required: false })
  @ApiQuery({ name: 'caseNo', required: false })
  @ApiQuery({ name: 'kind', required: false, description: 'comma-separated: individual, class, followup' })
  @ApiQuery({ name: 'classLeadId', required: false, description: 'the individual leads of a class lead' })
  @ApiQuery({ name: 'livelihood', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'from', required: false, description: 'raised (business time) on or after' })
  @ApiQuery({ name: 'to', required: false, description: 'raised on or before (a day: inclusive)' })
  @ApiQuery({ name: 'sort', required: false, enum: ['priority', 'newest', 'oldest', 'claim'] })
  @ApiQuery({ name: 'limit', required: false, description: '1–200, default 20' })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({
    description:
      '{ items, total, limit, offset }: a page of the leads in the caller’s scope, without evidence, each with its deadline',
  })
  worklist(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
    @ReadReason() reason: string | null,
  ): Promise<WorklistPage> {
    return this.workbench.worklist(p, valid(parseWorklistQuery(query)), reason);
  }

  @Get('leads/:id/context')
  @RequirePermissions('leads.read')
  @ApiOkResponse({
    description:
      '{ lead, classLead, members, sourceLead, followups }: the lead’s summary and its linked leads in the caller’s scope',
  })
  @ApiNotFoundResponse({ description: 'no such lead, or not in the caller’s scope' })
  context(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @ReadReason() reason: string | null,
  ): Promise<LeadContextView> {
    return this.workbench.context(p, id, reason);
  }

  @Get('followups/overdue')
  @RequirePermissions('rates.read')
  @ApiOkResponse({
    description:
      '{ today, overdue, pending, followups }: 检察建议 past the court-reply or rectification deadline, and open follow-up leads',
  })
  overdue(@CurrentPrincipal() p: Principal, @ReadReason() reason: string | null): Promise<OverdueView> {
    return this.workbench.overdue(p, reason);
  }
}
