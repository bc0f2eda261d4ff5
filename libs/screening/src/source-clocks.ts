import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sourceClockOf } from '@zhijian/domain';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { ClockRepository } from './repositories/clock.repository';

/**
 * Business time per source (spec §7, README "Business time"): each producer's clock moves with
 * what it delivers (never past now), and becomes now once its feed is caught up (`CLOCK_MODE=auto`).
 * Screening judges a case as of its own court's clock.
 */
@Injectable()
export class SourceClocks {
  private readonly repo = new ClockRepository();

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Advances every source's clock (stored, monotone) and returns them by source. */
  async advance(now: Date = new Date()): Promise<Map<string, Date>> {
    return this.dataSource.transaction(async (m) => {
      const rows = await this.repo.sourceProgress(m, this.config.watermarkIdleMs);
      const clocks = new Map<string, Date>();
      const moved: { source: string; asOf: Date }[] = [];
      for (const row of rows) {
        const asOf = sourceClockOf(row, row.feedLive, now, {
          mode: this.config.clockMode,
          liveLagMs: this.config.sourceLiveLagMs,
        });
        clocks.set(row.source, asOf);
        if (asOf.getTime() !== row.asOf.getTime()) moved.push({ source: row.source, asOf });
      }
      await this.repo.advanceSources(m, moved);
      return clocks;
    });
  }
}
