import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { PROJECTIONS, QUERY_CONTROLLERS } from '../projections';
import { ProjectionsModule } from '../projections/projections.module';
import { AcademicYearsModule } from './academic-years/academic-years.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ClaimWindowsModule } from './claim-windows/claim-windows.module';
import { ClaimsModule } from './claims/claims.module';
import { ClassroomsModule } from './classrooms/classrooms.module';
import { AppOverrides } from './config/app-overrides';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { EnrollmentsModule } from './enrollments/enrollments.module';
import { EventStoreModule } from './event-store/event-store.module';
import { HostingInterestsModule } from './hosting-interests/hosting-interests.module';
import { HttpModule } from './http/http.module';
import { InterchangeModule } from './interchange/interchange.module';
import { MentorsModule } from './mentors/mentors.module';
import { OperationsModule } from './operations/operations.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PartnershipsModule } from './partnerships/partnerships.module';
import { PlacementsModule } from './placements/placements.module';
import { PrivacyModule } from './privacy/privacy.module';
import { ProgramEnrollmentsModule } from './enrollments/program-enrollments.module';
import { ReadStoreModule } from './read-store/read-store.module';
import { StaffUsersModule } from './staff-users/staff-users.module';
import { StudentsModule } from './students/students.module';
import { SubjectsModule } from './subjects/subjects.module';
import { ScopesModule } from './scopes/scopes.module';
import { OrganisationTreeQuery } from '../projections/organisations/organisation-tree';

/** The composition root: the one place that wires src/ to projections/. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, overrides: AppOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, overrides),
        CqrsModule.forRoot(),
        EventStoreModule,
        ReadStoreModule,
        AuthModule,
        HttpModule,
        // After HttpModule: its read-consistency interceptor wraps the scope interceptor, so every answer has X-Position.
        ScopesModule.register(OrganisationTreeQuery),
        ProjectionsModule.register(PROJECTIONS, QUERY_CONTROLLERS),
        AuditModule,
        PrivacyModule,
        OperationsModule,
        OrganisationsModule,
        AcademicYearsModule,
        StaffUsersModule,
        StudentsModule,
        ClassroomsModule,
        EnrollmentsModule,
        ProgramEnrollmentsModule,
        SubjectsModule,
        HostingInterestsModule,
        PartnershipsModule,
        PlacementsModule,
        MentorsModule,
        ClaimWindowsModule,
        ClaimsModule,
        InterchangeModule,
      ],
    };
  }
}
