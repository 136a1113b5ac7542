import { Decider } from '../shared/decider';
import { RegisterProgramEnrollmentKey } from './program-enrollment.commands';
import { ProgramKeyRegistryEvent } from './program-enrollment.key-registry.events';

/** The enrollments ever registered under one (organisation, externalUserKey): the list LinkProgramEnrollmentsByKey walks. */
export interface ProgramKeyRegistryState {
  programEnrollmentIds: string[];
}

/** One command and one event: registering an id already listed decides nothing. */
export const programKeyRegistryDecider: Decider<ProgramKeyRegistryState, RegisterProgramEnrollmentKey, ProgramKeyRegistryEvent> = {
  initialState: { programEnrollmentIds: [] },

  decide(command, state) {
    if (state.programEnrollmentIds.includes(command.programEnrollmentId)) return [];
    return [{ type: 'ProgramEnrollmentKeyRegistered', data: { organisationId: command.organisationId, programEnrollmentId: command.programEnrollmentId } }];
  },

  evolve(state, event) {
    const { programEnrollmentId } = event.data;
    return state.programEnrollmentIds.includes(programEnrollmentId) ? state : { programEnrollmentIds: [...state.programEnrollmentIds, programEnrollmentId] };
  },
};
