import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PartnershipCommandHandler } from './partnership.handlers';
import { partnershipRoutes } from './partnership.routes';

@Module({
  imports: [OrganisationsModule],
  providers: [PartnershipCommandHandler],
})
export class PartnershipsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(partnershipRoutes);
  }
}
