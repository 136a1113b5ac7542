import type { MentorAllowanceEvent } from '../../src/mentor-allowances/mentor-allowance.events';
import { MENTOR_ALLOWANCE_EVENT_TYPES } from '../../src/mentor-allowances/mentor-allowance.events';
import type { RecordedOf } from '../../src/shared/event';
import type { ProjectionPart } from '../subscription/compose';
import { MENTOR_ALLOWANCES, MentorAllowanceDocument, mentorAllowanceId } from './claims.read-model';

/** Each allowance event carries the figures after it: the document is replaced, never summed. */
export const mentorAllowanceDocumentsPart: ProjectionPart = {
  handles: MENTOR_ALLOWANCE_EVENT_TYPES,
  async apply(recorded, context) {
    const { data, metadata } = recorded as RecordedOf<MentorAllowanceEvent>;
    const { mentorId, providerId, academicYearId, allowanceHours, hoursUsed, hoursRemaining } = data;
    await context.collection<MentorAllowanceDocument>(MENTOR_ALLOWANCES).put(mentorAllowanceId(mentorId, providerId, academicYearId), {
      mentorId, providerId, academicYearId, allowanceHours, hoursUsed, hoursRemaining, updatedAt: metadata.occurredAt,
    });
  },
};
