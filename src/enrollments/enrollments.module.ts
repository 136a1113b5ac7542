import { Module } from '@nestjs/common';
import { ClassroomsModule } from '../classrooms/classrooms.module';
import { CommandCatalog } from '../http/command-catalog';
import { StaffUsersModule } from '../staff-users/staff-users.module';
import { StudentsModule } from '../students/students.module';
import { EnrollmentCommandHandler } from './enrollment.handlers';
import { ClassroomMemberships } from './enrollment.memberships';
import { enrollmentRoutes } from './enrollment.routes';
import { Ownerships } from '../scopes/ownership';
import { enrollmentOwnership } from './enrollment.ownership';

/** Classroom enrollments (OneRoster); program enrollments have their own module. */
@Module({
  imports: [ClassroomsModule, StudentsModule, StaffUsersModule],
  providers: [EnrollmentCommandHandler, ClassroomMemberships],
})
export class EnrollmentsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(enrollmentRoutes);
    ownerships.register(enrollmentOwnership);
  }
}
