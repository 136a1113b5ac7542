import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgramEnrollmentFacts } from './program-enrollment.facts';
import { ProgramEnrollmentCommandHandler } from './program-enrollment.handlers';
import { LinkProgramEnrollmentsByKeyHandler } from './program-enrollment.link-by-key.handler';
import { programEnrollmentRoutes } from './program-enrollment.routes';
import { Ownerships } from '../scopes/ownership';
import { programEnrollmentOwnership } from './enrollment.ownership';

@Module({
  imports: [OrganisationsModule],
  providers: [ProgramEnrollmentFacts, ProgramEnrollmentCommandHandler, LinkProgramEnrollmentsByKeyHandler],
})
export class ProgramEnrollmentsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(programEnrollmentRoutes);
    ownerships.register(programEnrollmentOwnership);
  }
}
