import { assertNever, Decider } from '../shared/decider';
import { conflict, forbidden, notFound, ruleBroken } from '../shared/domain-error';
import { StaffUserCommand } from './staff-user.commands';
import { MembershipRole, StaffService, StaffUserEvent } from './staff-user.events';

export interface Membership {
  organisationId: string;
  role: MembershipRole;
}

export type StaffUserState =
  | { status: 'none' }
  | {
      status: 'active' | 'deactivated';
      userId: string;
      email: string;
      givenName: string;
      familyName: string;
      service: StaffService;
      memberships: Membership[];
      selectedOrganisationId?: string;
    };

/** An organisation as the handler found it: null type when it does not exist. */
export interface OrganisationFact {
  id: string;
  type: string | null;
  closed: boolean;
}

export interface StaffUserLookups {
  organisation?: OrganisationFact;
}

export const DEFAULT_SERVICE: StaffService = 'roster';
const SUPPORT_DOMAIN = '@education.gov.uk';

/** Emails compare case-insensitively after trimming. */
export const emailKey = (email: string) => email.trim().toLowerCase();

const holds = (memberships: Membership[], organisationId: string, role?: MembershipRole) =>
  memberships.some((m) => m.organisationId === organisationId && (role === undefined || m.role === role));

function mustExist(state: StaffUserState, userId: string): asserts state is Exclude<StaffUserState, { status: 'none' }> {
  if (state.status === 'none') throw notFound('NotFound', `User ${userId} does not exist.`);
}

export const staffUserDecider: Decider<StaffUserState, StaffUserCommand, StaffUserEvent, StaffUserLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { actingUserId, lookups }) {
    switch (command.type) {
      case 'RegisterUser': {
        const data = {
          userId: command.userId,
          email: command.email.trim(),
          givenName: command.givenName,
          familyName: command.familyName,
          service: command.service ?? DEFAULT_SERVICE,
        };
        if (state.status !== 'none') {
          const same = state.email === data.email && state.givenName === data.givenName && state.familyName === data.familyName && state.service === data.service;
          if (same) return [];
          throw conflict('AlreadyExists', `User ${command.userId} is already registered with other details.`);
        }
        return [{ type: 'UserRegistered', data }];
      }
      case 'GrantMembership': {
        mustExist(state, command.userId);
        const { userId, organisationId, role } = command;
        if (holds(state.memberships, organisationId, role)) return [];
        if (state.status === 'deactivated') throw conflict('UserDeactivated', `User ${userId} is deactivated and takes no new memberships.`);
        if (role === 'support' && !emailKey(state.email).endsWith(SUPPORT_DOMAIN)) {
          throw ruleBroken('SupportEmailRequired', `The support role needs an ${SUPPORT_DOMAIN} email address; this user has another.`);
        }
        const organisation = lookups.organisation;
        if (!organisation || organisation.type === null) throw notFound('OrganisationNotFound', `Organisation ${organisationId} does not exist.`);
        if (organisation.closed) throw conflict('OrganisationClosed', `Organisation ${organisationId} is closed.`);
        return [{ type: 'MembershipGranted', data: { userId, organisationId, role } }];
      }
      case 'RevokeMembership': {
        mustExist(state, command.userId);
        const { userId, organisationId, role } = command;
        // The rule needs a person: without one it could be sidestepped by leaving X-Acting-User out.
        if (!actingUserId) throw forbidden('ActingUserRequired', 'RevokeMembership needs the X-Acting-User header naming the person who revokes it.');
        if (actingUserId === userId) throw forbidden('CannotRevokeOwnMembership', 'A user cannot revoke their own membership; ask another administrator.');
        if (!holds(state.memberships, organisationId, role)) return [];
        return [{ type: 'MembershipRevoked', data: { userId, organisationId, role } }];
      }
      case 'SelectOrganisation': {
        mustExist(state, command.userId);
        if (state.selectedOrganisationId === command.organisationId) return [];
        if (!holds(state.memberships, command.organisationId)) {
          throw ruleBroken('NoMembership', `User ${command.userId} has no membership at organisation ${command.organisationId}; grant one first.`);
        }
        return [{ type: 'OrganisationSelected', data: { userId: command.userId, organisationId: command.organisationId } }];
      }
      case 'DeactivateUser': {
        mustExist(state, command.userId);
        if (state.status === 'deactivated') return [];
        return [{ type: 'UserDeactivated', data: { userId: command.userId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered':
        return { status: 'active', ...event.data, memberships: [] };
      case 'MembershipGranted': {
        if (state.status === 'none') return state;
        const { organisationId, role } = event.data;
        return holds(state.memberships, organisationId, role) ? state : { ...state, memberships: [...state.memberships, { organisationId, role }] };
      }
      case 'MembershipRevoked': {
        if (state.status === 'none') return state;
        const { organisationId, role } = event.data;
        const memberships = state.memberships.filter((m) => !(m.organisationId === organisationId && m.role === role));
        // With no role left there, the organisation can no longer be the selected one.
        if (state.selectedOrganisationId === organisationId && !holds(memberships, organisationId)) {
          const { selectedOrganisationId: _gone, ...rest } = state;
          return { ...rest, memberships };
        }
        return { ...state, memberships };
      }
      case 'OrganisationSelected':
        return state.status === 'none' ? state : { ...state, selectedOrganisationId: event.data.organisationId };
      case 'UserDeactivated':
        return state.status === 'none' ? state : { ...state, status: 'deactivated' };
      default:
        return assertNever(event);
    }
  },
};
