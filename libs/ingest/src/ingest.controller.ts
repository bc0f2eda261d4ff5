import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload, RpcException } from '@nestjs/microservices';
import { errorKind } from './failure';
import type { FeedBatch } from './kafka-batch.transport';
import { IngestService } from './ingest.service';

/** Kafka adapter: one handler per consumed feed topic, each a single call into the service. */
@Controller()
export class IngestController {
  private readonly logger = new Logger(IngestController.name);

  constructor(private readonly ingest: IngestService) {}

  @EventPattern('court.case-events')
  async caseEvents(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('registry.tax')
  async tax(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('registry.bank')
  async bank(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('registry.realestate')
  async realEstate(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('registry.vehicle')
  async vehicle(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('registry.enterprise')
  async enterprise(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  @EventPattern('procuratorate.petitions')
  async petitions(@Payload() batch: FeedBatch): Promise<void> {
    await this.handle(batch);
  }

  private async handle(batch: FeedBatch): Promise<void> {
    let outcome;
    try {
      outcome = await this.ingest.ingestBatch(batch.messages, batch.position);
    } catch (e) {
      // Only the kind reaches Nest's exception filter and the transport (which retries the batch):
      // a database error's text and parameters may hold the messages' personal data.
      throw new RpcException({ status: 'error', message: errorKind(e) });
    }
    if (outcome.rejected > 0) {
      this.logger.warn(
        `${batch.position.physicalTopic}[${batch.position.partition}]: ${outcome.rejected} message(s) quarantined`,
      );
    }
  }
}
