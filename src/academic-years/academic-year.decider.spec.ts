import { specFor } from '../../test/support/decider-spec';
import { academicYearDecider } from './academic-year.decider';
import { AcademicYearEvent } from './academic-year.events';

const spec = specFor(academicYearDecider, undefined);
const year: AcademicYearEvent = { type: 'AcademicYearDefined', data: { academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' } };
const autumn: AcademicYearEvent = { type: 'TermDefined', data: { academicYearId: 'ay-2025', termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' } };
const term = (termId: string, startsOn: string, endsOn: string) => ({ type: 'DefineTerm' as const, academicYearId: 'ay-2025', termId, name: termId, startsOn, endsOn });
const rates = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };

describe('AcademicYear decider', () => {
  it('defines an academic year', () => {
    spec.given().when({ type: 'DefineAcademicYear', academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' }).then([year]);
  });

  it('defining the same year again decides nothing; with other details it is AlreadyExists', () => {
    spec.given([year]).when({ type: 'DefineAcademicYear', academicYearId: 'ay-2025', name: '2025/26', startsOn: '2025-09-01', endsOn: '2026-08-31' }).then([]);
    spec.given([year]).when({ type: 'DefineAcademicYear', academicYearId: 'ay-2025', name: '2025-26', startsOn: '2025-09-01', endsOn: '2026-08-31' }).thenFails('AlreadyExists');
  });

  describe('rule: ends after starts', () => {
    it('refuses a year that ends before it starts', () => {
      spec.given().when({ type: 'DefineAcademicYear', academicYearId: 'ay-x', name: 'X', startsOn: '2026-08-31', endsOn: '2025-09-01' }).thenFails('InvalidDateRange');
    });
    it('refuses a year that ends the day it starts', () => {
      spec.given().when({ type: 'DefineAcademicYear', academicYearId: 'ay-x', name: 'X', startsOn: '2025-09-01', endsOn: '2025-09-01' }).thenFails('InvalidDateRange');
    });
    it('refuses a term that ends before it starts', () => {
      spec.given([year]).when(term('spring', '2026-04-01', '2026-01-05')).thenFails('InvalidDateRange');
    });
  });

  describe('rule: terms lie inside their year', () => {
    it('accepts a term on the year’s first and last days', () => {
      spec.given([year]).when(term('whole', '2025-09-01', '2026-08-31')).then([
        { type: 'TermDefined', data: { academicYearId: 'ay-2025', termId: 'whole', name: 'whole', startsOn: '2025-09-01', endsOn: '2026-08-31' } },
      ]);
    });
    it('refuses a term that starts before the year', () => {
      spec.given([year]).when(term('early', '2025-08-31', '2025-10-01')).thenFails('TermOutsideYear');
    });
    it('refuses a term that ends after the year', () => {
      spec.given([year]).when(term('late', '2026-07-01', '2026-09-01')).thenFails('TermOutsideYear');
    });
    it('refuses a term of a year that does not exist', () => {
      spec.given().when(term('autumn', '2025-09-01', '2025-12-19')).thenFails('NotFound');
    });
  });

  describe('rule: terms do not overlap each other', () => {
    it('refuses a term sharing a day with another, naming it', () => {
      const failure = spec.given([year, autumn]).when(term('spring', '2025-12-19', '2026-03-31')).thenFails('TermsOverlap');
      expect(failure.details).toEqual([{ termId: 'autumn', name: 'Autumn', startsOn: '2025-09-01', endsOn: '2025-12-19' }]);
    });
    it('refuses a term enclosing another', () => {
      spec.given([year, autumn]).when(term('big', '2025-09-01', '2026-03-31')).thenFails('TermsOverlap');
    });
    it('accepts a term starting the day after another ends', () => {
      spec.given([year, autumn]).when(term('spring', '2025-12-20', '2026-03-31')).then([
        { type: 'TermDefined', data: { academicYearId: 'ay-2025', termId: 'spring', name: 'spring', startsOn: '2025-12-20', endsOn: '2026-03-31' } },
      ]);
    });
    it('defining the same term again decides nothing; with other dates it is AlreadyExists', () => {
      spec.given([year, autumn]).when({ ...term('autumn', '2025-09-01', '2025-12-19'), name: 'Autumn' }).then([]);
      spec.given([year, autumn]).when({ ...term('autumn', '2025-09-01', '2025-12-20'), name: 'Autumn' }).thenFails('AlreadyExists');
    });
  });

  describe('SetFundingRates (claims reference data)', () => {
    it('sets the rates on the year', () => {
      spec.given([year]).when({ type: 'SetFundingRates', academicYearId: 'ay-2025', rates }).then([{ type: 'FundingRatesSet', data: { academicYearId: 'ay-2025', rates } }]);
    });
    it('the same rates again decide nothing; changed rates are recorded', () => {
      const set: AcademicYearEvent = { type: 'FundingRatesSet', data: { academicYearId: 'ay-2025', rates } };
      spec.given([year, set]).when({ type: 'SetFundingRates', academicYearId: 'ay-2025', rates: { ...rates } }).then([]);
      spec.given([year, set]).when({ type: 'SetFundingRates', academicYearId: 'ay-2025', rates: { ...rates, fringe: 4600 } }).then([
        { type: 'FundingRatesSet', data: { academicYearId: 'ay-2025', rates: { ...rates, fringe: 4600 } } },
      ]);
    });
    it('refuses rates that are not whole pence of 0 or more', () => {
      const failure = spec.given([year]).when({ type: 'SetFundingRates', academicYearId: 'ay-2025', rates: { ...rates, fringe: -1, inner_london: 53.6 } }).thenFails('InvalidFundingRate');
      expect(failure.details).toEqual([{ region: 'inner_london', rate: 53.6 }, { region: 'fringe', rate: -1 }]);
    });
    it('refuses rates for a year that does not exist', () => {
      spec.given().when({ type: 'SetFundingRates', academicYearId: 'ay-2025', rates }).thenFails('NotFound');
    });
  });
});
