import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { OrganisationsModule } from '../organisations/organisations.module';
import { StudentCommandHandler } from './student.handlers';
import { StudentLookup } from './student.lookup';
import { StudentClassroomEnrollments } from './student-work.enrollment-lookup';
import { studentRoutes } from './student.routes';

@Module({
  imports: [OrganisationsModule],
  providers: [StudentCommandHandler, StudentLookup, StudentClassroomEnrollments],
  exports: [StudentLookup],
})
export class StudentsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(studentRoutes);
  }
}
