import type { ClassroomCreated, ClassroomUpdated } from '../../src/classrooms/classroom.events';
import type { EnrollmentEvent } from '../../src/enrollments/enrollment.events';
import type { DomainEvent } from '../../src/shared/event';
import type { StudentWorkEvent, WorkContent } from '../../src/students/student-work.events';
import type { StudentAdmittedToSchool, StudentWithdrawnFromSchool } from '../../src/students/student.events';

/** Events this read model reads, with the stream they belong to: for projector specs, the property test and the bench. */
export type StreamEvent = DomainEvent & { streamId: string };

export const classroomCreated = (classroomId: string, schoolId: string, subjects: string[] = [], title = `Class ${classroomId}`): StreamEvent => ({
  streamId: `classroom-${classroomId}`,
  type: 'ClassroomCreated',
  data: { classroomId, schoolId, title, classType: 'scheduled', subjects, grades: [], termIds: [] } satisfies ClassroomCreated['data'],
});

export const classroomSubjects = (classroomId: string, schoolId: string, subjects: string[]): StreamEvent => ({
  streamId: `classroom-${classroomId}`,
  type: 'ClassroomUpdated',
  data: { classroomId, schoolId, subjects } satisfies ClassroomUpdated['data'],
});

export const admitted = (studentId: string, schoolId: string, entryDate: string): StreamEvent => ({
  streamId: `student-${studentId}`,
  type: 'StudentAdmittedToSchool',
  data: { studentId, schoolId, entryDate, entryGradeLevel: '05', primary: false } satisfies StudentAdmittedToSchool['data'],
});

export const withdrawn = (studentId: string, schoolId: string, entryDate: string, exitDate: string): StreamEvent => ({
  streamId: `student-${studentId}`,
  type: 'StudentWithdrawnFromSchool',
  data: { studentId, schoolId, entryDate, exitDate } satisfies StudentWithdrawnFromSchool['data'],
});

export const work = (studentId: string, workId: string, completedAt: string, content: Partial<WorkContent> = {}): StreamEvent => ({
  streamId: `student-${studentId}`,
  type: 'StudentWorkRecorded',
  data: { studentId, workId, completedAt: new Date(completedAt).toISOString(), activity: 'practice', ...content } satisfies StudentWorkEvent['data'],
});

export const attributed = (studentId: string, workId: string, classroomId: string, reason = 'teacher correction'): StreamEvent => ({
  streamId: `student-${studentId}`,
  type: 'StudentWorkAttributed',
  data: { studentId, workId, classroomId, reason },
});

export const cleared = (studentId: string, workId: string, classroomId: string): StreamEvent => ({
  streamId: `student-${studentId}`,
  type: 'StudentWorkAttributionCleared',
  data: { studentId, workId, classroomId },
});

/** One enrollment's life: each call returns its next event, carrying the dates it had before, as the Enrollment aggregate would. */
export function enrollment(enrollmentId: string, studentId: string, classroomId: string, schoolId: string, role: 'student' | 'teacher' = 'student') {
  const parties = { enrollmentId, classroomId, schoolId, role, ...(role === 'student' ? { studentId } : { userId: studentId }) };
  const streamId = `enrollment-${enrollmentId}`;
  let dates: { beginDate: string; endDate?: string } = { beginDate: '' };
  const event = (e: EnrollmentEvent): StreamEvent => ({ ...e, streamId });
  const end = (endDate?: string) => (endDate ? { endDate } : {});
  return {
    started(beginDate: string, endDate?: string): StreamEvent {
      dates = { beginDate, ...end(endDate) };
      return event({ type: 'EnrollmentStarted', data: { ...parties, ...dates, primary: false } });
    },
    changed(beginDate: string, endDate?: string): StreamEvent {
      const previous = { previousBeginDate: dates.beginDate, ...(dates.endDate ? { previousEndDate: dates.endDate } : {}) };
      dates = { beginDate, ...end(endDate) };
      return event({ type: 'EnrollmentDatesChanged', data: { ...parties, ...dates, ...previous } });
    },
    ended(endDate: string): StreamEvent {
      const previous = dates.endDate ? { previousEndDate: dates.endDate } : {};
      dates = { beginDate: dates.beginDate, endDate };
      return event({ type: 'EnrollmentEnded', data: { ...parties, beginDate: dates.beginDate, endDate, ...previous } });
    },
    cancelled(): StreamEvent {
      return event({ type: 'EnrollmentCancelled', data: { ...parties, ...dates } });
    },
  };
}
