import { OwnershipDefinition } from '../scopes/ownership';
import { STUDENT_WORK_EVENT_TYPES } from './student-work.events';
import { STUDENT_EVENT_TYPES } from './student.events';
import { studentDecider, StudentState } from './student.decider';
import { studentStream } from './student.stream';

/** A student is owned by their district and every school they attend or attended. */
export const studentOwnership: OwnershipDefinition<StudentState> = {
  type: 'student',
  decider: studentDecider,
  stream: studentStream,
  eventTypes: new Set<string>([...STUDENT_EVENT_TYPES, ...STUDENT_WORK_EVENT_TYPES]),
  owners: (state) => (state.status === 'none' ? null : [state.districtId, ...state.associations.map((a) => a.schoolId)]),
  // Only StudentRegistered sets the district (student.ownership.spec.ts folds every other kind of change).
  permanentOwners: (state) => (state.status === 'none' ? [] : [state.districtId]),
};
