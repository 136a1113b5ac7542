import { assertNever, DecisionContext } from '../shared/decider';
import { coversDay } from '../shared/dates';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { StudentWorkCommand } from './student-work.commands';
import { StudentWorkEvent } from './student-work.events';
import { CLOCK_SKEW_MS, contentFields, dayOf, figureProblems, isInTheFuture, normalisedContent } from './student-work.rules';
import { contentHash, WorkLedger } from './student-work.values';

/** One work item as decisions need it: a fingerprint of its content, its day, and any explicit attribution. */
export interface RecordedWork {
  hash: number;
  day: string;
  explicit?: { classroomId: string; reason: string };
}

/** The work slice of a student's state: small per item, and cheap to extend immutably. */
export type WorkState = WorkLedger<RecordedWork>;

export const noWork: WorkState = WorkLedger.empty();

/** A student enrollment in one classroom as its own streams say (half-open dates; cancelled ones left out). */
export interface EnrollmentSpan {
  enrollmentId: string;
  beginDate: string;
  endDate?: string;
}

export interface WorkLookups {
  /** For AttributeStudentWork: the student's enrollments in the named classroom. */
  classroomEnrollments?: EnrollmentSpan[];
}

/** What the work decisions read from the student. */
export interface WorkingStudent {
  studentId: string;
  status: 'active' | 'deactivated';
  work: WorkState;
}

function recordedWork(work: WorkState, studentId: string, workId: string): RecordedWork {
  const recorded = work.get(workId);
  if (!recorded) throw notFound('WorkNotFound', `Student ${studentId} has no work ${workId}.`);
  return recorded;
}

export function decideWork(command: StudentWorkCommand, student: WorkingStudent, { now, lookups }: DecisionContext<WorkLookups>): StudentWorkEvent[] {
  switch (command.type) {
    case 'RecordStudentWork': {
      const { type: _type, studentId: _id, workId, ...reported } = command;
      const content = normalisedContent(reported);
      const earlier = student.work.get(workId);
      if (earlier) {
        if (earlier.hash === contentHash(contentFields(content))) return [];
        throw conflict('WorkAlreadyRecorded', `Work ${workId} is already recorded for this student with other content; use a new workId.`, [{ workId }]);
      }
      if (student.status === 'deactivated') throw conflict('StudentDeactivated', `Student ${student.studentId} is deactivated and accepts no work until reactivated.`);
      const problems = figureProblems(content);
      if (problems.length) throw ruleBroken('WorkFiguresOutOfRange', 'minutes and points must be 0 or more and score from 0 to 100.', problems);
      if (isInTheFuture(content.completedAt, now)) {
        throw ruleBroken('CompletedInFuture', 'completedAt is in the future; work can only be recorded once it is done.', [
          { completedAt: content.completedAt, now: now.toISOString(), allowedSkewSeconds: CLOCK_SKEW_MS / 1000 },
        ]);
      }
      return [{ type: 'StudentWorkRecorded', data: { studentId: student.studentId, workId, ...content } }];
    }
    case 'AttributeStudentWork': {
      const recorded = recordedWork(student.work, student.studentId, command.workId);
      const { classroomId, reason } = command;
      if (recorded.explicit?.classroomId === classroomId && recorded.explicit.reason === reason) return [];
      const enrollments = lookups.classroomEnrollments ?? [];
      if (!enrollments.some((e) => coversDay(e.beginDate, e.endDate, recorded.day))) {
        throw ruleBroken('NotEnrolledThen', `The student had no enrollment in classroom ${classroomId} on ${recorded.day}, when the work was done.`, [
          { classroomId, day: recorded.day, enrollments: enrollments.map(({ beginDate, endDate }) => ({ beginDate, endDate: endDate ?? null })) },
        ]);
      }
      return [{ type: 'StudentWorkAttributed', data: { studentId: student.studentId, workId: command.workId, classroomId, reason } }];
    }
    case 'ClearWorkAttribution': {
      const recorded = recordedWork(student.work, student.studentId, command.workId);
      if (!recorded.explicit) return [];
      return [{ type: 'StudentWorkAttributionCleared', data: { studentId: student.studentId, workId: command.workId, classroomId: recorded.explicit.classroomId } }];
    }
    default:
      return assertNever(command);
  }
}

/** O(1) per event (the ledger extends its index in place and hands it on): folding n work events is O(n), not O(n²). */
export function evolveWork(work: WorkState, event: StudentWorkEvent): WorkState {
  switch (event.type) {
    case 'StudentWorkRecorded':
      // contentFields picks the content fields by name, so the ids in the event data are left out.
      return work.with(event.data.workId, { hash: contentHash(contentFields(event.data)), day: dayOf(event.data.completedAt) });
    case 'StudentWorkAttributed': {
      const recorded = work.get(event.data.workId);
      if (!recorded) return work;
      return work.with(event.data.workId, { ...recorded, explicit: { classroomId: event.data.classroomId, reason: event.data.reason } });
    }
    case 'StudentWorkAttributionCleared': {
      const recorded = work.get(event.data.workId);
      if (!recorded) return work;
      return work.with(event.data.workId, { hash: recorded.hash, day: recorded.day });
    }
    default:
      return assertNever(event);
  }
}
