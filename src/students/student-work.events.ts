import { DomainEvent } from '../shared/event';

/** What a learning app reported about one piece of work: a fact about the student, not about a classroom. */
export interface WorkContent {
  /** ISO-8601 instant in UTC (normalised by the decider). */
  completedAt: string;
  activity: string;
  subject?: string;
  /** The classroom the reporting app believed the work was done in: kept as reported, never checked. */
  classroomId?: string;
  minutes?: number;
  score?: number;
  points?: number;
}

export type StudentWorkRecorded = DomainEvent<'StudentWorkRecorded', { studentId: string; workId: string } & WorkContent>;
/** A teacher's or administrator's correction: this work counts for this classroom, whatever the rules say. */
export type StudentWorkAttributed = DomainEvent<'StudentWorkAttributed', { studentId: string; workId: string; classroomId: string; reason: string }>;
/** Back to the rules; `classroomId` is the correction that was withdrawn. */
export type StudentWorkAttributionCleared = DomainEvent<'StudentWorkAttributionCleared', { studentId: string; workId: string; classroomId: string }>;

export type StudentWorkEvent = StudentWorkRecorded | StudentWorkAttributed | StudentWorkAttributionCleared;

export const STUDENT_WORK_EVENT_TYPES: ReadonlySet<StudentWorkEvent['type']> = new Set([
  'StudentWorkRecorded',
  'StudentWorkAttributed',
  'StudentWorkAttributionCleared',
]);
