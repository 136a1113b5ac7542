import type { DocumentStore, IndexSpec } from '../read-store/document-store.port';
import type { HostingAppetite } from '../hosting-interests/hosting-interest.events';

/** The clean-up process's own memory, built from the log in order (not a read model: no query serves it). */
export const CLEANUP_SCHOOL_YEARS = '_placement_cleanup_school_years';
export const CLEANUP_PLACEMENTS = '_placement_cleanup_placements';
export const PROCESS_CHECKPOINTS = '_process_checkpoints';

export interface CleanupSchoolYear extends Record<string, unknown> {
  schoolId: string;
  academicYearId: string;
  appetite: HostingAppetite;
}

/** A placement not deleted yet, and whether it has a provider. */
export interface CleanupPlacement extends Record<string, unknown> {
  placementId: string;
  schoolId: string;
  academicYearId: string;
  assigned: boolean;
}

export interface ProcessCheckpoint extends Record<string, unknown> {
  name: string;
  /** Decimal string: positions are exact. */
  position: string;
  updatedAt: string;
}

export const schoolYearKey = (schoolId: string, academicYearId: string) => `${schoolId}|${academicYearId}`;

export async function prepareCleanupState(documents: DocumentStore): Promise<void> {
  const placementIndexes: IndexSpec[] = [{ fields: [['schoolId', 1], ['academicYearId', 1], ['assigned', 1]] }];
  await documents.ensureIndexes(CLEANUP_PLACEMENTS, placementIndexes);
  await documents.ensureIndexes(CLEANUP_SCHOOL_YEARS, []);
  await documents.ensureIndexes(PROCESS_CHECKPOINTS, []);
}
