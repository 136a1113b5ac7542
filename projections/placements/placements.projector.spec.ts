import { project } from '../../test/support/projector-spec';
import { MentorEvent } from '../../src/mentors/mentor.events';
import { OrganisationEvent } from '../../src/organisations/organisation.events';
import { PlacementDetails, PlacementEvent } from '../../src/placements/placement.events';
import { SubjectEvent } from '../../src/subjects/subject.events';
import { placementsProjection } from './placements.projector';
import { searchPlacements } from './placements.queries';
import { PLACEMENTS } from './placements.read-model';

type Given = (PlacementEvent | SubjectEvent | OrganisationEvent | MentorEvent) & { streamId: string; occurredAt?: string };

const tree = 'subject-tree-all';
// A point in central London, and schools ~10 km and ~40 km due north of it (1° of latitude ≈ 111.195 km).
const centre = { latitude: 51.5072, longitude: -0.1276 };
const north = (km: number) => ({ latitude: centre.latitude + km / 111.195, longitude: centre.longitude });

const reference: Given[] = [
  { streamId: 'organisation-s-near', type: 'OrganisationRegistered', data: { organisationId: 's-near', type: 'school', name: 'Near School', location: north(10) } },
  { streamId: 'organisation-s-far', type: 'OrganisationRegistered', data: { organisationId: 's-far', type: 'school', name: 'Far School', location: north(40) } },
  { streamId: 'organisation-p-1', type: 'OrganisationRegistered', data: { organisationId: 'p-1', type: 'provider', name: 'North SCITT' } },
  { streamId: tree, type: 'SubjectDefined', data: { subjectId: 'mfl', name: 'Modern foreign languages', code: '15', phase: 'secondary', parentSubjectId: null } },
  { streamId: tree, type: 'SubjectDefined', data: { subjectId: 'french', name: 'French', code: '15A', phase: 'secondary', parentSubjectId: 'mfl' } },
  { streamId: tree, type: 'SubjectDefined', data: { subjectId: 'maths', name: 'Mathematics', code: 'G1', phase: 'secondary', parentSubjectId: null } },
  { streamId: tree, type: 'SubjectDefined', data: { subjectId: 'primary', name: 'Primary', code: '00', phase: 'primary', parentSubjectId: null } },
  { streamId: 'mentor-m-1', type: 'MentorRegistered', data: { mentorId: 'm-1', trn: '1234567', givenName: 'Ada', familyName: 'Byron' } },
];
const details = (fields: Partial<PlacementDetails>): PlacementDetails => ({
  subjectId: null, sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [], ...fields,
});
const created = (placementId: string, schoolId: string, fields: Partial<PlacementDetails>): Given => ({
  streamId: `placement-${placementId}`, occurredAt: '2025-10-01T09:00:00.000Z', type: 'PlacementCreated', data: { placementId, schoolId, academicYearId: 'ay-1', ...details(fields) },
});
const key = (placementId: string, schoolId: string) => ({ placementId, schoolId, academicYearId: 'ay-1' });
const published = (placementId: string, schoolId: string): Given => ({ streamId: `placement-${placementId}`, type: 'PlacementPublished', data: key(placementId, schoolId) });

const placements: Given[] = [
  created('french-near', 's-near', { subjectId: 'french', mentorIds: ['m-1'], termIds: ['autumn'] }),
  published('french-near', 's-near'),
  created('french-far', 's-far', { subjectId: 'french' }),
  published('french-far', 's-far'),
  created('maths-near', 's-near', { subjectId: 'maths' }),
  published('maths-near', 's-near'),
  created('mfl-spanish-near', 's-near', { subjectId: 'mfl', additionalSubjectIds: ['french'] }),
  created('send-near', 's-near', { sendSpecific: true, keyStage: 'key_stage_2' }),
];
const all = [...reference, ...placements];
const paging = { limit: 100, offset: 0 };

describe('placements projector', () => {
  it('shows the school’s name and location, the subjects’ names and lineage, the mentors', async () => {
    const given = await project(placementsProjection, all);
    expect(await given.get(PLACEMENTS, 'french-near')).toEqual({
      placementId: 'french-near', schoolId: 's-near', schoolName: 'Near School', location: north(10),
      geo: { type: 'Point', coordinates: [north(10).longitude, north(10).latitude] }, geoCell: '515:-2', academicYearId: 'ay-1', status: 'published',
      subjectId: 'french', subjectName: 'French', phase: 'secondary', additionalSubjects: [], subjectLineageIds: ['french', 'mfl'],
      sendSpecific: false, keyStage: null, yearGroup: null, termIds: ['autumn'], mentors: [{ mentorId: 'm-1', givenName: 'Ada', familyName: 'Byron' }],
      providerId: null, providerName: null, createdAt: '2025-10-01T09:00:00.000Z', updatedAt: '2025-10-01T09:00:00.000Z',
    });
    expect(await given.get(PLACEMENTS, 'send-near')).toMatchObject({ subjectId: null, phase: 'primary', subjectLineageIds: [] });
    await given.close();
  });

  it('follows the provider, updates, renames, moves and deletion', async () => {
    const given = await project(placementsProjection, [
      ...all,
      { streamId: 'placement-french-near', type: 'PlacementProviderAssigned', data: { ...key('french-near', 's-near'), providerId: 'p-1' } },
      { streamId: 'organisation-s-near', type: 'OrganisationUpdated', data: { organisationId: 's-near', name: 'Near Academy' } },
      { streamId: tree, type: 'SubjectRenamed', data: { subjectId: 'french', name: 'French language' } },
      { streamId: tree, type: 'SubjectMoved', data: { subjectId: 'mfl', parentSubjectId: 'maths', previousParentSubjectId: null } },
      { streamId: 'placement-maths-near', type: 'PlacementUpdated', data: { ...key('maths-near', 's-near'), subjectId: 'mfl', additionalSubjectIds: ['french'] } },
      { streamId: 'placement-french-far', type: 'PlacementDeleted', data: { ...key('french-far', 's-far'), cause: 'hosting_interest_changed' } },
    ]);
    expect(await given.get(PLACEMENTS, 'french-near')).toMatchObject({
      status: 'assigned', providerId: 'p-1', providerName: 'North SCITT', schoolName: 'Near Academy', subjectName: 'French language', subjectLineageIds: ['french', 'maths', 'mfl'],
    });
    expect(await given.get(PLACEMENTS, 'mfl-spanish-near')).toMatchObject({ additionalSubjects: [{ subjectId: 'french', name: 'French language' }] });
    expect(await given.get(PLACEMENTS, 'maths-near')).toMatchObject({ subjectName: 'Modern foreign languages', additionalSubjects: [{ subjectId: 'french', name: 'French language' }] });
    expect(await given.get(PLACEMENTS, 'french-far')).toBeNull();
    await given.close();
  });

  it('the same events delivered twice change nothing', async () => {
    const given = await project(placementsProjection, all);
    const before = await given.all(PLACEMENTS);
    await given.replayed();
    expect(await given.all(PLACEMENTS)).toEqual(before);
    await given.close();
  });
});

describe('placements search', () => {
  it('a subject includes its descendants, as main or additional subject', async () => {
    const given = await project(placementsProjection, all);
    const ids = async (subjectId: string) => (await searchPlacements(given.documents, { subjectId }, paging)).items.map((p) => p.placementId).sort();
    expect(await ids('mfl')).toEqual(['french-far', 'french-near', 'mfl-spanish-near']);
    expect(await ids('french')).toEqual(['french-far', 'french-near', 'mfl-spanish-near']);
    expect(await ids('maths')).toEqual(['maths-near']);
    await given.close();
  });

  it('near with a radius keeps placements within it, nearest first, with their distance', async () => {
    const given = await project(placementsProjection, all);
    const within25 = await searchPlacements(given.documents, { subjectId: 'mfl', near: centre, radiusKm: 25, statuses: ['published'] }, paging);
    expect(within25.items.map((p) => [p.placementId, p.distanceKm])).toEqual([['french-near', 10]]);
    expect(within25.total).toBe(1);
    const within50 = await searchPlacements(given.documents, { subjectId: 'mfl', near: centre, radiusKm: 50, statuses: ['published'] }, paging);
    expect(within50.items.map((p) => p.placementId)).toEqual(['french-near', 'french-far']);
    expect(within50.items[1].distanceKm).toBeCloseTo(40, 2);
    const page2 = await searchPlacements(given.documents, { near: centre, radiusKm: 50, statuses: ['published'] }, { limit: 1, offset: 2 });
    expect(page2).toMatchObject({ total: 3, items: [{ placementId: 'french-far' }] });
    await given.close();
  });

  it('filters by status, phase and key stage together', async () => {
    const given = await project(placementsProjection, all);
    const ids = async (search: Parameters<typeof searchPlacements>[1]) => (await searchPlacements(given.documents, search, paging)).items.map((p) => p.placementId);
    expect(await ids({ statuses: ['draft'] })).toEqual(['mfl-spanish-near', 'send-near']);
    expect(await ids({ phase: 'primary', keyStage: 'key_stage_2' })).toEqual(['send-near']);
    expect(await ids({ schoolId: 's-far' })).toEqual(['french-far']);
    await given.close();
  });
});
