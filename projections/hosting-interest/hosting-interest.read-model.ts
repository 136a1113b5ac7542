import type { HostingAppetite } from '../../src/hosting-interests/hosting-interest.events';
import type { IndexSpec } from '../../src/read-store/document-store.port';

/** `hosting_interests`: one document per school and academic year (id = `schoolId|academicYearId`). */
export const HOSTING_INTERESTS = 'hosting_interests';

export interface AppetiteRecord {
  appetite: HostingAppetite;
  reasons: string[];
  details: Record<string, unknown> | null;
  recordedAt: string;
  recordedBy: { type: string; id: string; actingUserId: string | null };
}

export interface HostingInterestDocument extends Record<string, unknown> {
  schoolId: string;
  academicYearId: string;
  /** null until the school records an interest (a placement may get a provider before that). */
  appetite: HostingAppetite | null;
  reasons: string[];
  details: Record<string, unknown> | null;
  recordedAt: string | null;
  /** The latest HISTORY_LIMIT records, oldest first; earlier ones are in the audit stream. */
  history: AppetiteRecord[];
  /** Placements of this school and year that have a provider: while any does, the interest is locked. */
  assignedPlacementIds: string[];
  locked: boolean;
  updatedAt: string;
}

/** Records kept in `history`, newest last: a document stays small however often the appetite changes (the rest is in the audit stream). */
export const HISTORY_LIMIT = 50;

export const hostingInterestId = (schoolId: string, academicYearId: string) => `${schoolId}|${academicYearId}`;

export const hostingInterestCollections: Record<string, IndexSpec[]> = {
  [HOSTING_INTERESTS]: [{ fields: [['schoolId', 1], ['academicYearId', 1]] }, { fields: [['academicYearId', 1], ['appetite', 1]] }],
};
