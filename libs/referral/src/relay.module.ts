import { Module } from '@nestjs/common';
import { OutboxRelayService } from './outbox-relay.service';
import { ReferralModule } from './referral.module';

@Module({ imports: [ReferralModule], providers: [OutboxRelayService], exports: [OutboxRelayService] })
export class RelayModule {}
