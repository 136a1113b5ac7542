import { streamIdOf } from '../shared/ids';

export const organisationStream = (organisationId: string) => streamIdOf('organisation', organisationId);
