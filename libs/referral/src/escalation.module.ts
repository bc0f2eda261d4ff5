import { Module } from '@nestjs/common';
import { HUB_CONFIG } from '@zhijian/config';
import { ESCALATION_CLOCK, EscalationService, escalationClockFor } from './escalation.service';

/** The escalation loop and its clock; run by the process that screens (apps/worker, apps/hub). */
@Module({
  providers: [
    { provide: ESCALATION_CLOCK, inject: [HUB_CONFIG], useFactory: escalationClockFor },
    EscalationService,
  ],
  exports: [EscalationService, ESCALATION_CLOCK],
})
export class EscalationModule {}
