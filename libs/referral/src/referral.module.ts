import { Module } from '@nestjs/common';
import { Jurisdiction } from '@zhijian/domain';
import { OfficeQueues } from './office-queues';

/** Jurisdiction and the office queues; the relay loop is added by apps that run it. */
@Module({
  providers: [{ provide: Jurisdiction, useFactory: () => new Jurisdiction() }, OfficeQueues],
  exports: [Jurisdiction, OfficeQueues],
})
export class ReferralModule {}
