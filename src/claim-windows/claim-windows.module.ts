import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { CommandCatalog } from '../http/command-catalog';
import { ClaimWindowCommandHandler } from './claim-window.handlers';
import { ClaimWindowLookup } from './claim-window.lookup';
import { claimWindowRoutes } from './claim-window.routes';
import { Ownerships } from '../scopes/ownership';
import { CLAIM_WINDOW_EVENT_TYPES } from './claim-window.events';

@Module({
  imports: [AcademicYearsModule],
  providers: [ClaimWindowCommandHandler, ClaimWindowLookup],
  exports: [ClaimWindowLookup],
})
export class ClaimWindowsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(claimWindowRoutes);
    // Published directories: every audit token may read their streams.
    ownerships.registerDirectory('claim-window-', CLAIM_WINDOW_EVENT_TYPES);
  }
}
