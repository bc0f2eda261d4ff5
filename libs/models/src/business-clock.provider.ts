import type { DataSource } from 'typeorm';
import { WallClock, type BusinessClock } from '@zhijian/clock';
import type { HubConfig } from '@zhijian/config';
import { ClockRepository } from '@zhijian/persistence';

/** The feeds' watermark, as the ingest step stored it (replays and the demo). */
export class WatermarkClock implements BusinessClock {
  private readonly repo = new ClockRepository();
  constructor(private readonly dataSource: DataSource) {}

  async asOf(): Promise<Date> {
    return (await this.repo.read(this.dataSource.manager)) ?? new Date(0);
  }
}

export const BUSINESS_CLOCK = Symbol('BUSINESS_CLOCK');

export function businessClockFor(config: HubConfig, dataSource: DataSource): BusinessClock {
  return config.clockMode === 'wall' ? new WallClock() : new WatermarkClock(dataSource);
}
