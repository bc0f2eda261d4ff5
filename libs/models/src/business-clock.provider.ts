import type { DataSource } from 'typeorm';
import { WallClock, watermarkOf, type BusinessClock } from '@zhijian/clock';
import type { HubConfig } from '@zhijian/config';
import { ClockRepository } from '@zhijian/persistence';

/**
 * Business time in a replay: the feeds' low watermark, from the progress the ingest
 * step records per partition. Reading it moves the stored clock forward (never back).
 */
export class WatermarkClock implements BusinessClock {
  private readonly repo = new ClockRepository();
  constructor(
    private readonly dataSource: DataSource,
    private readonly idleMs: number,
  ) {}

  async asOf(): Promise<Date> {
    return this.dataSource.transaction(async (m) => {
      const previous = await this.repo.read(m);
      const next = watermarkOf(previous, await this.repo.partitionProgress(m, this.idleMs));
      if (!next) return new Date(0);
      return next === previous ? next : this.repo.advance(m, next);
    });
  }
}

export const BUSINESS_CLOCK = Symbol('BUSINESS_CLOCK');

export function businessClockFor(config: HubConfig, dataSource: DataSource): BusinessClock {
  return config.clockMode === 'wall'
    ? new WallClock()
    : new WatermarkClock(dataSource, config.watermarkIdleMs);
}
