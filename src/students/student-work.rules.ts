import { WorkContent } from './student-work.events';

/** Reporting apps' clocks drift: work may be stamped up to this far ahead of ours. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface FigureProblem {
  field: 'minutes' | 'score' | 'points';
  value: number;
  min: number;
  max?: number;
}

/** minutes ≥ 0, score 0–100, points ≥ 0: every figure out of range, so the caller can fix them all at once. */
export function figureProblems(content: Pick<WorkContent, 'minutes' | 'score' | 'points'>): FigureProblem[] {
  const problems: FigureProblem[] = [];
  if (content.minutes !== undefined && !(content.minutes >= 0)) problems.push({ field: 'minutes', value: content.minutes, min: 0 });
  if (content.score !== undefined && !(content.score >= 0 && content.score <= 100)) problems.push({ field: 'score', value: content.score, min: 0, max: 100 });
  if (content.points !== undefined && !(content.points >= 0)) problems.push({ field: 'points', value: content.points, min: 0 });
  return problems;
}

export const isInTheFuture = (completedAt: string, now: Date): boolean => Date.parse(completedAt) > now.getTime() + CLOCK_SKEW_MS;

/** The same instant however it was written (`+02:00`, no milliseconds…): one spelling for hashes and events. */
export const normalisedInstant = (instant: string): string => new Date(instant).toISOString();

/** The UTC calendar day of an instant: the day enrollments are checked against. */
export const dayOf = (instant: string): string => instant.slice(0, 10);

/** Work content with absent optional fields left out and the instant normalised. */
export function normalisedContent(content: WorkContent): WorkContent {
  return {
    completedAt: normalisedInstant(content.completedAt),
    activity: content.activity,
    ...(content.subject !== undefined ? { subject: content.subject } : {}),
    ...(content.classroomId !== undefined ? { classroomId: content.classroomId } : {}),
    ...(content.minutes !== undefined ? { minutes: content.minutes } : {}),
    ...(content.score !== undefined ? { score: content.score } : {}),
    ...(content.points !== undefined ? { points: content.points } : {}),
  };
}

/** A fixed field order, so equal content always gives equal fingerprints. */
export const contentFields = (c: WorkContent): (string | number | null)[] => [
  c.completedAt, c.activity, c.subject ?? null, c.classroomId ?? null, c.minutes ?? null, c.score ?? null, c.points ?? null,
];
