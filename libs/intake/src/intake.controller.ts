import { Controller, Get, Query, UseGuards, UseFilters } from '@nestjs/common';
import { AccessAuditFilter } from './access-audit.filter';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import { AuditCheckpointService } from './audit-checkpoint.service';
import type { AuditReport } from './audit-checkpoints';
import { parseRatesQuery } from './intake-requests';
import type { RatesView } from '@zhijian/contracts';
import { LeadReadService } from './lead-read.service';
import { valid } from './http-params';

@ApiTags('rates and audit')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks the permission' })
@UseGuards(AuthGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1')
export class IntakeController {
  constructor(
    private readonly leads: LeadReadService,
    private readonly audit: AuditCheckpointService,
  ) {}

  @Get('rates')
  @RequirePermissions('rates.read')
  @ApiQuery({
    name: 'groupBy',
    required: false,
    enum: ['model', 'unit', 'month'],
    description: 'default model',
  })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'leads raised (business time) on or after: YYYY-MM-DD',
  })
  @ApiQuery({ name: 'to', required: false, description: 'leads raised on or before: YYYY-MM-DD' })
  @ApiOkResponse({
    description:
      '{ groups: [{ key, leads, conversion, adoption, rectification, recovery }], total } — each rate ' +
      '{ numerator, denominator, rate }: conversion = accepted / leads; adoption = adopted / 检察建议 issued; ' +
      'rectification = rectified / adopted; recovery = fen recovered / fen claimed in the supervised cases. ' +
      'Within the caller’s scope.',
  })
  rates(@CurrentPrincipal() p: Principal, @Query() query: Record<string, unknown>): Promise<RatesView> {
    return this.leads.rates(p, valid(parseRatesQuery(query)));
  }

  @Get('audit/verify')
  @RequirePermissions('audit.verify')
  @ApiOkResponse({
    description:
      '{ ok, entries, firstBrokenId, problem, message, keyedAfterId, checkpoints, findings }: the chain of ' +
      'audit_log walked in id order (SM3 up to the key epoch, HMAC-SM3 after it) and the log checked against ' +
      'the last checkpoint in the local file and on the Kafka topic; problem names the first attack found ' +
      '(edited, recomputed, relinked, epoch, truncated, tail_deleted, rewritten, deleted, checkpoint)',
  })
  verifyAudit(): Promise<AuditReport> {
    return this.audit.verify();
  }
}
