import type { RecordedOf } from '../../src/shared/event';
import { STUDENT_WORK_EVENT_TYPES, StudentWorkEvent } from '../../src/students/student-work.events';
import type { ProjectionPart } from '../subscription/compose';
import { oneDay } from './work-attribution.ranges';
import { WORK_ITEMS, WorkItemDocument, workItemId } from './work-attribution.read-model';
import { reattribute } from './work-attribution.reattribution';
import { dayOf } from './work-attribution.rules';

/** Recorded work and explicit corrections: the rules re-run for that one item's student and day. */
export const workPart: ProjectionPart = {
  handles: STUDENT_WORK_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<StudentWorkEvent>;
    const { studentId, workId } = event.data;
    const items = context.collection<WorkItemDocument>(WORK_ITEMS);
    const stored = await items.get(workItemId(studentId, workId));
    let edited: WorkItemDocument;
    switch (event.type) {
      case 'StudentWorkRecorded': {
        const d = event.data;
        edited = {
          studentId,
          workId,
          completedAt: d.completedAt,
          activity: d.activity,
          subject: d.subject ?? null,
          minutes: d.minutes ?? null,
          points: d.points ?? null,
          score: d.score ?? null,
          reportedClassroomId: d.classroomId ?? null,
          explicit: stored?.explicit ?? null,
          classroomId: null,
          rule: 'unattributed',
          reason: 'no_enrollment',
        };
        break;
      }
      case 'StudentWorkAttributed':
        if (!stored) return;
        edited = { ...stored, explicit: { classroomId: event.data.classroomId, reason: event.data.reason } };
        break;
      case 'StudentWorkAttributionCleared':
        if (!stored) return;
        edited = { ...stored, explicit: null };
        break;
    }
    await reattribute(context, studentId, [oneDay(dayOf(edited.completedAt))], edited);
  },
};
