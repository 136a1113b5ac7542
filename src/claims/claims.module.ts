import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { ClaimRegistersModule } from '../claim-registers/claim-registers.module';
import { ClaimWindowsModule } from '../claim-windows/claim-windows.module';
import { CommandCatalog } from '../http/command-catalog';
import { MentorAllowancesModule } from '../mentor-allowances/mentor-allowances.module';
import { MentorsModule } from '../mentors/mentors.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StaffUsersModule } from '../staff-users/staff-users.module';
import { ClaimBatchHandler } from './claim-batch.handlers';
import { ClaimFacts } from './claim.facts';
import { ClaimCommandHandler } from './claim.handlers';
import { ClaimLookup } from './claim.lookup';
import { claimRoutes } from './claim.routes';
import { ClaimSurroundings } from './claim.surroundings';
import { Ownerships } from '../scopes/ownership';
import { claimOwnership } from './claim.ownership';

@Module({
  imports: [OrganisationsModule, AcademicYearsModule, StaffUsersModule, MentorsModule, ClaimWindowsModule, MentorAllowancesModule, ClaimRegistersModule],
  providers: [ClaimCommandHandler, ClaimBatchHandler, ClaimFacts, ClaimLookup, ClaimSurroundings],
})
export class ClaimsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(claimRoutes);
    ownerships.register(claimOwnership);
  }
}
