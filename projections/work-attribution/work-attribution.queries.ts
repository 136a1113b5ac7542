import type { Paging } from '../../src/http/paging';
import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import {
  ClassroomDayDocument, DayTotals, UNATTRIBUTED_REASONS, UnattributedDayDocument, UnattributedReason, WORK_CLASSROOM_DAYS, WORK_CLASSROOMS,
  WORK_ITEMS, WORK_UNATTRIBUTED_DAYS, WorkClassroomDocument, WorkItemDocument,
} from './work-attribution.read-model';
import { addTotals, noTotals, ReportTotals, reportTotals } from './work-attribution.totals';
import { findPage } from '../../src/read-store/find-page';

/** Days of completedAt (UTC): `from` inclusive, `to` exclusive; either may be left open. */
export interface WorkPeriod {
  from?: string;
  to?: string;
}

export interface ClassroomWork {
  classroomId: string;
  totals: ReportTotals;
  students: { studentId: string; totals: ReportTotals }[];
}

export interface SchoolWork {
  schoolId: string;
  classrooms: { classroomId: string; title: string | null; totals: ReportTotals }[];
  unattributed: { totals: ReportTotals; byReason: Record<UnattributedReason, ReportTotals> };
}

export type WorkItemView = Pick<
  WorkItemDocument,
  'workId' | 'completedAt' | 'activity' | 'subject' | 'minutes' | 'points' | 'score' | 'reportedClassroomId' | 'classroomId' | 'rule' | 'reason'
>;

const range = (period: WorkPeriod) => ({ ...(period.from ? { $gte: period.from } : {}), ...(period.to ? { $lt: period.to } : {}) });
const daysIn = (period: WorkPeriod): Filter => (period.from || period.to ? { day: range(period) } : {});
const completedIn = (period: WorkPeriod): Filter => (period.from || period.to ? { completedAt: range(period) } : {});

function totalsBy<T extends DayTotals>(docs: T[], key: (doc: T) => string): Map<string, DayTotals> {
  const totals = new Map<string, DayTotals>();
  for (const doc of docs) totals.set(key(doc), addTotals(totals.get(key(doc)) ?? noTotals(), doc));
  return totals;
}

const sum = (totals: Iterable<DayTotals>) => [...totals].reduce(addTotals, noTotals());
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Null when the read model knows nothing of the classroom. */
export async function classroomWork(documents: DocumentStore, classroomId: string, period: WorkPeriod): Promise<ClassroomWork | null> {
  const [classroom, days] = await Promise.all([
    documents.collection<WorkClassroomDocument>(WORK_CLASSROOMS).get(classroomId),
    documents.collection<ClassroomDayDocument>(WORK_CLASSROOM_DAYS).find({ classroomId, ...daysIn(period) }),
  ]);
  if (!classroom && days.length === 0) return null;
  const perStudent = totalsBy(days, (d) => d.studentId);
  return {
    classroomId,
    totals: reportTotals(sum(perStudent.values())),
    students: [...perStudent.keys()].sort(byId).map((studentId) => ({ studentId, totals: reportTotals(perStudent.get(studentId)!) })),
  };
}

/** Every classroom of the school (with or without work), and the unattributed work of students admitted there on the day it was done. */
export async function schoolWork(documents: DocumentStore, schoolId: string, period: WorkPeriod): Promise<SchoolWork> {
  const [classrooms, days, unattributed] = await Promise.all([
    documents.collection<WorkClassroomDocument>(WORK_CLASSROOMS).find({ schoolId }),
    documents.collection<ClassroomDayDocument>(WORK_CLASSROOM_DAYS).find({ schoolId, ...daysIn(period) }),
    documents.collection<UnattributedDayDocument>(WORK_UNATTRIBUTED_DAYS).find({ schoolId, ...daysIn(period) }),
  ]);
  const titles = new Map<string, string | null>(classrooms.map((c) => [c.classroomId, c.title]));
  const perClassroom = totalsBy(days, (d) => d.classroomId);
  const byReason = totalsBy(unattributed, (d) => d.reason);
  const classroomIds = [...new Set([...titles.keys(), ...perClassroom.keys()])].sort(byId);
  return {
    schoolId,
    classrooms: classroomIds.map((classroomId) => ({
      classroomId,
      title: titles.get(classroomId) ?? null,
      totals: reportTotals(perClassroom.get(classroomId) ?? noTotals()),
    })),
    unattributed: {
      totals: reportTotals(sum(byReason.values())),
      byReason: Object.fromEntries(UNATTRIBUTED_REASONS.map((r) => [r, reportTotals(byReason.get(r) ?? noTotals())])) as Record<UnattributedReason, ReportTotals>,
    },
  };
}

export async function studentWork(documents: DocumentStore, studentId: string, period: WorkPeriod, paging: Paging): Promise<{ items: WorkItemView[]; total: number }> {
  const filter: Filter = { studentId, ...completedIn(period) };
  const { items: docs, total } = await findPage<WorkItemDocument>(documents, WORK_ITEMS, filter, [['completedAt', 1], ['workId', 1]], paging);
  const items = docs.map(({ workId, completedAt, activity, subject, minutes, points, score, reportedClassroomId, classroomId, rule, reason }) => ({
    workId, completedAt, activity, subject, minutes, points, score, reportedClassroomId, classroomId, rule, reason,
  }));
  return { items, total };
}
