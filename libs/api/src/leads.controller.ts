import { Controller, Get, Headers, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { LeadRepository, type LeadEntity } from '@zhijian/persistence';
import { maskEvidence } from './masking';

export interface LeadView {
  id: string;
  modelId: string;
  modelVersion: number;
  caseNo: string | null;
  unitCode: string;
  tier: string;
  severity: string;
  status: string;
  title: string;
  statement: string;
  legalBasis: string;
  evidence: LeadEntity['evidence'];
  asOf: string;
  createdAt: string;
}

function view(l: LeadEntity): LeadView {
  return {
    id: l.id,
    modelId: l.modelId,
    modelVersion: l.modelVersion,
    caseNo: l.caseNo,
    unitCode: l.unitCode,
    tier: l.tier,
    severity: l.severity,
    status: l.status,
    title: l.title,
    statement: l.statement,
    legalBasis: l.legalBasis,
    evidence: maskEvidence(l.evidence),
    asOf: l.asOf.toISOString(),
    createdAt: l.createdAt.toISOString(),
  };
}

@ApiTags('leads')
@Controller('v1/leads')
export class LeadsController {
  private readonly leads = new LeadRepository();

  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiQuery({ name: 'caseNo', required: false })
  @ApiQuery({ name: 'unitCode', required: false, description: 'office code, e.g. 330803' })
  @ApiQuery({ name: 'modelId', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'offset', required: false })
  @ApiOkResponse({ description: '{ items: Lead[] }, newest first; ID numbers and persons’ names masked' })
  async list(
    @Query('caseNo') caseNo?: string,
    @Query('unitCode') unitCode?: string,
    @Query('modelId') modelId?: string,
    @Query('limit') limit?: string,
    @Query('offset') offset?: string,
  ): Promise<{ items: LeadView[]; limit: number; offset: number }> {
    const lim = Math.min(Math.max(Number(limit) || 100, 1), 1000);
    const off = Math.max(Number(offset) || 0, 0);
    const rows = await this.leads.list(this.dataSource.manager, {
      caseNo: caseNo?.trim() || undefined,
      unitCode: unitCode?.trim() || undefined,
      modelId: modelId?.trim() || undefined,
      limit: lim,
      offset: off,
    });
    return { items: rows.map(view), limit: lim, offset: off };
  }

  /** Every read of a lead's detail is recorded (who, which lead, when, why). */
  @Get(':id')
  async get(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Headers('x-actor') actor?: string,
    @Headers('x-read-reason') reason?: string,
  ): Promise<LeadView> {
    return this.dataSource.transaction(async (m) => {
      const lead = await this.leads.get(m, id);
      if (!lead) throw new NotFoundException(`线索 ${id} 不存在`);
      await this.leads.recordRead(m, id, actor?.slice(0, 128) || 'anonymous', reason?.slice(0, 500) || null);
      return view(lead);
    });
  }
}
