import { Body, Controller, HttpCode, Param, Post, UseGuards, UseFilters } from '@nestjs/common';
import { AccessAuditFilter } from './access-audit.filter';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import {
  parseActionBody,
  parseCourtReplyBody,
  parseReassignBody,
  parseRectificationBody,
  parseRejectBody,
  parseWithdrawBody,
  parseSuggestionBody,
} from './intake-requests';
import { LeadLifecycleService, STALE_MESSAGE } from './lead-lifecycle.service';
import type { LeadReassignedView, LeadView } from '@zhijian/contracts';
import { LEAD_ID, valid } from './http-params';

const VERSION = {
  version: {
    type: 'integer',
    description: 'the version last read: the action applies only to it (optional)',
  },
};
const REASON = { reason: { type: 'string', description: '说明' } };
const OPTIONAL_REASON = {
  required: false,
  schema: { type: 'object' as const, properties: { ...REASON, ...VERSION } },
};

/**
 * The lifecycle over HTTP. Each action needs `leads.act` and a lead in the caller's scope;
 * an illegal move is 409 with the lifecycle's Chinese refusal, a lead changed since it was
 * read 409 with STALE_MESSAGE, a bad body 400 naming each field.
 */
@ApiTags('lead lifecycle')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks the permission' })
@ApiNotFoundResponse({ description: 'no such lead, or not in the caller’s scope' })
@ApiConflictResponse({ description: `illegal move for the lead’s status, or “${STALE_MESSAGE}”` })
@ApiOkResponse({ description: 'the lead after the action' })
@UseGuards(AuthGuard)
@RequirePermissions('leads.act')
@UseFilters(AccessAuditFilter)
@Controller('v1/leads/:id')
export class LeadActionsController {
  constructor(private readonly lifecycle: LeadLifecycleService) {}

  @Post('claim')
  @HttpCode(200)
  @ApiBody(OPTIONAL_REASON)
  claim(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'claim', ...valid(parseActionBody(body)) });
  }

  @Post('accept')
  @HttpCode(200)
  @ApiBody(OPTIONAL_REASON)
  accept(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'accept', ...valid(parseActionBody(body)) });
  }

  @Post('reject')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reason'],
      properties: { reason: { type: 'string', description: '不予受理的理由' }, ...VERSION },
    },
  })
  reject(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'reject', ...valid(parseRejectBody(body)) });
  }

  @Post('suggestion')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['number', 'servedOn'],
      properties: {
        number: { type: 'string', description: '检察建议文号', example: '柯检民建〔2024〕1号' },
        servedOn: { type: 'string', format: 'date', description: '送达日期 YYYY-MM-DD' },
        ...VERSION,
      },
    },
  })
  suggestion(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, {
      action: 'issue_suggestion',
      reason: null,
      ...valid(parseSuggestionBody(body)),
    });
  }

  @Post('suggestion-extension')
  @HttpCode(200)
  @ApiBody(OPTIONAL_REASON)
  @ApiOkResponse({ description: 'the lead, suggestion.extended = true (reply period 3 → 4 months)' })
  extendSuggestion(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.extendSuggestion(p, id, valid(parseActionBody(body)));
  }

  @Post('court-reply')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reply', 'repliedOn'],
      properties: {
        reply: { type: 'string', enum: ['adopted', 'not_adopted'], description: '采纳 / 不采纳' },
        repliedOn: { type: 'string', format: 'date', description: '回复日期 YYYY-MM-DD' },
        ...VERSION,
      },
    },
  })
  courtReply(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, {
      action: 'record_reply',
      reason: null,
      ...valid(parseCourtReplyBody(body)),
    });
  }

  @Post('rectification')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['recoveredAmount'],
      properties: {
        recoveredAmount: {
          type: 'string',
          description: '追回金额：元，字符串，最多两位小数',
          example: '1234.50',
        },
        ...REASON,
        ...VERSION,
      },
    },
  })
  rectification(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, {
      action: 'record_rectification',
      ...valid(parseRectificationBody(body)),
    });
  }

  @Post('close')
  @HttpCode(200)
  @ApiBody(OPTIONAL_REASON)
  close(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'close', ...valid(parseActionBody(body)) });
  }

  @Post('withdraw')
  @HttpCode(200)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['reason'],
      properties: { reason: { type: 'string', description: '撤回理由（事实已变更）' }, ...VERSION },
    },
  })
  withdraw(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'withdraw', ...valid(parseWithdrawBody(body)) });
  }

  @Post('keep')
  @HttpCode(200)
  @ApiBody(OPTIONAL_REASON)
  keep(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadView> {
    return this.lifecycle.act(p, id, { action: 'keep', ...valid(parseActionBody(body)) });
  }

  @Post('reassign')
  @HttpCode(200)
  @RequirePermissions('leads.triage')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['toUnit', 'reason'],
      properties: {
        toUnit: { type: 'string', description: 'an office within the caller’s scope', example: '330802' },
        reason: { type: 'string', description: '改派理由' },
        ...VERSION,
      },
    },
  })
  @ApiOkResponse({
    description:
      'the lead, with reassignment { fromUnit, toUnit, job: moved | not_yet_queued | left_in_old_queue }; needs leads.triage',
  })
  reassign(
    @CurrentPrincipal() p: Principal,
    @Param('id', LEAD_ID) id: string,
    @Body() body: unknown,
  ): Promise<LeadReassignedView> {
    return this.lifecycle.reassign(p, id, valid(parseReassignBody(body)));
  }
}
