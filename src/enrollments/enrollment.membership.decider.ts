import { overlaps } from '../shared/dates';
import { assertNever, Decider } from '../shared/decider';
import { conflict } from '../shared/domain-error';
import { ClassroomMembershipCommand, MembershipKey } from './enrollment.commands';
import { ClassroomMembershipEvent } from './enrollment.membership.events';

interface Claim {
  enrollmentId: string;
  enrollmentRevision: number;
  beginDate: string;
  endDate?: string;
  claimedAt: string;
}

export interface ClassroomMembershipState {
  key: MembershipKey | null;
  /** Every claim in order; recent ones may still be on their way to their enrollment's stream. */
  claims: Claim[];
}

/** Another enrollment of this person as its own stream says it is now, at its last revision (-1: no stream). */
export type EnrollmentFact = { revision: number } & ({ status: 'none' | 'cancelled' } | { status: 'enrolled'; beginDate: string; endDate?: string });

export interface ClassroomMembershipLookups {
  enrollments: Record<string, EnrollmentFact>;
}

/**
 * How long a claim binds while its enrollment's stream has not reached it: a command between the
 * registry append and its own takes far less; a claim a crash left behind stops binding after this.
 */
export const CLAIM_IN_FLIGHT_MS = 30_000;

const interval = (i: { beginDate: string; endDate?: string }) => ({ begin: i.beginDate, end: i.endDate ?? null });

/**
 * What another enrollment holds: its stream's dates, plus each claim its stream has not reached yet
 * while it may still be in flight. A claim the stream has reached either landed (the dates show it)
 * or lost a race (its command retries with a new claim). Unknown streams hold every claim.
 */
function heldBy(enrollmentId: string, state: ClassroomMembershipState, fact: EnrollmentFact | undefined, now: Date) {
  const held: { beginDate: string; endDate?: string }[] = [];
  if (fact?.status === 'enrolled') held.push(fact);
  for (const claim of state.claims) {
    if (claim.enrollmentId !== enrollmentId) continue;
    const inFlight = fact === undefined || (fact.revision < claim.enrollmentRevision && now.getTime() - Date.parse(claim.claimedAt) < CLAIM_IN_FLIGHT_MS);
    if (inFlight) held.push(claim);
  }
  return held;
}

function checkKey(state: ClassroomMembershipState, key: MembershipKey): void {
  const held = state.key;
  if (held && (held.classroomId !== key.classroomId || held.role !== key.role || held.personId !== key.personId)) {
    throw conflict('MembershipRegistryCollision', 'These classroom and person ids share a registry stream with others; use ids that do not embed ".<role>.".');
  }
}

/** Rule 3: no two enrollments of a person in a classroom with one role overlap in time, decided in one stream. */
export const classroomMembershipDecider: Decider<ClassroomMembershipState, ClassroomMembershipCommand, ClassroomMembershipEvent, ClassroomMembershipLookups> = {
  initialState: { key: null, claims: [] },

  decide(command, state, { now, lookups }) {
    checkKey(state, command);
    switch (command.type) {
      case 'ClaimClassroomMembership': {
        const { type: _type, ...claim } = command;
        const others = [...new Set(state.claims.map((c) => c.enrollmentId))].filter((id) => id !== command.enrollmentId);
        for (const other of others) {
          const clash = heldBy(other, state, lookups.enrollments[other], now).find((held) => overlaps(interval(held), interval(command)));
          if (clash) {
            throw conflict('AlreadyEnrolled', `This person is already enrolled in classroom ${command.classroomId} as ${command.role} from ${clash.beginDate}${clash.endDate ? ` to ${clash.endDate}` : ''}; end that enrollment first or choose dates outside it.`, [
              { enrollmentId: other, beginDate: clash.beginDate, endDate: clash.endDate ?? null },
            ]);
          }
        }
        // Always a fresh claim: the enrollment is about to change, and a racing claim must lose on the revision.
        return [{ type: 'ClassroomMembershipClaimed', data: { ...claim, claimedAt: now.toISOString() } }];
      }
      case 'ReleaseClassroomMembership': {
        const { type: _type, ...release } = command;
        return [{ type: 'ClassroomMembershipReleased', data: { ...release, releasedAt: now.toISOString() } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    const { classroomId, role, personId, enrollmentId } = event.data;
    const key = state.key ?? { classroomId, role, personId };
    switch (event.type) {
      case 'ClassroomMembershipClaimed': {
        const { enrollmentRevision, beginDate, endDate, claimedAt } = event.data;
        const claim: Claim = { enrollmentId, enrollmentRevision, beginDate, ...(endDate !== undefined ? { endDate } : {}), claimedAt };
        return { key, claims: [...state.claims, claim] };
      }
      // A release is the record of the time given back; the cancelled enrollment's own stream is what stops it binding.
      case 'ClassroomMembershipReleased':
        return { ...state, key };
      default:
        return assertNever(event);
    }
  },
};
