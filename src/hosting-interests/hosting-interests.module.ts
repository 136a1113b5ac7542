import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { HostingInterestCommandHandler } from './hosting-interest.handlers';
import { HostingInterestLookup } from './hosting-interest.lookup';
import { hostingInterestRoutes } from './hosting-interest.routes';
import { Ownerships } from '../scopes/ownership';
import { hostingInterestOwnership } from './hosting-interest.ownership';

@Module({
  imports: [OrganisationsModule, AcademicYearsModule],
  providers: [HostingInterestCommandHandler, HostingInterestLookup],
  exports: [HostingInterestLookup],
})
export class HostingInterestsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(hostingInterestRoutes);
    ownerships.register(hostingInterestOwnership);
  }
}
