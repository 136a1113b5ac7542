import { streamIdOf } from '../shared/ids';

export const claimStream = (claimId: string) => streamIdOf('claim', claimId);
