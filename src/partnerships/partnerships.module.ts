import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PartnershipCommandHandler } from './partnership.handlers';
import { partnershipRoutes } from './partnership.routes';
import { Ownerships } from '../scopes/ownership';
import { partnershipOwnership } from './partnership.ownership';

@Module({
  imports: [OrganisationsModule],
  providers: [PartnershipCommandHandler],
})
export class PartnershipsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(partnershipRoutes);
    ownerships.register(partnershipOwnership);
  }
}
