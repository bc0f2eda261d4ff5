import type { IncomingMessage } from 'node:http';
import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  PayloadTooLargeException,
  Post,
  Put,
  Query,
  Req,
  UnsupportedMediaTypeException,
  UseGuards,
  UseFilters,
} from '@nestjs/common';
import { AccessAuditFilter } from './access-audit.filter';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { QuarantineError, QuarantineService } from '@zhijian/ingest';
import type {
  CorrectionResultView,
  DiscardRequest,
  QuarantineDetailView,
  QuarantinePage,
  ReplayResultView,
} from '@zhijian/contracts';
import { OperatorTokenGuard, operatorOf, quarantineActor } from './operator.guard';
import { QuarantineReadsService } from './quarantine-reads.service';
import { quarantineDetailView } from './quarantine-view';
import { ReadReason } from './read-audit';

/** Largest correction accepted as text (an envelope is a few kilobytes). */
const MAX_CORRECTION_BYTES = 1024 * 1024;

/**
 * Operators' quarantine (spec §6): see a rejected message whole, correct it, replay it
 * through the ingest path, or discard it. The raw message is shown as received — that
 * is this API's job — so it is for operators, not for intake staff.
 */
@ApiTags('quarantine')
@ApiBearerAuth()
@UseGuards(OperatorTokenGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1/quarantine')
export class QuarantineController {
  constructor(
    private readonly quarantine: QuarantineService,
    private readonly reads: QuarantineReadsService,
  ) {}

  @Get()
  @ApiQuery({ name: 'topic', required: false, description: 'feed (court.case-events) or physical topic' })
  @ApiQuery({
    name: 'reason',
    required: false,
    description: 'malformed_json, schema_violation, invalid_identifier, …',
  })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'corrected', 'replayed', 'discarded'] })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'received on or after: a day YYYY-MM-DD (China time) or an RFC 3339 instant with offset',
  })
  @ApiQuery({
    name: 'to',
    required: false,
    description:
      'received up to: a day YYYY-MM-DD (China time, the day included) or before an RFC 3339 instant',
  })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ description: '{ items, total, limit, offset }, newest first; without the message bytes' })
  async list(
    @Query('topic') topic?: string,
    @Query('reason') reason?: string,
    @Query('status') status?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
    @Req() req?: IncomingMessage,
    // `?reason=` filters by the rejection reason here: the read's reason is the header only.
    @ReadReason('header') readReason?: string | null,
  ): Promise<QuarantinePage> {
    return answer(() =>
      this.reads.list(
        operatorOf(req!),
        {
          topic,
          reason,
          status,
          from,
          to,
          limit: intParam('limit', limit),
          offset: intParam('offset', offset),
        },
        readReason ?? null,
      ),
    );
  }

  @Get(':id')
  @ApiOkResponse({
    description:
      'the message whole: raw bytes (UTF-8 text, else base64), correction, reason, violations (JSON pointers), headers, topic/partition/offset, status',
  })
  async get(
    @Param('id') id: string,
    @Req() req: IncomingMessage,
    @ReadReason() reason: string | null,
  ): Promise<QuarantineDetailView> {
    return answer(() => this.reads.get(operatorOf(req), id, reason));
  }

  /** Stores the corrected envelope and answers the validation result; nothing is applied until a replay. */
  @Put(':id/correction')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/plain')
  @ApiBody({ description: 'the corrected envelope, as JSON or as text', schema: { type: 'object' } })
  async correct(
    @Param('id') id: string,
    @Req() req: IncomingMessage & { body?: unknown },
  ): Promise<CorrectionResultView> {
    const bytes = await correctionBytes(req);
    return answer(() => this.quarantine.correct(id, bytes, quarantineActor(req)));
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOkResponse({
    description: '{ outcome: accepted | duplicate | rejected, status, reason?, violations? }',
  })
  async replay(@Param('id') id: string, @Req() req: IncomingMessage): Promise<ReplayResultView> {
    return answer(() => this.quarantine.replay(id, quarantineActor(req)));
  }

  @Post(':id/discard')
  @HttpCode(200)
  @ApiBody({ schema: { type: 'object', properties: { reason: { type: 'string' } }, required: ['reason'] } })
  async discard(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() req: IncomingMessage,
  ): Promise<QuarantineDetailView> {
    const reason = (body as { [K in keyof DiscardRequest]?: unknown } | undefined)?.reason;
    if (typeof reason !== 'string' || !reason.trim())
      throw new BadRequestException('请填写丢弃原因（请求体 {"reason": "…"}）');
    return answer(async () =>
      quarantineDetailView(await this.quarantine.discard(id, reason, quarantineActor(req))),
    );
  }
}

function intParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (!/^\d+$/.test(value.trim())) throw new BadRequestException(`${name} 须为非负整数，收到 “${value}”`);
  return Number(value);
}

/** The service's errors as HTTP answers. */
async function answer<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof QuarantineError) {
      switch (e.kind) {
        case 'not_found':
          throw new NotFoundException(e.message);
        case 'conflict':
          throw new ConflictException(e.message);
        case 'invalid':
          throw new BadRequestException(e.message);
      }
    }
    throw e;
  }
}

/**
 * The correction as bytes: a JSON body (parsed by the platform) is serialized again;
 * any other body (text/plain, an envelope that is not yet valid JSON) is read as sent.
 */
async function correctionBytes(req: IncomingMessage & { body?: unknown }): Promise<Buffer> {
  const type = req.headers['content-type'] ?? '';
  if (req.body !== undefined) {
    if (/\bjson\b/i.test(type)) return Buffer.from(JSON.stringify(req.body), 'utf8');
    throw new UnsupportedMediaTypeException('更正内容请以 application/json 或 text/plain 提交');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    size += b.length;
    if (size > MAX_CORRECTION_BYTES)
      throw new PayloadTooLargeException(`更正内容不能超过 ${MAX_CORRECTION_BYTES} 字节`);
    chunks.push(b);
  }
  const bytes = Buffer.concat(chunks);
  if (!bytes.length) throw new BadRequestException('请求体为空：请提交更正后的完整消息');
  return bytes;
}
