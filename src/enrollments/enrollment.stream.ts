import { streamIdOf } from '../shared/ids';
import { MembershipKey } from './enrollment.commands';

export const enrollmentStream = (enrollmentId: string) => streamIdOf('enrollment', enrollmentId);

/** Not `classroom-…`, so no classroom id can name a registry stream; the registry checks the key it holds. */
export const classroomMembershipStream = ({ classroomId, role, personId }: MembershipKey) =>
  streamIdOf('classroom_membership', `${classroomId}.${role}.${personId}`);
