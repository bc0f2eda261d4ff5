import type { DataSource } from 'typeorm';
import { WallClock, watermarkOf, type BusinessClock } from '@zhijian/domain';
import type { HubConfig } from '@zhijian/config';
import { ClockRepository } from './repositories/clock.repository';

/**
 * Business time from the feeds' low watermark, from the progress the ingest step records
 * per partition; live (now) once they are all idle if so configured. Reading it moves
 * the stored clock forward (never back).
 */
export class WatermarkClock implements BusinessClock {
  private readonly repo = new ClockRepository();
  constructor(
    private readonly dataSource: DataSource,
    private readonly idleMs: number,
    /** Whether to go live (now) once every partition is idle. */
    private readonly live: boolean,
  ) {}

  async asOf(): Promise<Date> {
    return this.dataSource.transaction(async (m) => {
      const previous = await this.repo.read(m);
      const progress = await this.repo.partitionProgress(m, this.idleMs);
      const next = watermarkOf(previous, progress, this.live ? new Date() : null);
      if (!next) return new Date(0);
      return next === previous ? next : this.repo.advance(m, next);
    });
  }
}

export const BUSINESS_CLOCK = Symbol('BUSINESS_CLOCK');

export function businessClockFor(config: HubConfig, dataSource: DataSource): BusinessClock {
  if (config.clockMode === 'wall') return new WallClock();
  return new WatermarkClock(dataSource, config.watermarkIdleMs, config.clockMode === 'auto');
}
