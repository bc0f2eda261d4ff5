import { type DynamicModule, Module } from '@nestjs/common';
import { ModelSignersController, ModelsController } from './models.controller';
import { ModelsService } from './models.service';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessModule, RATE_LIMITED_MESSAGE } from '@zhijian/access';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { IngestModule } from '@zhijian/ingest';
import { ReferralModule } from '@zhijian/referral';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { ApiThrottlerGuard } from './api-throttler.guard';
import { CaseworkController } from './casework/casework.controller';
import { CaseworkService } from './casework/casework.service';
import { ConsoleController } from './console.controller';
import { IntakeController } from './intake.controller';
import { LeadActionsController } from './lead-actions.controller';
import { LeadLifecycleService } from './lead-lifecycle.service';
import { LeadReadService } from './lead-read.service';
import { LeadsController } from './leads.controller';
import { MetricsController, MetricsService } from './metrics';
import { DbPrincipalStore } from './principal-store';
import { QuarantineController } from './quarantine.controller';
import { QuarantineReadsService } from './quarantine-reads.service';
import { SessionController } from './session.controller';
import { SourcesController } from './sources.controller';
import { StatusController } from './status.controller';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

@Module({})
export class ApiModule {
  /**
   * Health, status and metrics are served by every process; the leads and quarantine APIs where
   * `leads` is set. A quarantine replay runs the ingest path, so that part imports the
   * ingest module (its Kafka handlers only consume where the process connects the transport).
   * The intake API authenticates bearer tokens of `principals` and people's sessions
   * (AccessModule, which also counts failed authentications per client) and moves reassigned
   * leads' jobs between office queues (ReferralModule). The staff console (/console/) is served
   * with it, and reads through the same API with the user's session. Every /v1/* request counts
   * against the client's general rate limit (@nestjs/throttler). The audit log's head is
   * checkpointed where it is written (AuditCheckpointService).
   */
  static forRoot(options: { leads: boolean }): DynamicModule {
    const throttling = ThrottlerModule.forRootAsync({
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => ({
        // Named `default` so that the answers carry the standard X-RateLimit-* and Retry-After headers.
        throttlers: [
          { name: 'default', limit: config.access.apiRequests, ttl: config.access.apiWindowSeconds * 1000 },
        ],
        errorMessage: RATE_LIMITED_MESSAGE,
      }),
    });
    const access = AccessModule.forRoot(DbPrincipalStore, {
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => ({
        failures: config.access.authFailures,
        windowMs: config.access.authWindowSeconds * 1000,
        blockMs: config.access.authBlockSeconds * 1000,
      }),
    });
    return {
      module: ApiModule,
      imports: [throttling, ...(options.leads ? [IngestModule, access, ReferralModule] : [])],
      controllers: [
        StatusController,
        MetricsController,
        ...(options.leads
          ? [
              SessionController,
              LeadsController,
              LeadActionsController,
              IntakeController,
              QuarantineController,
              SourcesController,
              WorkbenchController,
              CaseworkController,
              ConsoleController,
              ModelsController,
              ModelSignersController,
            ]
          : []),
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiThrottlerGuard },
        MetricsService,
        ...(options.leads
          ? [
              LeadReadService,
              LeadLifecycleService,
              WorkbenchService,
              AuditCheckpointService,
              QuarantineReadsService,
              CaseworkService,
              ModelsService,
            ]
          : []),
      ],
    };
  }
}
