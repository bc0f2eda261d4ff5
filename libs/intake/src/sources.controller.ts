import type { IncomingMessage } from 'node:http';
import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  Req,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import type { SourceListView, SourceReportView } from '@zhijian/contracts';
import { conformancePeriod, SourceReports, type ConformancePeriod } from '@zhijian/ingest';
import { AccessAuditFilter } from './access-audit.filter';
import { sourceName } from './casework/names';
import { OperatorTokenGuard, operatorOf } from './operator.guard';
import { auditActor, listSubject, READ_ACTIONS, ReadReason, recordRead } from './read-audit';

/**
 * Each producer's feed health (issue 16), for the operators of both sides: events by type and
 * day, rejections by reason with examples, lateness, out-of-order and duplicate counts,
 * watermark and lag, silent and late flags. Aggregates only (no message content): the examples
 * are quarantine ids with a violation's pointer and message.
 */
@ApiTags('sources')
@ApiBearerAuth()
@UseGuards(OperatorTokenGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1/sources')
export class SourcesController {
  private readonly repo = new SourceReports();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  @Get()
  @ApiQuery({ name: 'from', required: false, description: 'first day, YYYY-MM-DD (China time)' })
  @ApiQuery({ name: 'to', required: false, description: 'last day, YYYY-MM-DD (China time)' })
  @ApiOkResponse({ description: 'every source with its counts, flags and daily events (SourceList)' })
  async list(
    @Req() req: IncomingMessage,
    @ReadReason('header') reason: string | null,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<SourceListView> {
    const list = await this.repo.list(this.dataSource.manager, this.period(from, to));
    await this.audit(
      req,
      READ_ACTIONS.sourceList,
      listSubject('sources', { from, to }, list.sources.length),
      reason,
    );
    return { ...list, sources: list.sources.map((x) => ({ ...x, name: sourceName(x.source) })) };
  }

  @Get(':source')
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'to', required: false })
  @ApiOkResponse({ description: "one source's conformance report (SourceReport)" })
  async get(
    @Req() req: IncomingMessage,
    @ReadReason('header') reason: string | null,
    @Param('source') source: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
  ): Promise<SourceReportView> {
    const report = await this.repo.report(this.dataSource.manager, this.period(from, to), source.trim());
    if (!report) throw new NotFoundException(`来源 ${source} 在该期间没有任何事件或拒绝记录`);
    await this.audit(req, READ_ACTIONS.sourceReport, `source ${report.source}`, reason);
    return { ...report, name: sourceName(report.source) };
  }

  /** Every read is an audit row, as the quarantine's are (the examples quote violation messages). */
  private audit(req: IncomingMessage, action: string, subject: string, reason: string | null): Promise<void> {
    return this.dataSource.transaction((m) =>
      recordRead(m, auditActor(operatorOf(req)), action, subject, reason),
    );
  }

  private period(from: string | undefined, to: string | undefined): ConformancePeriod {
    try {
      return conformancePeriod({ from, to }, this.config.sourceSilentMs);
    } catch (e) {
      throw new BadRequestException(`日期参数有误：${(e as Error).message}`);
    }
  }
}
