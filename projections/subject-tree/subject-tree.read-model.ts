import type { IndexSpec } from '../../src/read-store/document-store.port';
import type { SubjectPhase } from '../../src/subjects/subject.events';

/** `subjects`: one document per subject (id = subjectId); the tree is assembled from parent ids. */
export const SUBJECTS = 'subjects';

export interface SubjectDocument extends Record<string, unknown> {
  subjectId: string;
  name: string;
  code: string;
  phase: SubjectPhase;
  parentSubjectId: string | null;
  updatedAt: string;
}

export const subjectTreeCollections: Record<string, IndexSpec[]> = {
  [SUBJECTS]: [{ fields: [['phase', 1], ['name', 1]] }, { fields: [['parentSubjectId', 1]] }],
};
