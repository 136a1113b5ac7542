import { coversDay } from '../../src/shared/dates';
import { dayOf } from './work-attribution.rules';
import {
  ClassroomDayDocument, classroomDayId, DayTotals, SchoolStay, UnattributedDayDocument, unattributedDayId, UnattributedReason, WorkItemDocument,
} from './work-attribution.read-model';

/** Totals as the queries answer them (work.md). */
export interface ReportTotals {
  items: number;
  minutes: number;
  points: number;
  averageScore: number | null;
}

export const noTotals = (): DayTotals => ({ items: 0, minutes: 0, points: 0, scoreSum: 0, scored: 0 });

export function addTotals<T extends DayTotals>(into: T, add: DayTotals): T {
  into.items += add.items;
  into.minutes += add.minutes;
  into.points += add.points;
  into.scoreSum += add.scoreSum;
  into.scored += add.scored;
  return into;
}

const itemTotals = (item: WorkItemDocument): DayTotals => ({
  items: 1,
  minutes: item.minutes ?? 0,
  points: item.points ?? 0,
  scoreSum: item.score ?? 0,
  scored: item.score === null ? 0 : 1,
});

/** The average of the scores given, to 2 decimals; null when no item had a score. */
export const reportTotals = (t: DayTotals): ReportTotals => ({
  items: t.items,
  minutes: t.minutes,
  points: t.points,
  averageScore: t.scored === 0 ? null : Math.round((t.scoreSum / t.scored) * 100) / 100,
});

export const sameTotals = (a: DayTotals, b: DayTotals) =>
  a.items === b.items && a.minutes === b.minutes && a.points === b.points && a.scoreSum === b.scoreSum && a.scored === b.scored;

export interface DayDocuments {
  classroomDays: Map<string, ClassroomDayDocument>;
  unattributedDays: Map<string, UnattributedDayDocument>;
}

/**
 * One student's day documents, recomputed from that student's work items: attributed work by
 * classroom; unattributed work by reason, once for each school whose association covers the day.
 */
export function dayDocuments(items: Iterable<WorkItemDocument>, stays: readonly SchoolStay[], schoolOf: (classroomId: string) => string | null): DayDocuments {
  const classroomDays = new Map<string, ClassroomDayDocument>();
  const unattributedDays = new Map<string, UnattributedDayDocument>();
  // A fixed order: score sums are floating point, and must come out the same live and after a rebuild.
  const ordered = [...items].sort((a, b) => (a.completedAt + a.workId < b.completedAt + b.workId ? -1 : 1));
  for (const item of ordered) {
    const day = dayOf(item.completedAt);
    if (item.classroomId !== null) {
      const id = classroomDayId(item.classroomId, item.studentId, day);
      const doc = classroomDays.get(id) ?? { classroomId: item.classroomId, schoolId: schoolOf(item.classroomId), studentId: item.studentId, day, ...noTotals() };
      classroomDays.set(id, addTotals(doc, itemTotals(item)));
      continue;
    }
    const reason = item.reason as UnattributedReason;
    const schools = new Set(stays.filter((s) => coversDay(s.entryDate, s.exitDate, day)).map((s) => s.schoolId));
    for (const schoolId of schools) {
      const id = unattributedDayId(schoolId, item.studentId, day, reason);
      const doc = unattributedDays.get(id) ?? { schoolId, studentId: item.studentId, day, reason, ...noTotals() };
      unattributedDays.set(id, addTotals(doc, itemTotals(item)));
    }
  }
  return { classroomDays, unattributedDays };
}
