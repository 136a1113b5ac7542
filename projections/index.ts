import { organisationsProjection } from './organisations/organisations.projector';
import { OrganisationsController } from './organisations/organisations.controller';
import { rostersProjection } from './rosters/rosters.projector';
import { RostersController } from './rosters/rosters.controller';
import { studentRecordsProjection } from './student-records/student-records.projector';
import { StudentRecordsController } from './student-records/student-records.controller';
import { programEnrollmentsProjection } from './program-enrollments/program-enrollments.projector';
import { ProgramEnrollmentsController } from './program-enrollments/program-enrollments.controller';
import { staffUsersProjection } from './staff-users/staff-users.projector';
import { StaffUsersController } from './staff-users/staff-users.controller';
import { academicYearsProjection } from './academic-years/academic-years.projector';
import { AcademicYearsController } from './academic-years/academic-years.controller';
import { placementsProjection } from './placements/placements.projector';
import { PlacementsController } from './placements/placements.controller';
import { hostingInterestProjection } from './hosting-interest/hosting-interest.projector';
import { HostingInterestController } from './hosting-interest/hosting-interest.controller';
import { subjectTreeProjection } from './subject-tree/subject-tree.projector';
import { SubjectTreeController } from './subject-tree/subject-tree.controller';
import { partnershipsProjection } from './partnerships/partnerships.projector';
import { PartnershipsController } from './partnerships/partnerships.controller';
import { claimsProjection } from './claims/claims.projector';
import { ClaimsController } from './claims/claims.controller';
import { claimHistoryProjection } from './claim-history/claim-history.projector';
import { ClaimHistoryController } from './claim-history/claim-history.controller';
import { claimPaymentsProjection } from './claim-payments/claim-payments.projector';
import { ClaimPaymentsController } from './claim-payments/claim-payments.controller';
import { workAttributionProjection } from './work-attribution/work-attribution.projector';
import { WorkAttributionController } from './work-attribution/work-attribution.controller';
import { ProjectionDefinition } from './subscription/projection';

/** Every read model and the controllers that query it. */
export const PROJECTIONS: ProjectionDefinition[] = [organisationsProjection, rostersProjection, studentRecordsProjection, programEnrollmentsProjection, staffUsersProjection, academicYearsProjection, placementsProjection, hostingInterestProjection, subjectTreeProjection, partnershipsProjection, claimsProjection, claimHistoryProjection, claimPaymentsProjection, workAttributionProjection];

export const QUERY_CONTROLLERS = [OrganisationsController, RostersController, StudentRecordsController, ProgramEnrollmentsController, StaffUsersController, AcademicYearsController, PlacementsController, HostingInterestController, SubjectTreeController, PartnershipsController, ClaimsController, ClaimHistoryController, ClaimPaymentsController, WorkAttributionController];
