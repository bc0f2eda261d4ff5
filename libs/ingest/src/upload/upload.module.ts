import type { Server } from 'node:http';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { SchemaRegistry } from '@zhijian/contracts';
import { DlqPublisher } from '../dlq.publisher';
import { EnvelopeDecoder, decoderFor } from '../envelope-decoder';
import { KafkaModule, KafkaProducerHolder, KafkaUploadProducer } from '../kafka.module';
import { UploadController } from './upload.controller';
import { UploadService } from './upload.service';

/**
 * HTTP batch upload of feeds (POST /v1/feeds/:topic). Writes accepted lines to the feed topic as
 * the upload gateway's principal (KafkaUploadProducer); needs the process's Kafka producer for DLQ
 * copies, so it imports KafkaModule itself (the API-only process has no IngestModule), and its own decoder.
 */
@Module({
  imports: [KafkaModule],
  controllers: [UploadController],
  providers: [
    {
      provide: EnvelopeDecoder,
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => decoderFor(SchemaRegistry.load(), config),
    },
    {
      provide: DlqPublisher,
      inject: [DataSource, KafkaProducerHolder],
      useFactory: (ds: DataSource, k: KafkaProducerHolder) => new DlqPublisher(ds, k.producer),
    },
    KafkaUploadProducer,
    UploadService,
  ],
})
export class UploadModule implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  /**
   * Node cuts any request not fully received within `requestTimeout` (5 minutes); a 1 GB upload
   * may take longer. Uploads are closed when idle instead (see UploadController); the headers
   * timeout still applies to every request.
   */
  onApplicationBootstrap(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server) server.requestTimeout = 0;
  }
}
