import { streamIdOf } from '../shared/ids';

/** One stream per school and year: "one hosting interest per school and year" holds by construction. */
export const hostingInterestId = (schoolId: string, academicYearId: string) => `${schoolId}.${academicYearId}`;
export const hostingInterestStream = (schoolId: string, academicYearId: string) => streamIdOf('hosting-interest', hostingInterestId(schoolId, academicYearId));
