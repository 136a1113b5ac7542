import type { RecordedOf } from '../../src/shared/event';
import type { SubjectEvent } from '../../src/subjects/subject.events';
import { SUBJECT_EVENT_TYPES } from '../../src/subjects/subject.events';
import type { ProjectionDefinition } from '../subscription/projection';
import { SUBJECTS, SubjectDocument, subjectTreeCollections } from './subject-tree.read-model';

export const subjectTreeProjection: ProjectionDefinition = {
  name: 'subject-tree',
  version: 1,
  collections: subjectTreeCollections,
  handles: SUBJECT_EVENT_TYPES,
  async apply(recorded, context) {
    const event = recorded as RecordedOf<SubjectEvent>;
    const subjects = context.collection<SubjectDocument>(SUBJECTS);
    const updatedAt = event.metadata.occurredAt;
    switch (event.type) {
      case 'SubjectDefined':
        await subjects.put(event.data.subjectId, { ...event.data, updatedAt });
        return;
      case 'SubjectMoved':
        await subjects.update(event.data.subjectId, (doc) => doc && { ...doc, parentSubjectId: event.data.parentSubjectId, updatedAt });
        return;
      case 'SubjectRenamed':
        await subjects.update(event.data.subjectId, (doc) => doc && { ...doc, name: event.data.name, updatedAt });
        return;
    }
  },
};
