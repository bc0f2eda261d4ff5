import { Injectable, Logger } from '@nestjs/common';
import { PollingService } from '@zhijian/platform';
import { DlqPublisher } from './dlq.publisher';

/**
 * Copies quarantined messages to their DLQ topics until every one is copied. The copy made
 * right after a rejection can fail (a DLQ topic whose leader is not yet elected, a broker
 * restart); the quarantine row stays pending and this loop catches it up.
 */
@Injectable()
export class DlqRelayService extends PollingService {
  constructor(private readonly dlq: DlqPublisher) {
    super('DLQ relay', 2_000, new Logger(DlqRelayService.name));
  }

  protected tick(): Promise<number> {
    return this.dlq.publish();
  }
}
