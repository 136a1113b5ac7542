import { Decider } from '../shared/decider';
import { conflict, ruleBroken } from '../shared/domain-error';
import { AcademicYearRegistryEvent } from './academic-year-registry.events';
import { RegisterAcademicYearRange } from './academic-year.commands';
import { endsAfterStarts, rangesOverlap, sameRange } from './academic-year.rules';

export interface RegisteredYear {
  academicYearId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface AcademicYearRegistryState {
  years: RegisteredYear[];
}

/** Academic years never overlap each other: decided against every year's range at once. */
export const academicYearRegistryDecider: Decider<AcademicYearRegistryState, RegisterAcademicYearRange, AcademicYearRegistryEvent> = {
  initialState: { years: [] },

  decide(command, state) {
    if (!endsAfterStarts(command)) {
      throw ruleBroken('InvalidDateRange', `The academic year must end after it starts (${command.startsOn} to ${command.endsOn}).`);
    }
    const known = state.years.find((y) => y.academicYearId === command.academicYearId);
    if (known) {
      if (sameRange(known, command)) return [];
      throw conflict('AlreadyExists', `Academic year ${command.academicYearId} is already defined from ${known.startsOn} to ${known.endsOn}.`);
    }
    const other = state.years.find((y) => rangesOverlap(y, command));
    if (other) {
      throw conflict(
        'AcademicYearsOverlap',
        `These dates overlap academic year ${other.academicYearId} (${other.name}, ${other.startsOn} to ${other.endsOn}); choose dates outside it.`,
        [{ academicYearId: other.academicYearId, name: other.name, startsOn: other.startsOn, endsOn: other.endsOn }],
      );
    }
    const { type: _type, ...data } = command;
    return [{ type: 'AcademicYearRangeRegistered', data }];
  },

  // One event type: the registry only ever grows.
  evolve(state, event) {
    return { years: [...state.years, event.data] };
  },
};
