import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StaffUserCommandHandler } from './staff-user.handlers';
import { StaffUserLookup } from './staff-user.lookup';
import { staffUserRoutes } from './staff-user.routes';
import { Ownerships } from '../scopes/ownership';
import { staffUserOwnership } from './staff-user.ownership';

@Module({
  imports: [OrganisationsModule],
  providers: [StaffUserCommandHandler, StaffUserLookup],
  exports: [StaffUserLookup],
})
export class StaffUsersModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(staffUserRoutes);
    ownerships.register(staffUserOwnership);
  }
}
