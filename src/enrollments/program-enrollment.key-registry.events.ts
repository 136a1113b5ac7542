import { DomainEvent } from '../shared/event';

/**
 * An enrollment waiting under an (organisation, externalUserKey) pair, recorded in that pair's
 * registry stream before the enrollment itself, so LinkProgramEnrollmentsByKey can find every one.
 * The key is not repeated here: the stream name is its hash.
 */
export type ProgramEnrollmentKeyRegistered = DomainEvent<'ProgramEnrollmentKeyRegistered', { organisationId: string; programEnrollmentId: string }>;

export type ProgramKeyRegistryEvent = ProgramEnrollmentKeyRegistered;
