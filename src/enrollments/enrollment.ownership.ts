import { OwnershipDefinition } from '../scopes/ownership';
import { enrollmentDecider, EnrollmentState } from './enrollment.decider';
import { enrollmentStream } from './enrollment.stream';
import { programEnrollmentDecider, ProgramEnrollmentState } from './program-enrollment.decider';
import { programEnrollmentStream } from './program-enrollment.stream';

/** A classroom enrollment is owned by the classroom's school. */
export const enrollmentOwnership: OwnershipDefinition<EnrollmentState> = {
  type: 'enrollment',
  decider: enrollmentDecider,
  stream: enrollmentStream,
  owners: (state) => (state.status === 'none' ? null : [state.schoolId]),
};

/** A program enrollment is owned by the organisation it names (none: national, `*` tokens only). */
export const programEnrollmentOwnership: OwnershipDefinition<ProgramEnrollmentState> = {
  type: 'program-enrollment',
  decider: programEnrollmentDecider,
  stream: programEnrollmentStream,
  owners: (state) => (state.stage === 'none' ? null : state.organisationId !== undefined ? [state.organisationId] : []),
};
