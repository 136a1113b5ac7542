import type { FundingRates } from '../../src/academic-years/academic-year.events';
import type { IndexSpec } from '../../src/read-store/document-store.port';

/** `academic_years`: one document per academic year (id = academicYearId) with its terms and funding rates. */
export const ACADEMIC_YEARS = 'academic_years';

export interface TermEntry {
  termId: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

export interface AcademicYearDocument extends Record<string, unknown> {
  academicYearId: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** By start date. */
  terms: TermEntry[];
  /** Pence per hour per funding region; null until set. */
  fundingRates: FundingRates | null;
  updatedAt: string;
}

export const academicYearIndexes: IndexSpec[] = [{ fields: [['startsOn', 1]] }];
