import { streamIdOf } from '../shared/ids';

export const claimWindowStream = (claimWindowId: string) => streamIdOf('claim-window', claimWindowId);
/** One stream for every window's dates ("claim-windows", so no window id can collide with it). */
export const CLAIM_WINDOW_REGISTRY_STREAM = streamIdOf('claim-windows', 'registry');
