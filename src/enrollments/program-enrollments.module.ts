import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProgramEnrollmentFacts } from './program-enrollment.facts';
import { ProgramEnrollmentCommandHandler } from './program-enrollment.handlers';
import { LinkProgramEnrollmentsByKeyHandler } from './program-enrollment.link-by-key.handler';
import { programEnrollmentRoutes } from './program-enrollment.routes';

@Module({
  imports: [OrganisationsModule],
  providers: [ProgramEnrollmentFacts, ProgramEnrollmentCommandHandler, LinkProgramEnrollmentsByKeyHandler],
})
export class ProgramEnrollmentsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(programEnrollmentRoutes);
  }
}
