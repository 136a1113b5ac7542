import { assertNever, Decider } from '../shared/decider';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { AcademicYearCommand } from './academic-year.commands';
import { AcademicYearEvent, FundingRates } from './academic-year.events';
import { DateRange, endsAfterStarts, rangesOverlap, rangeWithin } from './academic-year.rules';

export interface Term {
  termId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export type AcademicYearState =
  | { status: 'none' }
  | {
      status: 'defined';
      academicYearId: string;
      name: string;
      startsOn: string;
      endsOn: string;
      terms: Term[];
      fundingRates?: FundingRates;
    };

const REGIONS: (keyof FundingRates)[] = ['inner_london', 'outer_london', 'fringe', 'rest_of_england'];

function mustEndAfterStart(what: string, range: DateRange): void {
  if (!endsAfterStarts(range)) throw ruleBroken('InvalidDateRange', `The ${what} must end after it starts (${range.startsOn} to ${range.endsOn}).`);
}

export const academicYearDecider: Decider<AcademicYearState, AcademicYearCommand, AcademicYearEvent> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'DefineAcademicYear': {
        mustEndAfterStart('academic year', command);
        if (state.status === 'defined') {
          if (state.name === command.name && state.startsOn === command.startsOn && state.endsOn === command.endsOn) return [];
          throw conflict('AlreadyExists', `Academic year ${command.academicYearId} is already defined with other details.`);
        }
        const { type: _type, ...data } = command;
        return [{ type: 'AcademicYearDefined', data }];
      }
      case 'DefineTerm': {
        if (state.status === 'none') throw notFound('NotFound', `Academic year ${command.academicYearId} does not exist.`);
        mustEndAfterStart('term', command);
        const { type: _type, ...data } = command;
        const known = state.terms.find((t) => t.termId === command.termId);
        if (known) {
          if (known.name === command.name && known.startsOn === command.startsOn && known.endsOn === command.endsOn) return [];
          throw conflict('AlreadyExists', `Term ${command.termId} is already defined with other details.`);
        }
        if (!rangeWithin(command, state)) {
          throw ruleBroken('TermOutsideYear', `The term must lie within academic year ${state.name} (${state.startsOn} to ${state.endsOn}).`, [
            { academicYearId: state.academicYearId, startsOn: state.startsOn, endsOn: state.endsOn },
          ]);
        }
        const other = state.terms.find((t) => rangesOverlap(t, command));
        if (other) {
          throw conflict('TermsOverlap', `These dates overlap term ${other.termId} (${other.name}, ${other.startsOn} to ${other.endsOn}).`, [
            { termId: other.termId, name: other.name, startsOn: other.startsOn, endsOn: other.endsOn },
          ]);
        }
        return [{ type: 'TermDefined', data }];
      }
      case 'SetFundingRates': {
        if (state.status === 'none') throw notFound('NotFound', `Academic year ${command.academicYearId} does not exist.`);
        const bad = REGIONS.filter((region) => !Number.isSafeInteger(command.rates[region]) || command.rates[region] < 0);
        if (bad.length) {
          throw ruleBroken('InvalidFundingRate', `Funding rates are whole pence of 0 or more; check ${bad.join(', ')}.`, bad.map((region) => ({ region, rate: command.rates[region] })));
        }
        const { inner_london, outer_london, fringe, rest_of_england } = command.rates;
        const rates: FundingRates = { inner_london, outer_london, fringe, rest_of_england };
        const current = state.fundingRates;
        if (current && REGIONS.every((region) => current[region] === rates[region])) return [];
        return [{ type: 'FundingRatesSet', data: { academicYearId: state.academicYearId, rates } }];
      }
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'AcademicYearDefined':
        return { status: 'defined', ...event.data, terms: [] };
      case 'TermDefined': {
        if (state.status === 'none') return state;
        const { academicYearId: _id, ...term } = event.data;
        return { ...state, terms: [...state.terms.filter((t) => t.termId !== term.termId), term] };
      }
      case 'FundingRatesSet':
        return state.status === 'none' ? state : { ...state, fundingRates: event.data.rates };
      default:
        return assertNever(event);
    }
  },
};
