import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { ClaimWindowCommand } from './claim-window.commands';
import { ClaimWindowEvent } from './claim-window.events';
import { hasEnded, WindowDates } from './claim-window.rules';

interface WindowBase {
  claimWindowId: string;
  academicYearId: string;
  startsOn: string;
  endsOn: string;
}
type DefinedWindow = WindowBase & { status: 'defined' };

export type ClaimWindowState = { status: 'none' } | DefinedWindow | (WindowBase & { status: 'removed' });

export interface ClaimWindowLookups {
  academicYearExists?: boolean;
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Reference rule 1 (own dates): a window ends on or after the day it starts. */
function checkDates(dates: WindowDates): void {
  if (dates.endsOn < dates.startsOn) {
    throw ruleBroken('InvalidClaimWindowDates', `A claim window cannot end (${dates.endsOn}) before it starts (${dates.startsOn}).`);
  }
}

/** Reference rule 1 (frozen): a window that has ended is history. */
function checkNotEnded(state: DefinedWindow, now: Date): void {
  if (hasEnded(state, today(now))) {
    throw conflict('ClaimWindowEnded', `Claim window ${state.claimWindowId} ended on ${state.endsOn}; an ended window cannot be changed or removed.`);
  }
}

function mustBeDefined(state: ClaimWindowState, claimWindowId: string): asserts state is DefinedWindow {
  if (state.status !== 'defined') throw notFound('NotFound', `Claim window ${claimWindowId} does not exist.`);
}

/** A window's own decisions; overlaps with other windows are the registry's (claim-window-registry.decider.ts). */
export const claimWindowDecider: Decider<ClaimWindowState, ClaimWindowCommand, ClaimWindowEvent, ClaimWindowLookups> = {
  initialState: { status: 'none' },

  decide(command, state, { now, lookups }) {
    switch (command.type) {
      case 'DefineClaimWindow': {
        checkDates(command);
        const { type: _type, ...data } = command;
        if (state.status !== 'none') {
          if (state.status === 'defined' && state.academicYearId === data.academicYearId && state.startsOn === data.startsOn && state.endsOn === data.endsOn) return [];
          throw conflict('AlreadyExists', `Claim window ${command.claimWindowId} already exists with other details.`);
        }
        if (!lookups.academicYearExists) throw notFound('AcademicYearNotFound', `Academic year ${command.academicYearId} does not exist.`);
        return [{ type: 'ClaimWindowDefined', data }];
      }
      case 'ChangeClaimWindow': {
        mustBeDefined(state, command.claimWindowId);
        checkDates(command);
        if (state.startsOn === command.startsOn && state.endsOn === command.endsOn) return [];
        checkNotEnded(state, now);
        const { claimWindowId, academicYearId, startsOn, endsOn } = state;
        return [
          { type: 'ClaimWindowChanged', data: { claimWindowId, academicYearId, startsOn: command.startsOn, endsOn: command.endsOn, previous: { startsOn, endsOn } } },
        ];
      }
      case 'RemoveClaimWindow': {
        if (state.status === 'removed') return [];
        mustBeDefined(state, command.claimWindowId);
        checkNotEnded(state, now);
        return [{ type: 'ClaimWindowRemoved', data: { claimWindowId: state.claimWindowId, academicYearId: state.academicYearId } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ClaimWindowDefined':
        return { status: 'defined', ...event.data };
      case 'ClaimWindowChanged':
        return state.status === 'none' ? state : { ...state, startsOn: event.data.startsOn, endsOn: event.data.endsOn };
      case 'ClaimWindowRemoved':
        return state.status === 'none' ? state : { ...state, status: 'removed' };
      default:
        return assertNever(event);
    }
  },
};
