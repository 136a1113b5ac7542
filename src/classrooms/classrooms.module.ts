import { Module } from '@nestjs/common';
import { AcademicYearsModule } from '../academic-years/academic-years.module';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ClassroomCommandHandler } from './classroom.handlers';
import { ClassroomLookup } from './classroom.lookup';
import { classroomRoutes } from './classroom.routes';
import { Ownerships } from '../scopes/ownership';
import { classroomOwnership } from './classroom.ownership';

@Module({
  imports: [OrganisationsModule, AcademicYearsModule],
  providers: [ClassroomCommandHandler, ClassroomLookup],
  exports: [ClassroomLookup],
})
export class ClassroomsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(classroomRoutes);
    ownerships.register(classroomOwnership);
  }
}
