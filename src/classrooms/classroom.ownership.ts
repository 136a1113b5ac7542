import { OwnershipDefinition } from '../scopes/ownership';
import { CLASSROOM_EVENT_TYPES } from './classroom.events';
import { classroomDecider, ClassroomState } from './classroom.decider';
import { classroomStream } from './classroom.stream';

/** A classroom is owned by its school. */
export const classroomOwnership: OwnershipDefinition<ClassroomState> = {
  type: 'classroom',
  decider: classroomDecider,
  stream: classroomStream,
  eventTypes: CLASSROOM_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [state.schoolId]),
};
