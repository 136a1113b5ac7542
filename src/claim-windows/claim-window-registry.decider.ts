import { assertNever, Decider } from '../shared/decider';
import { conflict } from '../shared/domain-error';
import { ClaimWindowRegistryCommand } from './claim-window.commands';
import { ClaimWindowRegistryEvent } from './claim-window-registry.events';
import { datesOverlap, REGISTRY_GRACE_MS, WindowDates } from './claim-window.rules';

export interface RegistryEntry extends WindowDates {
  claimWindowId: string;
  academicYearId: string;
  windowRevision: number;
  registeredAt: string;
  released: boolean;
}

export interface ClaimWindowRegistryState {
  entries: Record<string, RegistryEntry>;
}

/** A window as its own stream says it is now (revision -1: no stream yet). */
export interface WindowTruth {
  revision: number;
  status: 'none' | 'defined' | 'removed';
  startsOn?: string;
  endsOn?: string;
}

export interface ClaimWindowRegistryLookups {
  windows: Record<string, WindowTruth>;
}

/**
 * The dates a window holds: those its own stream records, plus registered dates its stream has not
 * reached yet while the grace period lasts (a crash between the two appends frees them afterwards).
 */
export function datesInForce(entry: RegistryEntry, truth: WindowTruth | undefined, now: Date): WindowDates[] {
  const known = truth ?? { revision: -1, status: 'none' };
  if (known.status === 'removed') return [];
  const held: WindowDates[] = [];
  if (known.status === 'defined' && known.startsOn && known.endsOn) held.push({ startsOn: known.startsOn, endsOn: known.endsOn });
  const pending = known.revision < entry.windowRevision && now.getTime() - Date.parse(entry.registeredAt) < REGISTRY_GRACE_MS;
  if (pending && !entry.released) held.push({ startsOn: entry.startsOn, endsOn: entry.endsOn });
  return held;
}

/** Reference rule 1: no two windows overlap, decided against every window at once (one stream, expected revision). */
export const claimWindowRegistryDecider: Decider<ClaimWindowRegistryState, ClaimWindowRegistryCommand, ClaimWindowRegistryEvent, ClaimWindowRegistryLookups> = {
  initialState: { entries: {} },

  decide(command, state, { now, lookups }) {
    switch (command.type) {
      case 'RegisterClaimWindowDates': {
        for (const entry of Object.values(state.entries)) {
          if (entry.claimWindowId === command.claimWindowId) continue;
          const clash = datesInForce(entry, lookups.windows[entry.claimWindowId], now).find((dates) => datesOverlap(dates, command));
          if (clash) {
            throw conflict(
              'ClaimWindowsOverlap',
              `These dates overlap claim window ${entry.claimWindowId} (${clash.startsOn} to ${clash.endsOn}); choose dates outside it.`,
              [{ claimWindowId: entry.claimWindowId, academicYearId: entry.academicYearId, startsOn: clash.startsOn, endsOn: clash.endsOn }],
            );
          }
        }
        const { type: _type, ...data } = command;
        return [{ type: 'ClaimWindowDatesRegistered', data: { ...data, registeredAt: now.toISOString() } }];
      }
      case 'ReleaseClaimWindowDates': {
        const entry = state.entries[command.claimWindowId];
        if (!entry || entry.released) return [];
        return [{ type: 'ClaimWindowDatesReleased', data: { claimWindowId: command.claimWindowId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ClaimWindowDatesRegistered':
        return { entries: { ...state.entries, [event.data.claimWindowId]: { ...event.data, released: false } } };
      case 'ClaimWindowDatesReleased': {
        const entry = state.entries[event.data.claimWindowId];
        return entry ? { entries: { ...state.entries, [entry.claimWindowId]: { ...entry, released: true } } } : state;
      }
      default:
        return assertNever(event);
    }
  },
};
