import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { HostingInterestsModule } from '../hosting-interests/hosting-interests.module';
import { CommandCatalog } from '../http/command-catalog';
import { MentorsModule } from '../mentors/mentors.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SubjectsModule } from '../subjects/subjects.module';
import { PlacementCleanup } from './placement-cleanup.process-manager';
import { PlacementFacts } from './placement.facts';
import { PlacementCommandHandler } from './placement.handlers';
import { placementRoutes } from './placement.routes';
import { Ownerships } from '../scopes/ownership';
import { placementOwnership } from './placement.ownership';
// Registers the upcasters of placement events before anything reads the log.
import './placement.upcasters';

@Module({
  imports: [OrganisationsModule, AcademicYearsModule, MentorsModule, SubjectsModule, HostingInterestsModule],
  providers: [PlacementCommandHandler, PlacementFacts, PlacementCleanup],
})
export class PlacementsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(placementRoutes);
    ownerships.register(placementOwnership);
  }
}
