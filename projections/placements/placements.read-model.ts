import type { GeoLocation } from '../../src/organisations/organisation.events';
import type { KeyStage, YearGroup } from '../../src/placements/placement.events';
import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { SubjectPhase } from '../../src/subjects/subject.events';

/** `placements`: one document per placement not deleted (id = placementId), with the names a search shows. */
export const PLACEMENTS = 'placements';
/** Reference data this read model keeps for itself (read models are independent). */
export const PLACEMENT_ORGANISATIONS = 'placement_organisations';
export const PLACEMENT_SUBJECTS = 'placement_subjects';
export const PLACEMENT_MENTORS = 'placement_mentors';

export type PlacementStatus = 'draft' | 'published' | 'assigned';
export const PLACEMENT_STATUSES: readonly PlacementStatus[] = ['draft', 'published', 'assigned'];

/** GeoJSON, longitude first: what MongoDB's 2dsphere index reads. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [longitude: number, latitude: number];
}

export interface PlacementDocument extends Record<string, unknown> {
  placementId: string;
  schoolId: string;
  schoolName: string | null;
  location: GeoLocation | null;
  geo: GeoPoint | null;
  /** The 0.1° grid cell of `location` (`cellOf`), null without one: what a distance search filters on. */
  geoCell: string | null;
  academicYearId: string;
  status: PlacementStatus;
  subjectId: string | null;
  subjectName: string | null;
  /** The subject's phase; for a SEND placement without a subject, the phase its key stage belongs to (null for mixed). */
  phase: SubjectPhase | null;
  additionalSubjects: { subjectId: string; name: string }[];
  /** The subject, the additional subjects and all their ancestors: a search by subject matches its descendants. */
  subjectLineageIds: string[];
  sendSpecific: boolean;
  keyStage: KeyStage | null;
  yearGroup: YearGroup | null;
  termIds: string[];
  mentors: { mentorId: string; givenName: string; familyName: string }[];
  providerId: string | null;
  providerName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PlacementOrganisationDocument extends Record<string, unknown> {
  organisationId: string;
  name: string;
  location: GeoLocation | null;
}

export interface PlacementSubjectDocument extends Record<string, unknown> {
  subjectId: string;
  name: string;
  phase: SubjectPhase;
  parentSubjectId: string | null;
}

export interface PlacementMentorDocument extends Record<string, unknown> {
  mentorId: string;
  givenName: string;
  familyName: string;
}

export const placementCollections: Record<string, IndexSpec[]> = {
  [PLACEMENTS]: [
    { fields: [['geoCell', 1]] },
    { fields: [['location.latitude', 1], ['location.longitude', 1]] },
    { fields: [['geo', 1]], kind: '2dsphere' },
    { fields: [['academicYearId', 1], ['status', 1]] },
    { fields: [['subjectLineageIds', 1]] },
    { fields: [['schoolId', 1]] },
    { fields: [['providerId', 1]] },
    { fields: [['schoolName', 1], ['placementId', 1]] },
  ],
  [PLACEMENT_ORGANISATIONS]: [],
  [PLACEMENT_SUBJECTS]: [],
  [PLACEMENT_MENTORS]: [],
};
