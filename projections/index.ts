import { organisationsProjection } from './organisations/organisations.projector';
import { OrganisationsController } from './organisations/organisations.controller';
import { rostersProjection } from './rosters/rosters.projector';
import { RostersController } from './rosters/rosters.controller';
import { studentRecordsProjection } from './student-records/student-records.projector';
import { StudentRecordsController } from './student-records/student-records.controller';
import { ProjectionDefinition } from './subscription/projection';

/** Every read model and the controllers that query it. */
export const PROJECTIONS: ProjectionDefinition[] = [organisationsProjection, rostersProjection, studentRecordsProjection];

export const QUERY_CONTROLLERS = [OrganisationsController, RostersController, StudentRecordsController];
