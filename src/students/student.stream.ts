import { streamIdOf } from '../shared/ids';

export const studentStream = (studentId: string) => streamIdOf('student', studentId);
