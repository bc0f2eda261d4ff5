import { type DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@zhijian/access';
import { IngestModule } from '@zhijian/ingest';
import { ReferralModule } from '@zhijian/referral';
import { AuditCheckpointService } from './audit-checkpoint.service';
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
import { StatusController } from './status.controller';
import { WorkbenchController } from './workbench.controller';
import { WorkbenchService } from './workbench.service';

@Module({})
export class ApiModule {
  /**
   * Health, status and metrics are served by every process; the leads and quarantine APIs where
   * `leads` is set. A quarantine replay runs the ingest path, so that part imports the
   * ingest module (its Kafka handlers only consume where the process connects the transport).
   * The intake API authenticates bearer tokens of `principals` (AccessModule) and moves
   * reassigned leads' jobs between office queues (ReferralModule). The staff console (/console/)
   * is served with it, and reads through the same API with the user's token. The audit log's
   * head is checkpointed where it is written (AuditCheckpointService).
   */
  static forRoot(options: { leads: boolean }): DynamicModule {
    return {
      module: ApiModule,
      imports: options.leads ? [IngestModule, AccessModule.forRoot(DbPrincipalStore), ReferralModule] : [],
      controllers: [
        StatusController,
        MetricsController,
        ...(options.leads
          ? [
              LeadsController,
              LeadActionsController,
              IntakeController,
              QuarantineController,
              WorkbenchController,
              ConsoleController,
            ]
          : []),
      ],
      providers: [
        MetricsService,
        ...(options.leads
          ? [LeadReadService, LeadLifecycleService, WorkbenchService, AuditCheckpointService, QuarantineReadsService]
          : []),
      ],
    };
  }
}
