import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpException,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Delete,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthGuard, CurrentPrincipal, RequirePermissions, type Principal } from '@zhijian/access';
import { AccessAuditFilter } from './access-audit.filter';
import type {
  BacktestView,
  ModelPackageView,
  ModelResultView,
  ModelVersionView,
  TrustedSignerView,
  ValidationView,
} from '@zhijian/contracts';
import { valid } from './http-params';
import { parseModelResultsQuery } from './intake-requests';
import { ModelsService } from './models.service';

const SOURCE = {
  schema: {
    type: 'object' as const,
    required: ['source'],
    properties: {
      source: {
        type: 'string',
        description: '模型文件（YAML 或 JSON，schemas/declarative/model-1.schema.json）',
      },
    },
  },
};

function text(body: unknown, field: string, required = true): string | null {
  const v = (body as Record<string, unknown> | null)?.[field];
  if (typeof v === 'string' && v.length > 0 && v.length <= 200_000) return v;
  if (!required && (v === undefined || v === null)) return null;
  throw new HttpException({ statusCode: 400, message: `请求须包含字段 ${field}（文本）` }, 400);
}

/**
 * Declarative supervision models (issue 18): the workbench's validation and backtest, and the
 * review workflow draft → submitted → approved/returned → listed → retired. Every step audited.
 */
@ApiTags('models')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks the permission, or the office may not take the step' })
@UseGuards(AuthGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1/models')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @RequirePermissions('leads.read')
  @ApiOkResponse({ description: 'every version of every declarative model, with its review state' })
  all(): Promise<ModelVersionView[]> {
    return this.models.all();
  }

  @Get('results')
  @RequirePermissions('leads.read')
  @ApiQuery({ name: 'modelId', required: false })
  @ApiQuery({
    name: 'from',
    required: false,
    description: 'leads raised (business time) on or after, YYYY-MM-DD',
  })
  @ApiQuery({ name: 'to', required: false, description: 'leads raised on or before (the day included)' })
  @ApiOkResponse({
    description:
      'per model and version, in the caller’s scope, with the model’s name: leads raised, accepted, 检察建议 issued, adopted, rectified, money recovered (fen)',
  })
  results(
    @CurrentPrincipal() p: Principal,
    @Query() query: Record<string, unknown>,
  ): Promise<ModelResultView[]> {
    return this.models.results(p, valid(parseModelResultsQuery(query)));
  }

  @Post('validate')
  @HttpCode(200)
  @RequirePermissions('models.write')
  @ApiBody(SOURCE)
  @ApiOkResponse({
    description: 'the file is valid and its predicate accepted; 400 with the Chinese reason otherwise',
  })
  validate(@Body() body: unknown): ValidationView {
    return this.models.validate(text(body, 'source')!);
  }

  @Post('backtest')
  @HttpCode(200)
  @RequirePermissions('models.write')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['source', 'asOf'],
      properties: {
        source: { type: 'string' },
        asOf: { type: 'string', description: 'YYYY-MM-DD: the end of that business day' },
        parameters: { type: 'object' },
      },
    },
  })
  backtest(@Body() body: unknown): Promise<BacktestView> {
    const asOf = text(body, 'asOf')!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new HttpException({ statusCode: 400, message: 'asOf 须为日期 YYYY-MM-DD' }, 400);
    const parameters = (body as { parameters?: unknown }).parameters;
    return this.models.backtest(
      text(body, 'source')!,
      asOf,
      parameters && typeof parameters === 'object' ? (parameters as Record<string, unknown>) : {},
    );
  }

  @Post()
  @RequirePermissions('models.write')
  @ApiBody(SOURCE)
  @ApiOkResponse({ description: 'the new version, a draft of the caller’s office' })
  draft(@CurrentPrincipal() p: Principal, @Body() body: unknown): Promise<ModelVersionView> {
    return this.models.draft(p, text(body, 'source')!);
  }

  @Post('import')
  @RequirePermissions('models.write')
  @ApiBody({
    description: 'a model package (zhijian-model-package/1), as exported',
    schema: { type: 'object' },
  })
  @ApiOkResponse({
    description:
      'the model, a new draft of the caller’s office; 400 with the Chinese reason when the package is not one, its signer is not trusted or its signature fails',
  })
  importPackage(@CurrentPrincipal() p: Principal, @Body() body: unknown): Promise<ModelVersionView> {
    return this.models.importPackage(p, body);
  }

  @Get(':id/versions/:version/package')
  @RequirePermissions('models.review')
  @ApiOkResponse({
    description:
      'the listed version as a package signed with SM2 by this hub’s office (MODEL_SIGNING_KEY_FILE), for another province to import',
  })
  exportPackage(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<ModelPackageView> {
    return this.models.exportPackage(p, id, version);
  }

  @Get(':id')
  @RequirePermissions('leads.read')
  versions(@Param('id') id: string): Promise<ModelVersionView[]> {
    return this.models.versions(id);
  }

  @Post(':id/versions/:version/submit')
  @HttpCode(200)
  @RequirePermissions('models.write')
  submit(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<ModelVersionView> {
    return this.models.step(p, id, version, 'submit', null);
  }

  @Post(':id/versions/:version/review')
  @HttpCode(200)
  @RequirePermissions('models.review')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['decision'],
      properties: {
        decision: { enum: ['approve', 'return'] },
        comment: { type: 'string', description: '审查意见' },
      },
    },
  })
  review(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: unknown,
  ): Promise<ModelVersionView> {
    const decision = text(body, 'decision');
    if (decision !== 'approve' && decision !== 'return') {
      throw new HttpException(
        { statusCode: 400, message: 'decision 须为 approve（通过）或 return（退回）' },
        400,
      );
    }
    return this.models.step(p, id, version, decision, text(body, 'comment', false));
  }

  @Post(':id/versions/:version/list')
  @HttpCode(200)
  @RequirePermissions('models.review')
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<ModelVersionView> {
    return this.models.step(p, id, version, 'list', null);
  }

  @Post(':id/versions/:version/retire')
  @HttpCode(200)
  @RequirePermissions('models.review')
  retire(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: unknown,
  ): Promise<ModelVersionView> {
    return this.models.step(p, id, version, 'retire', text(body, 'reason', false));
  }

  @Post(':id/switch-off')
  @HttpCode(204)
  @RequirePermissions('models.review')
  switchOff(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.models.switchOffice(p, id, false, text(body, 'reason', false));
  }

  @Post(':id/switch-on')
  @HttpCode(204)
  @RequirePermissions('models.review')
  switchOn(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.models.switchOffice(p, id, true, null);
  }
}

/** The offices whose signed model packages this hub imports: kept by an operator, every change audited. */
@ApiTags('models')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: '未认证' })
@ApiForbiddenResponse({ description: 'the role lacks models.trust' })
@UseGuards(AuthGuard)
@UseFilters(AccessAuditFilter)
@Controller('v1/model-signers')
export class ModelSignersController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  @RequirePermissions('models.trust')
  @ApiOkResponse({ description: 'the trusted offices and their SM2 public keys' })
  all(): Promise<TrustedSignerView[]> {
    return this.models.trustedSigners();
  }

  @Put(':unitCode')
  @RequirePermissions('models.trust')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['publicKey'],
      properties: {
        publicKey: { type: 'string', description: 'SM2 public key, uncompressed hex (04…)' },
        note: { type: 'string' },
      },
    },
  })
  @ApiOkResponse({
    description: 'the office trusted with this key (a key already there is replaced); audited',
  })
  trust(
    @CurrentPrincipal() p: Principal,
    @Param('unitCode') unitCode: string,
    @Body() body: unknown,
  ): Promise<TrustedSignerView> {
    return this.models.trustSigner(p, unitCode, text(body, 'publicKey')!, text(body, 'note', false));
  }

  @Delete(':unitCode')
  @HttpCode(204)
  @RequirePermissions('models.trust')
  @ApiOkResponse({ description: 'the office no longer trusted; audited' })
  distrust(
    @CurrentPrincipal() p: Principal,
    @Param('unitCode') unitCode: string,
    @Query('reason') reason?: string,
  ): Promise<void> {
    return this.models.distrustSigner(p, unitCode, reason ?? null);
  }
}
