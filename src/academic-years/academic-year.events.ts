import { DomainEvent } from '../shared/event';

export type AcademicYearDefined = DomainEvent<'AcademicYearDefined', { academicYearId: string; name: string; startsOn: string; endsOn: string }>;
export type TermDefined = DomainEvent<'TermDefined', { academicYearId: string; termId: string; name: string; startsOn: string; endsOn: string }>;
/** Pence per hour per funding region. */
export interface FundingRates {
  inner_london: number;
  outer_london: number;
  fringe: number;
  rest_of_england: number;
}
/** Claims reference data (domain/claims.md): pence per hour per funding region, for this academic year. */
export type FundingRatesSet = DomainEvent<'FundingRatesSet', { academicYearId: string; rates: FundingRates }>;

export type AcademicYearEvent = AcademicYearDefined | TermDefined | FundingRatesSet;

export const ACADEMIC_YEAR_EVENT_TYPES: ReadonlySet<AcademicYearEvent['type']> = new Set(['AcademicYearDefined', 'TermDefined', 'FundingRatesSet']);
