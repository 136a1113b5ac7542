import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { HostingInterestCommand, RecordHostingInterest } from './hosting-interest.commands';
import { HostingAppetite, HostingInterestEvent } from './hosting-interest.events';
import { detailsBytes, holdsLock, MAX_DETAILS_BYTES, PlacementFact, toAppetite } from './hosting-interest.rules';

export interface HostingInterestLock {
  lockId: string;
  placementId: string;
  providerId: string;
  placementRevision: number;
  lockedAt: string;
}

/** Locks may exist before any interest is recorded: a school need not record one to offer placements. */
export type HostingInterestState =
  | { status: 'unrecorded'; locks: HostingInterestLock[] }
  | {
      status: 'recorded';
      schoolId: string;
      academicYearId: string;
      appetite: HostingAppetite;
      reasons: string[];
      details: Record<string, unknown> | null;
      locks: HostingInterestLock[];
    };

export interface HostingInterestLookups {
  /** RecordHostingInterest: the school (type null when it does not exist). */
  school?: { type: string | null; closed: boolean };
  academicYearExists?: boolean;
  /** RecordHostingInterest: the placements the stream's locks name. */
  placements?: Record<string, PlacementFact>;
}

const reasonsOf = (command: RecordHostingInterest): string[] => [...new Set((command.reasons ?? []).map((r) => r.trim()).filter((r) => r !== ''))];

function recorded(command: RecordHostingInterest, state: HostingInterestState, lookups: HostingInterestLookups, now: Date): HostingInterestEvent[] {
  const { schoolId, academicYearId } = command;
  if (state.status === 'recorded' && (state.schoolId !== schoolId || state.academicYearId !== academicYearId)) {
    throw conflict('HostingInterestKeyClash', `The hosting interest stream for ${schoolId}.${academicYearId} belongs to another school and year; ids with dots are ambiguous here.`);
  }
  const school = lookups.school;
  if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${schoolId} does not exist.`);
  if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${schoolId} is a ${school.type}, not a school.`);
  if (school.closed) throw conflict('OrganisationClosed', `School ${schoolId} is closed.`);
  if (!lookups.academicYearExists) throw notFound('AcademicYearNotFound', `Academic year ${academicYearId} does not exist.`);

  const appetite = toAppetite(command.appetite);
  const reasons = reasonsOf(command);
  if (appetite === 'not_open' && reasons.length === 0) {
    throw ruleBroken('ReasonRequired', 'A school not open to placements must give at least one reason.');
  }
  const details = command.details ?? null;
  const bytes = detailsBytes(details);
  if (bytes > MAX_DETAILS_BYTES) {
    throw ruleBroken('HostingInterestDetailsTooLarge', `details is ${bytes} bytes of JSON; the most allowed is ${MAX_DETAILS_BYTES}.`, [
      { maxBytes: MAX_DETAILS_BYTES, bytes },
    ]);
  }
  if (
    state.status === 'recorded' &&
    state.appetite === appetite &&
    JSON.stringify(state.reasons) === JSON.stringify(reasons) &&
    JSON.stringify(state.details) === JSON.stringify(details)
  ) {
    return [];
  }
  const holding = state.locks.filter((lock) => holdsLock(lock, lookups.placements?.[lock.placementId], now));
  if (holding.length > 0) {
    throw conflict('HostingInterestLocked', 'A placement of this school and year has a provider, so its hosting interest can no longer change.', [
      { placementIds: [...new Set(holding.map((l) => l.placementId))] },
    ]);
  }
  const previousAppetite = state.status === 'recorded' ? state.appetite : null;
  return [{ type: 'HostingInterestRecorded', data: { schoolId, academicYearId, appetite, reasons, details, previousAppetite } }];
}

export const hostingInterestDecider: Decider<HostingInterestState, HostingInterestCommand, HostingInterestEvent, HostingInterestLookups> = {
  initialState: { status: 'unrecorded', locks: [] },

  decide(command, state, { now, lookups }) {
    switch (command.type) {
      case 'RecordHostingInterest':
        return recorded(command, state, lookups, now);
      case 'LockHostingInterest': {
        if (state.locks.some((lock) => lock.lockId === command.lockId)) return [];
        if (state.status === 'recorded' && state.appetite !== 'actively_looking') {
          throw ruleBroken('HostingInterestNotActivelyLooking', `School ${command.schoolId} is not actively looking for placements in ${command.academicYearId} (its interest is ${state.appetite}).`);
        }
        const { type: _type, ...lock } = command;
        return [{ type: 'HostingInterestLocked', data: { ...lock, lockedAt: now.toISOString() } }];
      }
      case 'UnlockHostingInterest': {
        const released = state.locks.filter(
          (lock) =>
            lock.placementId === command.placementId &&
            (command.lockId !== undefined
              ? lock.lockId === command.lockId
              : command.unassignedAtRevision !== undefined && lock.placementRevision < command.unassignedAtRevision),
        );
        if (released.length === 0) return [];
        const { schoolId, academicYearId, placementId } = command;
        return [{ type: 'HostingInterestUnlocked', data: { schoolId, academicYearId, placementId, lockIds: released.map((l) => l.lockId) } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'HostingInterestRecorded': {
        const { previousAppetite: _previous, ...recorded } = event.data;
        return { status: 'recorded', ...recorded, locks: state.locks };
      }
      case 'HostingInterestLocked': {
        const { lockId, placementId, providerId, placementRevision, lockedAt } = event.data;
        return { ...state, locks: [...state.locks, { lockId, placementId, providerId, placementRevision, lockedAt }] };
      }
      case 'HostingInterestUnlocked':
        return { ...state, locks: state.locks.filter((lock) => !event.data.lockIds.includes(lock.lockId)) };
      default:
        return assertNever(event);
    }
  },
};
