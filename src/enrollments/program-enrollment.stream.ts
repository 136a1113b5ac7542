import { createHash } from 'node:crypto';
import { streamIdOf } from '../shared/ids';

export const programEnrollmentStream = (programEnrollmentId: string) => streamIdOf('program-enrollment', programEnrollmentId);

/** One registry stream per (organisation, externalUserKey); hashed so the key never appears in a stream name. */
export const programKeyRegistryStream = (organisationId: string, externalUserKey: string) =>
  streamIdOf('program-key', createHash('sha256').update(`${organisationId}\u0000${externalUserKey}`).digest('hex').slice(0, 40));
