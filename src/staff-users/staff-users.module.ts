import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StaffUserCommandHandler } from './staff-user.handlers';
import { StaffUserLookup } from './staff-user.lookup';
import { staffUserRoutes } from './staff-user.routes';

@Module({
  imports: [OrganisationsModule],
  providers: [StaffUserCommandHandler, StaffUserLookup],
  exports: [StaffUserLookup],
})
export class StaffUsersModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(staffUserRoutes);
  }
}
