import { OwnershipDefinition } from '../scopes/ownership';
import { MENTOR_EVENT_TYPES } from './mentor.events';
import { mentorDecider, MentorState } from './mentor.decider';
import { mentorStream } from './mentor.stream';

/** A mentor is owned by the schools they mentor at. */
export const mentorOwnership: OwnershipDefinition<MentorState> = {
  type: 'mentor',
  decider: mentorDecider,
  stream: mentorStream,
  eventTypes: MENTOR_EVENT_TYPES,
  owners: (state) => (state.status === 'none' ? null : [...state.schoolIds]),
};
