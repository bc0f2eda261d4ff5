import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { ReferralModule } from '@zhijian/referral';
import { BUSINESS_CLOCK, businessClockFor } from './business-clock.provider';
import { createCaseModels } from './registry';
import { CASE_MODELS, ScreeningService } from './screening.service';

@Module({
  imports: [ReferralModule],
  providers: [
    { provide: CASE_MODELS, useFactory: createCaseModels },
    {
      provide: BUSINESS_CLOCK,
      inject: [HUB_CONFIG, DataSource],
      useFactory: (c: HubConfig, ds: DataSource) => businessClockFor(c, ds),
    },
    ScreeningService,
  ],
  exports: [ScreeningService, BUSINESS_CLOCK],
})
export class ScreeningModule {}
