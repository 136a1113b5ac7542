import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { CommandCatalog } from '../http/command-catalog';
import { StaffUserLookup } from '../staff-users/staff-user.lookup';
import { OrganisationCommandHandler } from './organisation.handlers';
import { OrganisationLookup } from './organisation.lookup';
import { organisationRoutes } from './organisation.routes';
import { Ownerships } from '../scopes/ownership';
import { organisationOwnership } from './organisation.ownership';

@Module({
  imports: [AcademicYearsModule],
  // StaffUserLookup is provided here, not imported: StaffUsersModule imports this module for OrganisationLookup.
  providers: [OrganisationCommandHandler, OrganisationLookup, StaffUserLookup],
  exports: [OrganisationLookup],
})
export class OrganisationsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(organisationRoutes);
    ownerships.register(organisationOwnership);
  }
}
