import { DomainEvent } from '../shared/event';

/**
 * The registry of every academic year's dates: one stream that each DefineAcademicYear appends to
 * with its expected revision, so two overlapping years cannot both be accepted.
 */
export type AcademicYearRangeRegistered = DomainEvent<
  'AcademicYearRangeRegistered',
  { academicYearId: string; name: string; startsOn: string; endsOn: string }
>;

export type AcademicYearRegistryEvent = AcademicYearRangeRegistered;

export const ACADEMIC_YEAR_REGISTRY_EVENT_TYPES: ReadonlySet<AcademicYearRegistryEvent['type']> = new Set(['AcademicYearRangeRegistered']);
