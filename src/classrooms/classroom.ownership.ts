import { OwnershipDefinition } from '../scopes/ownership';
import { classroomDecider, ClassroomState } from './classroom.decider';
import { classroomStream } from './classroom.stream';

/** A classroom is owned by its school. */
export const classroomOwnership: OwnershipDefinition<ClassroomState> = {
  type: 'classroom',
  decider: classroomDecider,
  stream: classroomStream,
  owners: (state) => (state.status === 'none' ? null : [state.schoolId]),
};
