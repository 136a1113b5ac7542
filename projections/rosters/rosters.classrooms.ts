import type { ClassroomEvent } from '../../src/classrooms/classroom.events';
import type { RecordedOf } from '../../src/shared/event';
import { CLASSROOM_EVENT_TYPES } from '../../src/classrooms/classroom.events';
import type { ProjectionPart } from '../subscription/compose';
import { ClassroomDocument, ROSTER_CLASSROOMS } from './rosters.read-model';

/** The school's classrooms, and the classroom half of a classroom roster. */
export const classroomsPart: ProjectionPart = {
  handles: CLASSROOM_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ClassroomEvent>;
    const classrooms = context.collection<ClassroomDocument>(ROSTER_CLASSROOMS);
    switch (event.type) {
      case 'ClassroomCreated': {
        const d = event.data;
        await classrooms.put(d.classroomId, {
          classroomId: d.classroomId,
          schoolId: d.schoolId,
          title: d.title,
          classCode: d.classCode ?? null,
          classType: d.classType,
          subjects: d.subjects,
          grades: d.grades,
          academicYearId: d.academicYearId ?? null,
          termIds: d.termIds,
          status: 'active',
        });
        return;
      }
      case 'ClassroomUpdated': {
        const { classroomId, schoolId: _school, ...changes } = event.data;
        await classrooms.update(classroomId, (doc) => doc && { ...doc, ...changes });
        return;
      }
      case 'ClassroomClosed':
        await classrooms.update(event.data.classroomId, (doc) => doc && { ...doc, status: 'closed' });
        return;
    }
  },
};
