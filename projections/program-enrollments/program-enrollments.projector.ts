import type { ProgramEnrollmentEvent } from '../../src/enrollments/program-enrollment.events';
import type { RecordedOf } from '../../src/shared/event';
import { PROGRAM_ENROLLMENT_EVENT_TYPES } from '../../src/enrollments/program-enrollment.events';
import type { ProjectionDefinition } from '../subscription/projection';
import { PROGRAM_ENROLLMENTS, programEnrollmentCollections, ProgramEnrollmentDocument } from './program-enrollments.read-model';

export const programEnrollmentsProjection: ProjectionDefinition = {
  name: 'program-enrollments',
  version: 1,
  collections: programEnrollmentCollections,
  handles: PROGRAM_ENROLLMENT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<ProgramEnrollmentEvent>;
    const enrollments = context.collection<ProgramEnrollmentDocument>(PROGRAM_ENROLLMENTS);
    const at = event.metadata.occurredAt;
    switch (event.type) {
      case 'ProgramEnrollmentCreated': {
        const d = event.data;
        await enrollments.put(d.programEnrollmentId, {
          programEnrollmentId: d.programEnrollmentId,
          programId: d.programId,
          curriculumId: d.curriculumId,
          studentId: d.studentId ?? null,
          externalUserKey: d.externalUserKey ?? null,
          organisationId: d.organisationId ?? null,
          status: d.status,
          linked: d.studentId !== undefined,
          createdAt: at,
          linkedAt: d.studentId !== undefined ? at : null,
          updatedAt: at,
        });
        return;
      }
      case 'ProgramEnrollmentLinked':
        await enrollments.update(event.data.programEnrollmentId, (doc) => doc && { ...doc, studentId: event.data.studentId, linked: true, linkedAt: at, updatedAt: at });
        return;
      case 'ProgramEnrollmentStatusChanged':
        await enrollments.update(event.data.programEnrollmentId, (doc) => doc && { ...doc, status: event.data.status, updatedAt: at });
        return;
    }
  },
};
