import type { MentorEvent } from '../../src/mentors/mentor.events';
import type { OrganisationEvent } from '../../src/organisations/organisation.events';
import type { PlacementEvent } from '../../src/placements/placement.events';
import type { RecordedOf } from '../../src/shared/event';
import type { SubjectEvent } from '../../src/subjects/subject.events';
import { PLACEMENT_EVENT_TYPES } from '../../src/placements/placement.events';
import { SUBJECT_EVENT_TYPES } from '../../src/subjects/subject.events';
import type { ProjectionContext, ProjectionDefinition } from '../subscription/projection';
import { mentorEntries, schoolFields, subjectFields } from './placement-fields';
import {
  PLACEMENT_MENTORS, PLACEMENT_ORGANISATIONS, PLACEMENT_SUBJECTS, placementCollections, PlacementDocument, PlacementMentorDocument,
  PlacementOrganisationDocument, PLACEMENTS, PlacementSubjectDocument,
} from './placements.read-model';

const HANDLES: ReadonlySet<string> = new Set([
  ...PLACEMENT_EVENT_TYPES, ...SUBJECT_EVENT_TYPES, 'OrganisationRegistered', 'OrganisationUpdated', 'MentorRegistered',
]);

type Handled = RecordedOf<PlacementEvent | SubjectEvent | OrganisationEvent | MentorEvent>;

function collections(context: ProjectionContext) {
  return {
    placements: context.collection<PlacementDocument>(PLACEMENTS),
    organisations: context.collection<PlacementOrganisationDocument>(PLACEMENT_ORGANISATIONS),
    subjects: context.collection<PlacementSubjectDocument>(PLACEMENT_SUBJECTS),
    mentors: context.collection<PlacementMentorDocument>(PLACEMENT_MENTORS),
  };
}

/** Placement events: one document per placement, with the names and location a search shows. */
async function applyPlacement(event: RecordedOf<PlacementEvent>, context: ProjectionContext): Promise<void> {
  const { placements, organisations, subjects, mentors } = collections(context);
  const at = event.metadata.occurredAt;
  const id = event.data.placementId;
  switch (event.type) {
    case 'PlacementCreated': {
      const { placementId, schoolId, academicYearId, subjectId, sendSpecific, keyStage, yearGroup, termIds, mentorIds } = event.data;
      await placements.put(placementId, {
        placementId, schoolId, ...schoolFields(await organisations.get(schoolId)), academicYearId, status: 'draft',
        subjectId, ...(await subjectFields(subjects, event.data)), sendSpecific, keyStage, yearGroup, termIds,
        mentors: await mentorEntries(mentors, mentorIds), providerId: null, providerName: null, createdAt: at, updatedAt: at,
      });
      return;
    }
    case 'PlacementUpdated': {
      const doc = await placements.get(id);
      if (!doc) return;
      const { placementId: _p, schoolId: _s, academicYearId: _y, mentorIds, additionalSubjectIds, ...changes } = event.data;
      const next: PlacementDocument = { ...doc, ...changes, updatedAt: at };
      const subjectsOf = { subjectId: next.subjectId, keyStage: next.keyStage, additionalSubjectIds: additionalSubjectIds ?? doc.additionalSubjects.map((s) => s.subjectId) };
      await placements.put(id, {
        ...next,
        ...(await subjectFields(subjects, subjectsOf)),
        ...(mentorIds ? { mentors: await mentorEntries(mentors, mentorIds) } : {}),
      });
      return;
    }
    case 'PlacementPublished':
      await placements.update(id, (doc) => doc && { ...doc, status: 'published', updatedAt: at });
      return;
    case 'PlacementProviderAssigned': {
      const provider = await organisations.get(event.data.providerId);
      await placements.update(id, (doc) => doc && { ...doc, status: 'assigned', providerId: event.data.providerId, providerName: provider?.name ?? null, updatedAt: at });
      return;
    }
    case 'PlacementProviderUnassigned':
      await placements.update(id, (doc) => doc && { ...doc, status: 'published', providerId: null, providerName: null, updatedAt: at });
      return;
    case 'PlacementDeleted':
      await placements.delete(id);
      return;
  }
}

/** Reference data, and the placement documents that show it when it changes. */
async function applyReference(event: RecordedOf<SubjectEvent | OrganisationEvent | MentorEvent>, context: ProjectionContext): Promise<void> {
  const { placements, organisations, subjects, mentors } = collections(context);
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { organisationId, name, location } = event.data;
      await organisations.put(organisationId, { organisationId, name, location: location ?? null });
      return;
    }
    case 'OrganisationUpdated': {
      const { organisationId, name, location } = event.data;
      if (name === undefined && location === undefined) return;
      const current = await organisations.get(organisationId);
      const next = { organisationId, name: name ?? current?.name ?? organisationId, location: location ?? current?.location ?? null };
      await organisations.put(organisationId, next);
      for (const doc of await placements.find({ schoolId: organisationId })) {
        await placements.update(doc.placementId, (d) => d && { ...d, ...schoolFields(next) });
      }
      for (const doc of await placements.find({ providerId: organisationId })) {
        await placements.update(doc.placementId, (d) => d && { ...d, providerName: next.name });
      }
      return;
    }
    case 'SubjectDefined': {
      const { subjectId, name, phase, parentSubjectId } = event.data;
      await subjects.put(subjectId, { subjectId, name, phase, parentSubjectId });
      return;
    }
    case 'SubjectRenamed':
    case 'SubjectMoved': {
      const { subjectId } = event.data;
      await subjects.update(subjectId, (doc) =>
        doc && (event.type === 'SubjectRenamed' ? { ...doc, name: event.data.name } : { ...doc, parentSubjectId: event.data.parentSubjectId }),
      );
      // Every placement whose subjects sit at or under the changed subject carries it in its lineage.
      for (const doc of await placements.find({ subjectLineageIds: subjectId })) {
        const fields = await subjectFields(subjects, { subjectId: doc.subjectId, keyStage: doc.keyStage, additionalSubjectIds: doc.additionalSubjects.map((s) => s.subjectId) });
        await placements.update(doc.placementId, (d) => d && { ...d, ...fields });
      }
      return;
    }
    case 'MentorRegistered': {
      const { mentorId, givenName, familyName } = event.data;
      await mentors.put(mentorId, { mentorId, givenName, familyName });
      return;
    }
    default:
      return;
  }
}

export const placementsProjection: ProjectionDefinition = {
  name: 'placements',
  version: 2,
  collections: placementCollections,
  handles: HANDLES,
  async apply(recorded, context) {
    const event = recorded as Handled;
    if (PLACEMENT_EVENT_TYPES.has(event.type as PlacementEvent['type'])) await applyPlacement(event as RecordedOf<PlacementEvent>, context);
    else await applyReference(event as RecordedOf<SubjectEvent | OrganisationEvent | MentorEvent>, context);
  },
};
