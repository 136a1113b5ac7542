import { OwnershipDefinition } from '../scopes/ownership';
import { studentDecider, StudentState } from './student.decider';
import { studentStream } from './student.stream';

/** A student is owned by their district and every school they attend or attended. */
export const studentOwnership: OwnershipDefinition<StudentState> = {
  type: 'student',
  decider: studentDecider,
  stream: studentStream,
  owners: (state) => (state.status === 'none' ? null : [state.districtId, ...state.associations.map((a) => a.schoolId)]),
};
