import type { GeoLocation } from '../../src/organisations/organisation.events';
import type { KeyStage } from '../../src/placements/placement.events';
import type { SubjectPhase } from '../../src/subjects/subject.events';
import type { ProjectionCollection } from '../subscription/projection';
import { cellOf } from './placements.geo';
import type {
  GeoPoint, PlacementDocument, PlacementMentorDocument, PlacementOrganisationDocument, PlacementSubjectDocument,
} from './placements.read-model';

/** Enough for any real subject tree, and a guard should a parent chain ever loop. */
const MAX_DEPTH = 32;

const PRIMARY_STAGES: KeyStage[] = ['early_years', 'key_stage_1', 'key_stage_2'];
const SECONDARY_STAGES: KeyStage[] = ['key_stage_3', 'key_stage_4', 'key_stage_5'];

export function phaseOfKeyStage(keyStage: KeyStage | null): SubjectPhase | null {
  if (keyStage !== null && PRIMARY_STAGES.includes(keyStage)) return 'primary';
  if (keyStage !== null && SECONDARY_STAGES.includes(keyStage)) return 'secondary';
  return null;
}

export type SubjectFields = Pick<PlacementDocument, 'subjectName' | 'phase' | 'additionalSubjects' | 'subjectLineageIds'>;

/** Names, phase and lineage of a placement's subjects, from this read model's own subject documents. */
export async function subjectFields(
  subjects: ProjectionCollection<PlacementSubjectDocument>,
  placement: { subjectId: string | null; additionalSubjectIds: string[]; keyStage: KeyStage | null },
): Promise<SubjectFields> {
  const subject = placement.subjectId === null ? null : await subjects.get(placement.subjectId);
  const additionalSubjects: SubjectFields['additionalSubjects'] = [];
  for (const subjectId of placement.additionalSubjectIds) additionalSubjects.push({ subjectId, name: (await subjects.get(subjectId))?.name ?? subjectId });
  const lineage = new Set<string>();
  for (const start of [placement.subjectId, ...placement.additionalSubjectIds]) {
    let next = start;
    for (let depth = 0; next !== null && depth < MAX_DEPTH && !lineage.has(next); depth++) {
      lineage.add(next);
      next = (await subjects.get(next))?.parentSubjectId ?? null;
    }
  }
  return {
    subjectName: subject?.name ?? null,
    phase: subject?.phase ?? phaseOfKeyStage(placement.keyStage),
    additionalSubjects,
    subjectLineageIds: [...lineage].sort(),
  };
}

export const geoPoint = (location: GeoLocation | null): GeoPoint | null =>
  location === null ? null : { type: 'Point', coordinates: [location.longitude, location.latitude] };

export function schoolFields(school: PlacementOrganisationDocument | null): Pick<PlacementDocument, 'schoolName' | 'location' | 'geo' | 'geoCell'> {
  const location = school?.location ?? null;
  return { schoolName: school?.name ?? null, location, geo: geoPoint(location), geoCell: location === null ? null : cellOf(location) };
}

export async function mentorEntries(mentors: ProjectionCollection<PlacementMentorDocument>, mentorIds: string[]): Promise<PlacementDocument['mentors']> {
  const entries: PlacementDocument['mentors'] = [];
  for (const mentorId of mentorIds) {
    const mentor = await mentors.get(mentorId);
    entries.push({ mentorId, givenName: mentor?.givenName ?? '', familyName: mentor?.familyName ?? '' });
  }
  return entries;
}
