import { streamIdOf } from '../shared/ids';

export const staffUserStream = (userId: string) => streamIdOf('user', userId);
