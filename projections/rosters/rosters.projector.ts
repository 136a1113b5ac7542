import { composeProjection } from '../subscription/compose';
import { classroomMembersPart } from './rosters.classroom-members';
import { classroomsPart } from './rosters.classrooms';
import { rosterCollections } from './rosters.read-model';
import { studentRostersPart } from './rosters.students';

/** District directory, school rosters, a school's classrooms and classroom rosters: one checkpoint, one rebuild. */
export const rostersProjection = composeProjection('rosters', 3, rosterCollections, [studentRostersPart, classroomsPart, classroomMembersPart]);
