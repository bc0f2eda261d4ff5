import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HUB_CONFIG, type HubConfig } from '@zhijian/config';
import { dataSourceOptions } from './data-source';

/** The one DataSource of a process; repositories take its EntityManager per transaction. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [HUB_CONFIG],
      useFactory: (config: HubConfig) => dataSourceOptions(config.databaseUrl),
    }),
  ],
})
export class PersistenceModule {}
