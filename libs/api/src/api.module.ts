import { type DynamicModule, Module } from '@nestjs/common';
import { LeadsController } from './leads.controller';
import { StatusController } from './status.controller';

@Module({})
export class ApiModule {
  /** Health and status are served by every process; the leads API where `leads` is set. */
  static forRoot(options: { leads: boolean }): DynamicModule {
    return {
      module: ApiModule,
      controllers: [StatusController, ...(options.leads ? [LeadsController] : [])],
    };
  }
}
