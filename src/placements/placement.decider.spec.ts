import { specFor } from '../../test/support/decider-spec';
import { CreatePlacement } from './placement.commands';
import { placementDecider, PlacementLookups } from './placement.decider';
import { PlacementDetails, PlacementEvent } from './placement.events';

// SPEC_NOW is 2025-10-01: 2025/26 is the current year, 2026/27 the next, 2024/25 and 2027/28 are closed.
const years = [
  { academicYearId: 'ay-2024', startsOn: '2024-09-01', endsOn: '2025-08-31' },
  { academicYearId: 'ay-2025', startsOn: '2025-09-01', endsOn: '2026-08-31' },
  { academicYearId: 'ay-2026', startsOn: '2026-09-01', endsOn: '2027-08-31' },
  { academicYearId: 'ay-2027', startsOn: '2027-09-01', endsOn: '2028-08-31' },
];
const subjects = {
  mfl: { name: 'Modern foreign languages', phase: 'secondary', parentSubjectId: null },
  french: { name: 'French', phase: 'secondary', parentSubjectId: 'mfl' },
  spanish: { name: 'Spanish', phase: 'secondary', parentSubjectId: 'mfl' },
  maths: { name: 'Mathematics', phase: 'secondary', parentSubjectId: null },
  primary: { name: 'Primary', phase: 'primary', parentSubjectId: null },
} as const;
const school = { type: 'school', closed: false, onboardedToPlacements: true, contactCount: 1 };
const provider = { type: 'provider', closed: false, onboardedToPlacements: true, contactCount: 0 };
const facts: PlacementLookups = {
  school,
  academicYear: { termIds: ['autumn', 'spring'] },
  academicYears: years,
  hostingAppetite: null,
  subjects,
  mentors: { 'm-1': { schoolIds: ['s-1'] }, 'm-2': { schoolIds: ['s-2'] } },
  provider,
};
const spec = specFor(placementDecider, facts);

const create = (fields: Partial<CreatePlacement> = {}): CreatePlacement => ({
  type: 'CreatePlacement', placementId: 'pl-1', schoolId: 's-1', academicYearId: 'ay-2025', subjectId: 'mfl', ...fields,
});
const details = (fields: Partial<PlacementDetails> = {}): PlacementDetails => ({
  subjectId: 'mfl', sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [], ...fields,
});
const key = { placementId: 'pl-1', schoolId: 's-1', academicYearId: 'ay-2025' };
const created = (fields: Partial<PlacementDetails> = {}): PlacementEvent => ({ type: 'PlacementCreated', data: { ...key, ...details(fields) } });
const published: PlacementEvent = { type: 'PlacementPublished', data: key };
const assigned = (providerId = 'p-1'): PlacementEvent => ({ type: 'PlacementProviderAssigned', data: { ...key, providerId } });

describe('Placement decider', () => {
  it('creates a draft placement with every field present', () => {
    spec.given().when(create({ additionalSubjectIds: ['french', 'french'], termIds: ['autumn'], mentorIds: ['m-1'] })).then([
      created({ additionalSubjectIds: ['french'], termIds: ['autumn'], mentorIds: ['m-1'] }),
    ]);
    expect(spec.given([created()]).state).toMatchObject({ status: 'draft' });
  });

  it('creating it again with the same fields decides nothing; with others is AlreadyExists', () => {
    spec.given([created()]).when(create()).then([]);
    spec.given([created()]).when(create({ subjectId: 'maths' })).thenFails('AlreadyExists');
  });

  describe('rule 1: the school is onboarded with a contact, the year is current or next, the hosting interest (if any) is actively_looking', () => {
    it('refuses a school not onboarded to placements', () => {
      spec.given().when(create(), { lookups: { school: { ...school, onboardedToPlacements: false } } }).thenFails('SchoolNotOnboarded');
    });
    it('refuses a school without a contact', () => {
      spec.given().when(create(), { lookups: { school: { ...school, contactCount: 0 } } }).thenFails('SchoolHasNoContact');
    });
    it('refuses an organisation that is not a school, or none', () => {
      spec.given().when(create(), { lookups: { school: { ...school, type: 'provider' } } }).thenFails('NotASchool');
      spec.given().when(create(), { lookups: { school: { ...school, type: null } } }).thenFails('SchoolNotFound');
    });
    it('accepts the current and the next academic year, by today’s date', () => {
      spec.given().when(create({ academicYearId: 'ay-2026' })).then([{ type: 'PlacementCreated', data: { ...key, academicYearId: 'ay-2026', ...details() } }]);
    });
    it('refuses a past year and the year after next, naming the open ones', () => {
      const error = spec.given().when(create({ academicYearId: 'ay-2024' })).thenFails('AcademicYearNotOpen');
      expect(error.details).toEqual([{ academicYearId: 'ay-2024', currentAcademicYearId: 'ay-2025', nextAcademicYearId: 'ay-2026' }]);
      spec.given().when(create({ academicYearId: 'ay-2027' })).thenFails('AcademicYearNotOpen');
    });
    it('the current year turns over with the date', () => {
      spec.given().when(create({ academicYearId: 'ay-2027' }), { now: new Date('2026-09-01T00:00:00Z') }).then([
        { type: 'PlacementCreated', data: { ...key, academicYearId: 'ay-2027', ...details() } },
      ]);
    });
    it('a year defined beyond a missing one is not the next year', () => {
      const gap = [years[1], years[3]];
      const error = spec.given().when(create({ academicYearId: 'ay-2027' }), { lookups: { academicYears: gap } }).thenFails('AcademicYearNotOpen');
      expect(error.details).toEqual([{ academicYearId: 'ay-2027', currentAcademicYearId: 'ay-2025', nextAcademicYearId: null }]);
    });
    it('refuses a year that does not exist', () => {
      spec.given().when(create({ academicYearId: 'nope' }), { lookups: { academicYear: null } }).thenFails('AcademicYearNotFound');
    });
    it('refuses when the school’s interest for the year is interested or not_open; accepts actively_looking or none', () => {
      spec.given().when(create(), { lookups: { hostingAppetite: 'interested' } }).thenFails('HostingInterestNotActivelyLooking');
      spec.given().when(create(), { lookups: { hostingAppetite: 'not_open' } }).thenFails('HostingInterestNotActivelyLooking');
      spec.given().when(create(), { lookups: { hostingAppetite: 'actively_looking' } }).then([created()]);
    });
  });

  describe('rule 2: a subject is required unless sendSpecific, which requires keyStage', () => {
    it('refuses a placement with no subject that is not SEND-specific', () => {
      spec.given().when(create({ subjectId: undefined })).thenFails('SubjectRequired');
    });
    it('refuses a SEND-specific placement without a key stage', () => {
      spec.given().when(create({ subjectId: undefined, sendSpecific: true })).thenFails('KeyStageRequired');
    });
    it('accepts a SEND-specific placement with a key stage and no subject', () => {
      spec.given().when(create({ subjectId: undefined, sendSpecific: true, keyStage: 'key_stage_3' })).then([
        created({ subjectId: null, sendSpecific: true, keyStage: 'key_stage_3' }),
      ]);
    });
    it('refuses a subject that does not exist', () => {
      spec.given().when(create({ subjectId: 'nope' })).thenFails('SubjectNotFound');
    });
  });

  describe('rule 3: primary subjects need a year group; secondary have none and their additional subjects are children of the subject', () => {
    it('refuses a primary placement without a year group, accepts one with', () => {
      spec.given().when(create({ subjectId: 'primary' })).thenFails('YearGroupRequired');
      spec.given().when(create({ subjectId: 'primary', yearGroup: 'year_2' })).then([created({ subjectId: 'primary', yearGroup: 'year_2' })]);
    });
    it('refuses a secondary placement with a year group', () => {
      spec.given().when(create({ yearGroup: 'year_2' })).thenFails('YearGroupNotAllowed');
    });
    it('refuses an additional subject that is not a child of the subject', () => {
      spec.given().when(create({ additionalSubjectIds: ['maths'] })).thenFails('NotAChildSubject');
      spec.given().when(create({ subjectId: 'french', additionalSubjectIds: ['spanish'] })).thenFails('NotAChildSubject');
    });
  });

  describe('rule 4: mentors belong to the school (or none yet); terms belong to the year', () => {
    it('refuses a mentor of another school, and an unknown mentor', () => {
      spec.given().when(create({ mentorIds: ['m-2'] })).thenFails('MentorNotAtSchool');
      spec.given().when(create({ mentorIds: ['m-9'] }), { lookups: { mentors: { 'm-9': null } } }).thenFails('MentorNotFound');
    });
    it('accepts no mentors: not yet known', () => spec.given().when(create({ mentorIds: [] })).then([created()]));
    it('refuses a term of another year', () => {
      spec.given().when(create({ termIds: ['summer-2024'] })).thenFails('TermNotInAcademicYear');
    });
    it('checks mentors added and terms changed by an update', () => {
      spec.given([created()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', mentorIds: ['m-2'] }).thenFails('MentorNotAtSchool');
      spec.given([created()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', termIds: ['x'] }).thenFails('TermNotInAcademicYear');
    });
  });

  describe('rule 5: draft → published → assigned; the provider is onboarded; ProviderAlreadyAssigned', () => {
    it('publishes a draft; publishing again decides nothing', () => {
      spec.given([created()]).when({ type: 'PublishPlacement', placementId: 'pl-1' }).then([published]);
      spec.given([created(), published]).when({ type: 'PublishPlacement', placementId: 'pl-1' }).then([]);
    });
    it('only a published placement can be assigned a provider', () => {
      spec.given([created()]).when({ type: 'AssignPlacementProvider', placementId: 'pl-1', providerId: 'p-1' }).thenFails('PlacementNotPublished');
      spec.given([created(), published]).when({ type: 'AssignPlacementProvider', placementId: 'pl-1', providerId: 'p-1' }).then([assigned()]);
      expect(spec.given([created(), published, assigned()]).state).toMatchObject({ status: 'assigned', providerId: 'p-1' });
    });
    it('the provider must be a provider onboarded to placements', () => {
      const assign = { type: 'AssignPlacementProvider', placementId: 'pl-1', providerId: 'p-1' } as const;
      spec.given([created(), published]).when(assign, { lookups: { provider: { ...provider, onboardedToPlacements: false } } }).thenFails('ProviderNotOnboarded');
      spec.given([created(), published]).when(assign, { lookups: { provider: { ...provider, type: 'school' } } }).thenFails('NotAProvider');
      spec.given([created(), published]).when(assign, { lookups: { provider: { ...provider, type: null } } }).thenFails('ProviderNotFound');
    });
    it('assigning another provider when one is assigned is ProviderAlreadyAssigned (409); the same one decides nothing', () => {
      const error = spec.given([created(), published, assigned()]).when({ type: 'AssignPlacementProvider', placementId: 'pl-1', providerId: 'p-2' }).thenFails('ProviderAlreadyAssigned');
      expect(error.kind).toBe('conflict');
      spec.given([created(), published, assigned()]).when({ type: 'AssignPlacementProvider', placementId: 'pl-1', providerId: 'p-1' }).then([]);
    });
    it('unassigning returns the placement to published; unassigning again decides nothing', () => {
      spec.given([created(), published, assigned()]).when({ type: 'UnassignPlacementProvider', placementId: 'pl-1' }).then([
        { type: 'PlacementProviderUnassigned', data: { ...key, providerId: 'p-1' } },
      ]);
      const after = spec.given([created(), published, assigned(), { type: 'PlacementProviderUnassigned', data: { ...key, providerId: 'p-1' } }]);
      expect(after.state).toMatchObject({ status: 'published' });
      after.when({ type: 'UnassignPlacementProvider', placementId: 'pl-1' }).then([]);
    });
  });

  describe('rule 6: a placement with a provider cannot be deleted or moved to another subject (PlacementAssigned, 409)', () => {
    it('refuses to delete an assigned placement', () => {
      const error = spec.given([created(), published, assigned()]).when({ type: 'DeletePlacement', placementId: 'pl-1' }).thenFails('PlacementAssigned');
      expect(error.kind).toBe('conflict');
    });
    it('refuses to change the subject of an assigned placement, but other fields may change', () => {
      spec.given([created(), published, assigned()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', subjectId: 'maths' }).thenFails('PlacementAssigned');
      spec.given([created(), published, assigned()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', mentorIds: ['m-1'] }).then([
        { type: 'PlacementUpdated', data: { ...key, mentorIds: ['m-1'] } },
      ]);
    });
    it('deletes an unassigned placement with its cause (and a caller\'s reason); deleting again decides nothing; a deleted one is gone', () => {
      const deleted: PlacementEvent = { type: 'PlacementDeleted', data: { ...key, cause: 'hosting_interest_changed' } };
      spec.given([created(), published]).when({ type: 'DeletePlacement', placementId: 'pl-1', cause: 'hosting_interest_changed' }).then([deleted]);
      // A caller's reason is only ever a reason, whatever it says.
      spec.given([created(), published]).when({ type: 'DeletePlacement', placementId: 'pl-1', reason: ' hosting_interest_changed ' }).then([
        { type: 'PlacementDeleted', data: { ...key, cause: 'requested', reason: 'hosting_interest_changed' } },
      ]);
      spec.given([created()]).when({ type: 'DeletePlacement', placementId: 'pl-1', reason: '  ' }).then([{ type: 'PlacementDeleted', data: { ...key, cause: 'requested' } }]);
      spec.given([created(), deleted]).when({ type: 'DeletePlacement', placementId: 'pl-1' }).then([]);
      spec.given([created(), deleted]).when({ type: 'PublishPlacement', placementId: 'pl-1' }).thenFails('NotFound');
    });
  });

  it('an update records only the fields that changed; null clears a field; rules 2–3 hold on the result', () => {
    spec.given([created()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', subjectId: 'mfl', additionalSubjectIds: ['spanish'] }).then([
      { type: 'PlacementUpdated', data: { ...key, additionalSubjectIds: ['spanish'] } },
    ]);
    spec.given([created()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', subjectId: null }).thenFails('SubjectRequired');
    spec.given([created()]).when({ type: 'UpdatePlacement', placementId: 'pl-1', subjectId: 'mfl' }).then([]);
    spec.given().when({ type: 'UpdatePlacement', placementId: 'pl-1', subjectId: 'mfl' }).thenFails('NotFound');
  });
});
