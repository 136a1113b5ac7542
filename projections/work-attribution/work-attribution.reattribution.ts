import type { Document } from '../../src/read-store/document-store.port';
import type { ProjectionCollection, ProjectionContext } from '../subscription/projection';
import { DayRange, inRange, mergedRanges, nextDay } from './work-attribution.ranges';
import {
  ClassroomDayDocument, classroomDayId, StudentDayDocument, studentDayId, UnattributedDayDocument, unattributedDayId, WORK_CLASSROOM_DAYS, WORK_CLASSROOMS,
  WORK_ITEMS, WORK_STUDENT_DAYS, WORK_STUDENTS, WORK_UNATTRIBUTED_DAYS, WorkClassroomDocument, WorkItemDocument, workItemId, WorkStudentDocument,
} from './work-attribution.read-model';
import { Attribution, attribute, dayOf } from './work-attribution.rules';
import { dayDocuments, sameTotals } from './work-attribution.totals';

/** What the rules know about one student, and the classrooms involved, each read once per event. */
class StudentFacts {
  private readonly classrooms = new Map<string, WorkClassroomDocument | null>();

  constructor(private readonly context: ProjectionContext, readonly student: WorkStudentDocument) {}

  static async load(context: ProjectionContext, studentId: string): Promise<StudentFacts> {
    const student = await context.collection<WorkStudentDocument>(WORK_STUDENTS).get(studentId);
    const facts = new StudentFacts(context, student ?? { studentId, enrollments: [], stays: [] });
    await facts.know(facts.student.enrollments.map((e) => e.classroomId));
    return facts;
  }

  async know(classroomIds: Iterable<string>): Promise<void> {
    const collection = this.context.collection<WorkClassroomDocument>(WORK_CLASSROOMS);
    for (const id of classroomIds) if (!this.classrooms.has(id)) this.classrooms.set(id, await collection.get(id));
  }

  subjectsOf = (classroomId: string): readonly string[] => this.classrooms.get(classroomId)?.subjects ?? [];

  /** The classroom's own record, else what its enrollment events said. */
  schoolOf = (classroomId: string): string | null =>
    this.classrooms.get(classroomId)?.schoolId ?? this.student.enrollments.find((e) => e.classroomId === classroomId)?.schoolId ?? null;
}

const sameAttribution = (item: WorkItemDocument, a: Attribution) => item.classroomId === a.classroomId && item.rule === a.rule && item.reason === a.reason;
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
const sorted = (ids: Iterable<string>) => [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

async function getAll<T extends Document>(collection: ProjectionCollection<T>, ids: Iterable<string>): Promise<T[]> {
  const docs: T[] = [];
  for (const id of ids) {
    const doc = await collection.get(id);
    if (doc) docs.push(doc);
  }
  return docs;
}

/** Writes `next` over the documents a day listed: changed ones put, vanished ones deleted, equal ones left alone. */
async function syncDays<T extends ClassroomDayDocument | UnattributedDayDocument>(
  collection: ProjectionCollection<T>,
  listed: readonly string[],
  next: Map<string, T>,
): Promise<void> {
  for (const [id, doc] of next) {
    const old = listed.includes(id) ? await collection.get(id) : null;
    if (!old || !sameTotals(old, doc) || old.schoolId !== doc.schoolId) await collection.put(id, doc);
  }
  for (const id of listed) if (!next.has(id)) await collection.delete(id);
}

class StudentDays {
  readonly items: ProjectionCollection<WorkItemDocument>;
  readonly sheets: ProjectionCollection<StudentDayDocument>;
  readonly classroomDays: ProjectionCollection<ClassroomDayDocument>;
  readonly unattributedDays: ProjectionCollection<UnattributedDayDocument>;

  constructor(context: ProjectionContext, readonly studentId: string) {
    this.items = context.collection(WORK_ITEMS);
    this.sheets = context.collection(WORK_STUDENT_DAYS);
    this.classroomDays = context.collection(WORK_CLASSROOM_DAYS);
    this.unattributedDays = context.collection(WORK_UNATTRIBUTED_DAYS);
  }

  /** One day is read by ids (the hot path: recording work); a longer range by the student's indexed fields. */
  async read(range: DayRange): Promise<{ sheets: StudentDayDocument[]; items: WorkItemDocument[] }> {
    const { studentId } = this;
    if (range.to !== null && range.to === nextDay(range.from)) {
      const sheet = await this.sheets.get(studentDayId(studentId, range.from));
      if (!sheet) return { sheets: [], items: [] };
      return { sheets: [sheet], items: await getAll(this.items, sheet.workIds.map((workId) => workItemId(studentId, workId))) };
    }
    const days = range.to === null ? { $gte: range.from } : { $gte: range.from, $lt: range.to };
    const [sheets, items] = await Promise.all([this.sheets.find({ studentId, day: days }), this.items.find({ studentId, completedAt: days })]);
    return { sheets, items };
  }

  /** Re-runs the rules for one day's items and rewrites what changed: items, day totals, the day's sheet. */
  async settle(day: string, items: WorkItemDocument[], sheet: StudentDayDocument | undefined, facts: StudentFacts, edited?: WorkItemDocument): Promise<void> {
    await facts.know(items.flatMap((item) => (item.explicit ? [item.explicit.classroomId] : [])));
    const attributed: WorkItemDocument[] = [];
    for (const item of items) {
      const attribution = attribute(item, facts.student.enrollments, facts.subjectsOf);
      const next = { ...item, ...attribution };
      if (item === edited || !sameAttribution(item, attribution)) await this.items.put(workItemId(this.studentId, item.workId), next);
      attributed.push(next);
    }
    const days = dayDocuments(attributed, facts.student.stays, facts.schoolOf);
    await syncDays(this.classroomDays, sheet?.classroomDayIds ?? [], days.classroomDays);
    await syncDays(this.unattributedDays, sheet?.unattributedDayIds ?? [], days.unattributedDays);
    const next: StudentDayDocument = {
      studentId: this.studentId,
      day,
      workIds: sorted(items.map((i) => i.workId)),
      classroomDayIds: sorted(days.classroomDays.keys()),
      unattributedDayIds: sorted(days.unattributedDays.keys()),
    };
    const id = studentDayId(this.studentId, day);
    if (items.length === 0) {
      if (sheet) await this.sheets.delete(id);
    } else if (!sheet || !sameList(sheet.workIds, next.workIds) || !sameList(sheet.classroomDayIds, next.classroomDayIds) || !sameList(sheet.unattributedDayIds, next.unattributedDayIds)) {
      await this.sheets.put(id, next);
    }
  }
}

/**
 * Re-runs the rules for one student's work done in `ranges` and recomputes that student's day
 * totals there from the work items (never by increments, so a replayed or half-applied event
 * converges to the same documents). `edited` is a work item this event adds or changes. Each
 * document is written at most once per event: the store skips a second write at the same position.
 */
export async function reattribute(context: ProjectionContext, studentId: string, ranges: DayRange[], edited?: WorkItemDocument): Promise<void> {
  if (ranges.length === 0) return;
  const facts = await StudentFacts.load(context, studentId);
  const student = new StudentDays(context, studentId);
  for (const range of mergedRanges(ranges)) {
    const { sheets, items } = await student.read(range);
    const byDay = new Map<string, { sheet?: StudentDayDocument; items: Map<string, WorkItemDocument> }>();
    const dayOfSheet = (day: string) => byDay.get(day) ?? byDay.set(day, { items: new Map() }).get(day)!;
    for (const sheet of sheets) dayOfSheet(sheet.day).sheet = sheet;
    for (const item of items) dayOfSheet(dayOf(item.completedAt)).items.set(item.workId, item);
    if (edited && inRange(dayOf(edited.completedAt), range)) dayOfSheet(dayOf(edited.completedAt)).items.set(edited.workId, edited);
    for (const day of sorted(byDay.keys())) {
      const entry = byDay.get(day)!;
      await student.settle(day, [...entry.items.values()], entry.sheet, facts, edited);
    }
  }
}
