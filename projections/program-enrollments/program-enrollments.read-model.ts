import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { ProgramEnrollmentStatus } from '../../src/enrollments/program-enrollment.events';

/** `program_enrollments`: one document per program enrollment (id = programEnrollmentId). */
export const PROGRAM_ENROLLMENTS = 'program_enrollments';

export interface ProgramEnrollmentDocument extends Record<string, unknown> {
  programEnrollmentId: string;
  programId: string;
  curriculumId: string;
  /** Null while the enrollment waits to be linked. */
  studentId: string | null;
  externalUserKey: string | null;
  organisationId: string | null;
  status: ProgramEnrollmentStatus;
  /** studentId is set: what `?linked=` filters on. */
  linked: boolean;
  createdAt: string;
  linkedAt: string | null;
  updatedAt: string;
}

export const programEnrollmentCollections: Record<string, IndexSpec[]> = {
  [PROGRAM_ENROLLMENTS]: [
    { fields: [['programId', 1], ['curriculumId', 1], ['status', 1], ['createdAt', 1]] },
    { fields: [['programId', 1], ['linked', 1], ['createdAt', 1]] },
    // Scoped tokens: a program's enrollments of their organisations.
    { fields: [['programId', 1], ['organisationId', 1], ['createdAt', 1]] },
  ],
};
