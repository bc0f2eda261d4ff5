import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SchemaRegistry } from '@zhijian/contracts';
import { DlqPublisher } from './dlq.publisher';
import { DlqRelayService } from './dlq-relay.service';
import { EnvelopeDecoder } from './envelope-decoder';
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
      inject: [SchemaRegistry],
      useFactory: (r: SchemaRegistry) => new EnvelopeDecoder(r),
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
