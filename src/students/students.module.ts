import { Module } from '@nestjs/common';
import { AggregateLoader } from '../event-store/aggregate-loader';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PersonalDataEraser } from '../privacy/personal-data-eraser';
import { StudentCommandHandler } from './student.handlers';
import { StudentLookup } from './student.lookup';
import { StudentClassroomEnrollments } from './student-work.enrollment-lookup';
import { studentDecider } from './student.decider';
import { studentRoutes } from './student.routes';
import { studentSnapshot } from './student.snapshot';
import { Ownerships } from '../scopes/ownership';
import { studentOwnership } from './student.ownership';

@Module({
  imports: [OrganisationsModule],
  providers: [StudentCommandHandler, StudentLookup, StudentClassroomEnrollments, PersonalDataEraser],
  exports: [StudentLookup],
})
export class StudentsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog, loader: AggregateLoader) {
    catalog.register(studentRoutes);
    ownerships.register(studentOwnership);
    // Students with long work histories load from a snapshot plus the tail after it.
    loader.useSnapshots(studentDecider, studentSnapshot);
  }
}
