import type { ClaimContent, MentorTraining } from '../../src/claims/claim.events';
import type { FieldChange } from './claim-history.read-model';

const SCALARS: (keyof Omit<ClaimContent, 'mentorTrainings'>)[] = ['schoolId', 'providerId', 'academicYearId'];

/** Per-field changes between two revisions; mentor trainings are matched by mentor (`mentorTrainings[<mentorId>].hours`). */
export function contentChanges(from: ClaimContent, to: ClaimContent): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of SCALARS) if (from[field] !== to[field]) changes.push({ path: field, from: from[field], to: to[field] });
  const before = new Map(from.mentorTrainings.map((t) => [t.mentorId, t]));
  const after = new Map(to.mentorTrainings.map((t) => [t.mentorId, t]));
  const training = (t: MentorTraining) => ({ hours: t.hours, trainingType: t.trainingType });
  for (const [mentorId, old] of before) {
    const path = `mentorTrainings[${mentorId}]`;
    const next = after.get(mentorId);
    if (!next) {
      changes.push({ path, from: training(old), to: null });
      continue;
    }
    if (old.hours !== next.hours) changes.push({ path: `${path}.hours`, from: old.hours, to: next.hours });
    if (old.trainingType !== next.trainingType) changes.push({ path: `${path}.trainingType`, from: old.trainingType, to: next.trainingType });
  }
  for (const [mentorId, added] of after) {
    if (!before.has(mentorId)) changes.push({ path: `mentorTrainings[${mentorId}]`, from: null, to: training(added) });
  }
  return changes;
}
