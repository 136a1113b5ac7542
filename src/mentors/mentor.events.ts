import { DomainEvent } from '../shared/event';

/** Mentors of trainee teachers (domain/claims.md reference data; placements name them too). */
export type MentorRegistered = DomainEvent<'MentorRegistered', { mentorId: string; trn: string; givenName: string; familyName: string; birthDate?: string }>;
export type MentorJoinedSchool = DomainEvent<'MentorJoinedSchool', { mentorId: string; schoolId: string }>;
export type MentorLeftSchool = DomainEvent<'MentorLeftSchool', { mentorId: string; schoolId: string }>;

export type MentorEvent = MentorRegistered | MentorJoinedSchool | MentorLeftSchool;

export const MENTOR_EVENT_TYPES: ReadonlySet<MentorEvent['type']> = new Set(['MentorRegistered', 'MentorJoinedSchool', 'MentorLeftSchool']);
