import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { ReferralModule } from '@zhijian/referral';
import { BUSINESS_CLOCK, businessClockFor } from './business-clock.provider';
import { ClassLeadService } from './class-leads/class-lead.service';
import { LeadWriter } from './lead-writer';
import { PetitionScreeningService } from './petitions/petition-screening.service';
import { FollowupScreeningService } from './followup/followup-screening.service';
import { createCaseModels } from '@zhijian/catalogue';
import { CASE_MODELS, ScreeningService } from './screening.service';
import { SourceClocks } from './source-clocks';
import { DeclarativeScreening } from './declarative/declarative-screening';
import { ModelRegistry } from './declarative/model-registry';

/** Screening and what runs beside it: class leads, follow-ups and petitions. */
@Module({
  imports: [ReferralModule],
  providers: [
    {
      provide: CASE_MODELS,
      inject: [HUB_CONFIG, DataSource],
      // MODEL_THRESHOLDS may name declarative models too: checked against their declared parameters.
      useFactory: async (c: HubConfig, ds: DataSource) =>
        createCaseModels(
          c.modelThresholds,
          c.enabledModels,
          await new ModelRegistry().configurable(ds.manager),
        ),
    },
    {
      provide: BUSINESS_CLOCK,
      inject: [HUB_CONFIG, DataSource],
      useFactory: (c: HubConfig, ds: DataSource) => businessClockFor(c, ds),
    },
    LeadWriter,
    ClassLeadService,
    FollowupScreeningService,
    PetitionScreeningService,
    ScreeningService,
    SourceClocks,
    DeclarativeScreening,
  ],
  exports: [ScreeningService, SourceClocks, BUSINESS_CLOCK],
})
export class ScreeningModule {}
