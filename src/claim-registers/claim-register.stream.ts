import { streamIdOf } from '../shared/ids';

export const claimRegisterStream = (registerId: string) => streamIdOf('claim-register', registerId);

/** Claims submitted in a window (batch commands find their claims here). */
export const windowRegisterId = (claimWindowId: string) => `window.${claimWindowId}`;
/** Claims that name a mentor (refresher eligibility, a mentor leaving a school). */
export const mentorRegisterId = (mentorId: string) => `mentor.${mentorId}`;
