import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationCommandHandler } from './organisation.handlers';
import { OrganisationLookup } from './organisation.lookup';
import { organisationRoutes } from './organisation.routes';

@Module({
  providers: [OrganisationCommandHandler, OrganisationLookup],
  exports: [OrganisationLookup],
})
export class OrganisationsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(organisationRoutes);
  }
}
