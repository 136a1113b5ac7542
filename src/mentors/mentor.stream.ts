import { streamIdOf } from '../shared/ids';

export const mentorStream = (mentorId: string) => streamIdOf('mentor', mentorId);
