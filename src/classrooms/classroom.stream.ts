import { streamIdOf } from '../shared/ids';

export const classroomStream = (classroomId: string) => streamIdOf('classroom', classroomId);
