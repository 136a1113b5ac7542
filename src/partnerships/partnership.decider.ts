import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { PartnershipCommand } from './partnership.commands';
import { PartnershipEvent } from './partnership.events';

export type PartnershipState = { status: 'none' } | { status: 'active' | 'ended'; schoolId: string; providerId: string };

/** An organisation as the handler found it: type null when it does not exist. */
export interface PartnerFact {
  type: string | null;
  closed: boolean;
}

export interface PartnershipLookups {
  school?: PartnerFact;
  provider?: PartnerFact;
}

function checkPartner(role: 'school' | 'provider', id: string, fact: PartnerFact | undefined): void {
  const Role = role === 'school' ? 'School' : 'Provider';
  if (!fact || fact.type === null) throw notFound(`${Role}NotFound`, `${Role} ${id} does not exist.`);
  if (fact.type !== role) throw ruleBroken(`NotA${Role}`, `Organisation ${id} is a ${fact.type}, not a ${role}.`);
  if (fact.closed) throw conflict('OrganisationClosed', `${Role} ${id} is closed.`);
}

export const partnershipDecider: Decider<PartnershipState, PartnershipCommand, PartnershipEvent, PartnershipLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { lookups }) {
    const { schoolId, providerId } = command;
    if (state.status !== 'none' && (state.schoolId !== schoolId || state.providerId !== providerId)) {
      throw conflict('PartnershipKeyClash', `The partnership stream for ${schoolId}.${providerId} belongs to another pair; ids with dots are ambiguous here.`);
    }
    switch (command.type) {
      case 'FormPartnership': {
        if (state.status === 'active') return [];
        checkPartner('school', schoolId, lookups.school);
        checkPartner('provider', providerId, lookups.provider);
        return [{ type: 'PartnershipFormed', data: { schoolId, providerId } }];
      }
      case 'EndPartnership': {
        if (state.status === 'none') throw notFound('NotFound', `School ${schoolId} and provider ${providerId} have never been partners.`);
        if (state.status === 'ended') return [];
        return [{ type: 'PartnershipEnded', data: { schoolId, providerId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PartnershipFormed':
        return { status: 'active', schoolId: event.data.schoolId, providerId: event.data.providerId };
      case 'PartnershipEnded':
        return state.status === 'none' ? state : { ...state, status: 'ended' };
      default:
        return assertNever(event);
    }
  },
};
