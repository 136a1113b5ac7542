import { Decider } from '../shared/decider';
import { ClaimRegisterCommand } from './claim-register.commands';
import { ClaimRegisterEvent } from './claim-register.events';

export interface ClaimRegisterState {
  claimIds: string[];
}

/** A set of claim ids that only grows: a superset the claims' own streams are checked against. */
export const claimRegisterDecider: Decider<ClaimRegisterState, ClaimRegisterCommand, ClaimRegisterEvent> = {
  initialState: { claimIds: [] },

  decide(command, state) {
    if (state.claimIds.includes(command.claimId)) return [];
    return [{ type: 'ClaimRegisterEntryAdded', data: { registerId: command.registerId, claimId: command.claimId } }];
  },

  evolve(state, event) {
    return state.claimIds.includes(event.data.claimId) ? state : { claimIds: [...state.claimIds, event.data.claimId] };
  },
};
