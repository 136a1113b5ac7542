import type { ClassroomCreated, ClassroomUpdated } from '../../src/classrooms/classroom.events';
import type { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import type { RecordedOf } from '../../src/shared/event';
import type { StudentAdmittedToSchool, StudentWithdrawnFromSchool } from '../../src/students/student.events';
import type { ProjectionPart } from '../subscription/compose';
import type { ProjectionContext } from '../subscription/projection';
import { changedRanges, DayRange, mergedRanges } from './work-attribution.ranges';
import {
  SchoolStay, StudentEnrollment, WORK_CLASSROOMS, WORK_ENROLLMENTS, WORK_STUDENTS, WorkClassroomDocument, WorkEnrollmentDocument, WorkStudentDocument,
} from './work-attribution.read-model';
import { reattribute } from './work-attribution.reattribution';

type RosterEvent = EnrollmentEvent | ClassroomCreated | ClassroomUpdated | StudentAdmittedToSchool | StudentWithdrawnFromSchool;

const spanOf = (e: { beginDate: string; endDate: string | null } | null | undefined): DayRange | null => (e ? { from: e.beginDate, to: e.endDate } : null);

/** Changes the student's facts document; returns it as it was before. */
async function changeStudent(context: ProjectionContext, studentId: string, change: (student: WorkStudentDocument) => WorkStudentDocument): Promise<WorkStudentDocument | null> {
  const students = context.collection<WorkStudentDocument>(WORK_STUDENTS);
  const before = await students.get(studentId);
  await students.put(studentId, change(before ?? { studentId, enrollments: [], stays: [] }));
  return before;
}

/** The dates the enrollment had before this event, as the event itself says (so a replay finds the same days). */
function previousSpan(event: RecordedOf<EnrollmentEvent>): DayRange | null {
  switch (event.type) {
    case 'EnrollmentStarted':
      return null;
    case 'EnrollmentDatesChanged':
      return { from: event.data.previousBeginDate, to: event.data.previousEndDate ?? null };
    case 'EnrollmentEnded':
      return { from: event.data.beginDate, to: event.data.previousEndDate ?? null };
    case 'EnrollmentCancelled':
      return { from: event.data.beginDate, to: event.data.endDate ?? null };
  }
}

/** A student enrollment starts, changes, ends or is cancelled: re-run the rules on the days it changed. */
async function enrollmentChanged(context: ProjectionContext, event: RecordedOf<EnrollmentEvent>): Promise<void> {
  const d = event.data;
  if (d.role !== 'student' || !d.studentId) return;
  const studentId = d.studentId;
  const after: StudentEnrollment | null =
    event.type === 'EnrollmentCancelled' ? null : { enrollmentId: d.enrollmentId, classroomId: d.classroomId, schoolId: d.schoolId, beginDate: d.beginDate, endDate: d.endDate ?? null };
  const enrollments = context.collection<WorkEnrollmentDocument>(WORK_ENROLLMENTS);
  if (after) await enrollments.put(d.enrollmentId, { ...after, studentId });
  else await enrollments.delete(d.enrollmentId);
  const before = await changeStudent(context, studentId, (student) => ({
    ...student,
    enrollments: [...student.enrollments.filter((e) => e.enrollmentId !== d.enrollmentId), ...(after ? [after] : [])],
  }));
  // The stored dates count too, in case they ever differ from what the event says came before.
  const stored = before?.enrollments.find((e) => e.enrollmentId === d.enrollmentId);
  await reattribute(context, studentId, mergedRanges([...changedRanges(previousSpan(event), spanOf(after)), ...changedRanges(spanOf(stored), spanOf(after))]));
}

/** A classroom's subjects change: re-run the rules for each student enrolled there, over their enrollments' days. */
async function classroomChanged(context: ProjectionContext, event: RecordedOf<ClassroomCreated | ClassroomUpdated>): Promise<void> {
  const d = event.data;
  const classrooms = context.collection<WorkClassroomDocument>(WORK_CLASSROOMS);
  const before = await classrooms.get(d.classroomId);
  const after: WorkClassroomDocument = {
    classroomId: d.classroomId,
    schoolId: d.schoolId,
    title: d.title ?? before?.title ?? '',
    subjects: d.subjects ?? before?.subjects ?? [],
  };
  await classrooms.put(d.classroomId, after);
  // Decided from the event, not from what is stored, so a replay of a half-applied event re-runs the rules too.
  const subjectsGiven = event.type === 'ClassroomCreated' || d.subjects !== undefined;
  if (!subjectsGiven && before?.schoolId === after.schoolId) return;
  const spans = new Map<string, DayRange[]>();
  for (const e of await context.collection<WorkEnrollmentDocument>(WORK_ENROLLMENTS).find({ classroomId: d.classroomId })) {
    spans.set(e.studentId, [...(spans.get(e.studentId) ?? []), { from: e.beginDate, to: e.endDate }]);
  }
  for (const studentId of [...spans.keys()].sort()) await reattribute(context, studentId, mergedRanges(spans.get(studentId)!));
}

/** Admissions and withdrawals decide which schools count a student's unattributed work, from the day they change. */
async function stayChanged(context: ProjectionContext, event: RecordedOf<StudentAdmittedToSchool | StudentWithdrawnFromSchool>): Promise<void> {
  const { studentId, schoolId, entryDate } = event.data;
  const exitDate = event.type === 'StudentWithdrawnFromSchool' ? event.data.exitDate : null;
  const same = (s: SchoolStay) => s.schoolId === schoolId && s.entryDate === entryDate;
  const before = await changeStudent(context, studentId, (student) => ({ ...student, stays: [...student.stays.filter((s) => !same(s)), { schoolId, entryDate, exitDate }] }));
  const span = (exit: string | null) => ({ from: entryDate, to: exit });
  const previous = event.type === 'StudentWithdrawnFromSchool' ? span(null) : null;
  const stored = before?.stays.find(same);
  await reattribute(context, studentId, mergedRanges([...changedRanges(previous, span(exitDate)), ...changedRanges(stored ? span(stored.exitDate) : null, span(exitDate))]));
}

/** Roster facts the rules read, kept in this read model's own collections so it never depends on another projection. */
export const rosterPart: ProjectionPart = {
  handles: new Set<RosterEvent['type']>([
    'EnrollmentStarted', 'EnrollmentDatesChanged', 'EnrollmentEnded', 'EnrollmentCancelled',
    'ClassroomCreated', 'ClassroomUpdated',
    'StudentAdmittedToSchool', 'StudentWithdrawnFromSchool',
  ]),
  async apply(recorded, context) {
    const event = recorded as RecordedOf<RosterEvent>;
    switch (event.type) {
      case 'EnrollmentStarted':
      case 'EnrollmentDatesChanged':
      case 'EnrollmentEnded':
      case 'EnrollmentCancelled':
        return enrollmentChanged(context, event);
      case 'ClassroomCreated':
      case 'ClassroomUpdated':
        return classroomChanged(context, event);
      case 'StudentAdmittedToSchool':
      case 'StudentWithdrawnFromSchool':
        return stayChanged(context, event);
    }
  },
};
