import { specFor } from '../../test/support/decider-spec';
import { academicYearRegistryDecider } from './academic-year-registry.decider';
import { AcademicYearRegistryEvent } from './academic-year-registry.events';

const spec = specFor(academicYearRegistryDecider, undefined);
const registered = (academicYearId: string, startsOn: string, endsOn: string): AcademicYearRegistryEvent => ({
  type: 'AcademicYearRangeRegistered',
  data: { academicYearId, name: academicYearId, startsOn, endsOn },
});
const register = (academicYearId: string, startsOn: string, endsOn: string) => ({ type: 'RegisterAcademicYearRange' as const, academicYearId, name: academicYearId, startsOn, endsOn });
const y2025 = registered('ay-2025', '2025-09-01', '2026-08-31');

describe('AcademicYear registry decider', () => {
  describe('rule: academic years never overlap each other', () => {
    it('refuses a year overlapping another, naming the other year', () => {
      const failure = spec.given([y2025]).when(register('ay-x', '2026-08-01', '2027-07-31')).thenFails('AcademicYearsOverlap');
      expect(failure.details).toEqual([{ academicYearId: 'ay-2025', name: 'ay-2025', startsOn: '2025-09-01', endsOn: '2026-08-31' }]);
      expect(failure.message).toContain('ay-2025');
    });
    it('refuses a year enclosed by another, and one enclosing another', () => {
      spec.given([y2025]).when(register('ay-x', '2025-10-01', '2025-10-31')).thenFails('AcademicYearsOverlap');
      spec.given([y2025]).when(register('ay-x', '2025-01-01', '2026-12-31')).thenFails('AcademicYearsOverlap');
    });
    it('refuses a year that starts on the day another ends (end dates are inclusive)', () => {
      spec.given([y2025]).when(register('ay-x', '2026-08-31', '2027-08-30')).thenFails('AcademicYearsOverlap');
    });
    it('accepts the next year starting the day after', () => {
      spec.given([y2025]).when(register('ay-2026', '2026-09-01', '2027-08-31')).then([registered('ay-2026', '2026-09-01', '2027-08-31')]);
    });
  });

  it('rule: ends after starts — a reversed range is not registered', () => {
    spec.given().when(register('ay-x', '2026-01-01', '2025-01-01')).thenFails('InvalidDateRange');
  });

  it('a year already registered with identical dates is an idempotent repeat; other dates are AlreadyExists', () => {
    spec.given([y2025]).when(register('ay-2025', '2025-09-01', '2026-08-31')).then([]);
    spec.given([y2025]).when(register('ay-2025', '2025-09-02', '2026-08-31')).thenFails('AlreadyExists');
  });
});
