import { DomainEvent } from '../shared/event';

export type SubjectPhase = 'primary' | 'secondary';
export const SUBJECT_PHASES: readonly SubjectPhase[] = ['primary', 'secondary'];

export type SubjectDefined = DomainEvent<
  'SubjectDefined',
  { subjectId: string; name: string; code: string; phase: SubjectPhase; parentSubjectId: string | null }
>;
export type SubjectMoved = DomainEvent<'SubjectMoved', { subjectId: string; parentSubjectId: string | null; previousParentSubjectId: string | null }>;
export type SubjectRenamed = DomainEvent<'SubjectRenamed', { subjectId: string; name: string }>;

export type SubjectEvent = SubjectDefined | SubjectMoved | SubjectRenamed;

export const SUBJECT_EVENT_TYPES: ReadonlySet<SubjectEvent['type']> = new Set(['SubjectDefined', 'SubjectMoved', 'SubjectRenamed']);
