import { streamIdOf } from '../shared/ids';

export const academicYearStream = (academicYearId: string) => streamIdOf('academic-year', academicYearId);

/** Not `academic-year-…`, so no academic year id can name the registry's stream. */
export const ACADEMIC_YEAR_REGISTRY_STREAM = streamIdOf('academic-years', 'registry');
