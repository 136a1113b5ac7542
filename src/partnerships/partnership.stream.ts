import { streamIdOf } from '../shared/ids';

/** One stream per pair: "one active partnership per pair" holds by construction. */
export const partnershipId = (schoolId: string, providerId: string) => `${schoolId}.${providerId}`;
export const partnershipStream = (schoolId: string, providerId: string) => streamIdOf('partnership', partnershipId(schoolId, providerId));
