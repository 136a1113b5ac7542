import { coversDay } from '../../src/shared/dates';
import type { AttributionRule, UnattributedReason, WorkItemDocument } from './work-attribution.read-model';

/** Where a piece of work counts now, and which rule said so. */
export interface Attribution {
  classroomId: string | null;
  rule: AttributionRule;
  reason: string | null;
}

/** A student enrollment as the rules see it: half-open dates. */
export interface EnrollmentSpan {
  classroomId: string;
  beginDate: string;
  endDate: string | null;
}

/** Subjects match case-insensitively, ignoring surrounding spaces ("Math " = "math"). */
export const subjectKey = (subject: string) => subject.trim().toLowerCase();

export const dayOf = (completedAt: string) => completedAt.slice(0, 10);

const unattributed = (reason: UnattributedReason): Attribution => ({ classroomId: null, rule: 'unattributed', reason });
const decided = (classroomId: string, rule: Exclude<AttributionRule, 'unattributed' | 'explicit'>): Attribution => ({ classroomId, rule, reason: null });

/**
 * work.md's rules, first match wins: explicit → reported → subject → single → unattributed.
 * Pure and order-free (a set of covering classrooms), so the same events always give the same answer.
 */
export function attribute(
  item: Pick<WorkItemDocument, 'completedAt' | 'subject' | 'reportedClassroomId' | 'explicit'>,
  enrollments: readonly EnrollmentSpan[],
  subjectsOf: (classroomId: string) => readonly string[],
): Attribution {
  if (item.explicit) return { classroomId: item.explicit.classroomId, rule: 'explicit', reason: item.explicit.reason };
  const day = dayOf(item.completedAt);
  const covering = new Set(enrollments.filter((e) => coversDay(e.beginDate, e.endDate, day)).map((e) => e.classroomId));
  const reported = item.reportedClassroomId;
  if (reported !== null && covering.has(reported)) return decided(reported, 'reported');
  if (item.subject !== null) {
    const subject = subjectKey(item.subject);
    const teaching = [...covering].filter((c) => subjectsOf(c).some((s) => subjectKey(s) === subject));
    if (teaching.length === 1) return decided(teaching[0], 'subject');
  }
  if (covering.size === 1) return decided([...covering][0], 'single');
  // A reported classroom the roster does not back is the most telling reason, so it wins over the other two.
  if (reported !== null) return unattributed('reported_not_enrolled');
  return unattributed(covering.size === 0 ? 'no_enrollment' : 'ambiguous');
}
