import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { CommandCatalog } from '../http/command-catalog';
import { ClaimWindowCommandHandler } from './claim-window.handlers';
import { ClaimWindowLookup } from './claim-window.lookup';
import { claimWindowRoutes } from './claim-window.routes';

@Module({
  imports: [AcademicYearsModule],
  providers: [ClaimWindowCommandHandler, ClaimWindowLookup],
  exports: [ClaimWindowLookup],
})
export class ClaimWindowsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(claimWindowRoutes);
  }
}
