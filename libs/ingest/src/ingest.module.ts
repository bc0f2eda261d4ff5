import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { SchemaRegistry } from '@zhijian/contracts';
import { DlqPublisher } from './dlq.publisher';
import { DlqRelayService } from './dlq-relay.service';
import { EnvelopeDecoder, decoderFor } from './envelope-decoder';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { KafkaModule, KafkaProducerHolder } from './kafka.module';
import { QuarantineService } from './quarantine.service';

@Module({
  imports: [KafkaModule],
  controllers: [IngestController],
  providers: [
    DlqRelayService,
    { provide: SchemaRegistry, useFactory: () => SchemaRegistry.load() },
    {
      provide: EnvelopeDecoder,
      inject: [SchemaRegistry, HUB_CONFIG],
      useFactory: (r: SchemaRegistry, config: HubConfig) => decoderFor(r, config),
    },
    {
      provide: DlqPublisher,
      inject: [DataSource, KafkaProducerHolder],
      useFactory: (ds: DataSource, k: KafkaProducerHolder) => new DlqPublisher(ds, k.producer),
    },
    IngestService,
    QuarantineService,
  ],
  exports: [IngestService, EnvelopeDecoder, QuarantineService],
})
export class IngestModule {}
