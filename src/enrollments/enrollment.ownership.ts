import { OwnershipDefinition } from '../scopes/ownership';
import { ENROLLMENT_EVENT_TYPES } from './enrollment.events';
import { PROGRAM_ENROLLMENT_EVENT_TYPES } from './program-enrollment.events';
import { enrollmentDecider, EnrollmentState } from './enrollment.decider';
import { enrollmentStream } from './enrollment.stream';
import { programEnrollmentDecider, ProgramEnrollmentState } from './program-enrollment.decider';
import { programEnrollmentStream } from './program-enrollment.stream';

/** A classroom enrollment is owned by the classroom's school. */
export const enrollmentOwnership: OwnershipDefinition<EnrollmentState> = {
  type: 'enrollment',
  decider: enrollmentDecider,
  stream: enrollmentStream,
  eventTypes: ENROLLMENT_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [state.schoolId]),
};

/** A program enrollment is owned by the organisation it names (none: national, `*` tokens only). */
export const programEnrollmentOwnership: OwnershipDefinition<ProgramEnrollmentState> = {
  type: 'program-enrollment',
  decider: programEnrollmentDecider,
  stream: programEnrollmentStream,
  eventTypes: PROGRAM_ENROLLMENT_EVENT_TYPES,
  owners: (state) => (state.stage === 'none' ? null : state.organisationId !== undefined ? [state.organisationId] : []),
};
