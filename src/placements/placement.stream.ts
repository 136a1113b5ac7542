import { streamIdOf } from '../shared/ids';

export const placementStream = (placementId: string) => streamIdOf('placement', placementId);
