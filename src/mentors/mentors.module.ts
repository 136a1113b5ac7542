import { Module } from '@nestjs/common';
import { ClaimRegistersModule } from '../claim-registers/claim-registers.module';
import { ClaimLookup } from '../claims/claim.lookup';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { MentorCommandHandler } from './mentor.handlers';
import { MentorLookup } from './mentor.lookup';
import { mentorRoutes } from './mentor.routes';
import { Ownerships } from '../scopes/ownership';
import { mentorOwnership } from './mentor.ownership';

@Module({
  imports: [OrganisationsModule, ClaimRegistersModule],
  providers: [MentorCommandHandler, MentorLookup, ClaimLookup],
  exports: [MentorLookup],
})
export class MentorsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(mentorRoutes);
    ownerships.register(mentorOwnership);
  }
}
