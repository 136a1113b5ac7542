import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { OrganisationLookup } from '../../src/organisations/organisation.lookup';
import { newId } from '../../src/shared/ids';
import { TEST_METADATA } from '../support/event-builders';
import { expectOk, TestApp } from '../support/test-app';

/** Organisation rules 1–4 (`rostering.md`) over HTTP; every test registers the organisations it uses. */
describe('Organisation rules over HTTP (embedded backend)', () => {
  let app: TestApp;
  const register = (organisationId: string, type: string, extra: object = {}) => app.command('RegisterOrganisation', { organisationId, type, name: `Org ${organisationId}`, ...extra });
  const ok = async (name: string, body: object) => expectOk(await app.command(name, body)).body;
  const refused = (name: string, body: object) => app.refusal(name, body);

  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(() => app.stop());

  describe('rule 1: districts, trusts and providers have no parent', () => {
    it.each(['district', 'trust', 'provider'])('a %s registered or updated with a parent is 422 InvalidParent', async (type) => {
      expectOk(await register(`r1-d-${type}`, 'district'));
      expect(await refused('RegisterOrganisation', { organisationId: `r1-${type}`, type, name: 'O', parentId: `r1-d-${type}` })).toEqual([422, 'InvalidParent']);
      expect(await refused('RegisterOrganisation', { organisationId: `r1-${type}-2`, type, name: 'O', parentId: 'r1-missing' })).toEqual([422, 'InvalidParent']);
      expectOk(await register(`r1-${type}`, type));
      expect(await refused('UpdateOrganisation', { organisationId: `r1-${type}`, parentId: `r1-d-${type}` })).toEqual([422, 'InvalidParent']);
    });

    it('a school’s parent is a district or trust (422 InvalidParent otherwise, 404 ParentNotFound when missing)', async () => {
      expectOk(await register('r1s-d', 'district'));
      expectOk(await register('r1s-t', 'trust'));
      expectOk(await register('r1s-p', 'provider'));
      expectOk(await register('r1s-s', 'school', { parentId: 'r1s-d' }));
      expect(await refused('RegisterOrganisation', { organisationId: 'r1s-x', type: 'school', name: 'X', parentId: 'r1s-p' })).toEqual([422, 'InvalidParent']);
      expect(await refused('RegisterOrganisation', { organisationId: 'r1s-x', type: 'school', name: 'X', parentId: 'r1s-s' })).toEqual([422, 'InvalidParent']);
      expect(await refused('RegisterOrganisation', { organisationId: 'r1s-x', type: 'school', name: 'X', parentId: 'r1s-none' })).toEqual([404, 'ParentNotFound']);
      const moved = await ok('UpdateOrganisation', { organisationId: 'r1s-s', parentId: 'r1s-t' });
      expect((await app.get('/v1/organisations/r1s-s', { minPosition: moved.position })).body.parentId).toBe('r1s-t');
    });

    it('the ancestor walk over stored streams: nearest first, and it stops at a loop that data from before rule 1 could hold', async () => {
      const store = app.app.get<EventStore>(EVENT_STORE);
      // A chain no command can make any more: written as it might have been stored earlier.
      const stored = async (organisationId: string, type: string, parentId?: string) =>
        store.append(`organisation-${organisationId}`, [
          { eventId: newId(), type: 'OrganisationRegistered', data: { organisationId, type, name: organisationId, ...(parentId ? { parentId } : {}) }, metadata: TEST_METADATA },
        ], 'no_stream');
      await stored('aw-top', 'trust');
      await stored('aw-mid', 'district', 'aw-top');
      await stored('aw-low', 'district', 'aw-mid');
      await stored('aw-loop-a', 'district', 'aw-loop-b');
      await stored('aw-loop-b', 'district', 'aw-loop-a');
      const lookup = app.app.get(OrganisationLookup);
      expect(await lookup.parent('aw-low')).toEqual({ id: 'aw-low', type: 'district', closed: false, ancestorIds: ['aw-mid', 'aw-top'] });
      expect(await lookup.parent('aw-top')).toEqual({ id: 'aw-top', type: 'trust', closed: false, ancestorIds: [] });
      expect(await lookup.parent('aw-loop-a')).toEqual({ id: 'aw-loop-a', type: 'district', closed: false, ancestorIds: ['aw-loop-b', 'aw-loop-a'] });
      expect(await lookup.parent('aw-none')).toEqual({ id: 'aw-none', type: null, closed: false, ancestorIds: [] });

      // A school under such a district is still a school under a district; one in the loop is refused as a cycle.
      expectOk(await register('aw-school', 'school', { parentId: 'aw-low' }));
      await stored('aw-old-school-parent', 'district', 'aw-school-2');
      expectOk(await register('aw-school-2', 'school', { parentId: 'aw-mid' }));
      expect(await refused('UpdateOrganisation', { organisationId: 'aw-school-2', parentId: 'aw-old-school-parent' })).toEqual([409, 'OrganisationHierarchyCycle']);
    });
  });

  describe('rule 2 and UpdateOrganisation identifiers: merged key by key, null removes one', () => {
    it('URNs are unique among schools (409 UrnTaken); sending another identifier keeps the URN and its reservation; a changed URN frees the old', async () => {
      expectOk(await register('urn-d', 'district'));
      expectOk(await register('urn-s1', 'school', { parentId: 'urn-d', identifiers: { urn: '100001', leaCode: '201' } }));
      expect(await refused('RegisterOrganisation', { organisationId: 'urn-s2', type: 'school', name: 'S2', parentId: 'urn-d', identifiers: { urn: ' 100001 ' } })).toEqual([409, 'UrnTaken']);
      // A provider or district may carry the same value: the URN is unique among schools only.
      expectOk(await register('urn-p', 'provider', { identifiers: { urn: '100001' } }));

      const added = await ok('UpdateOrganisation', { organisationId: 'urn-s1', identifiers: { ncesId: 'N-77' } });
      expect(added.events).toEqual([{ type: 'OrganisationUpdated', revision: 1 }]);
      const read = await app.get('/v1/organisations/urn-s1', { minPosition: added.position });
      expect(read.body.identifiers).toEqual({ urn: '100001', leaCode: '201', ncesId: 'N-77' });
      expect(await refused('RegisterOrganisation', { organisationId: 'urn-s2', type: 'school', name: 'S2', parentId: 'urn-d', identifiers: { urn: '100001' } })).toEqual([409, 'UrnTaken']);

      await ok('UpdateOrganisation', { organisationId: 'urn-s1', identifiers: { urn: '100002' } });
      expectOk(await register('urn-s2', 'school', { parentId: 'urn-d', identifiers: { urn: '100001' } }));
      expect(await refused('UpdateOrganisation', { organisationId: 'urn-s2', identifiers: { urn: '100002' } })).toEqual([409, 'UrnTaken']);

      const removed = await ok('UpdateOrganisation', { organisationId: 'urn-s1', identifiers: { urn: null } });
      expect((await app.get('/v1/organisations/urn-s1', { minPosition: removed.position })).body.identifiers).toEqual({ leaCode: '201', ncesId: 'N-77' });
      expectOk(await register('urn-s3', 'school', { parentId: 'urn-d', identifiers: { urn: '100002' } }));
    });

    it('UKPRNs are unique among providers (409 UkprnTaken), kept when other identifiers change, freed by removal', async () => {
      expectOk(await register('ukprn-p1', 'provider', { identifiers: { ukprn: '10000001' } }));
      expect(await refused('RegisterOrganisation', { organisationId: 'ukprn-p2', type: 'provider', name: 'P2', identifiers: { ukprn: '10000001' } })).toEqual([409, 'UkprnTaken']);
      await ok('UpdateOrganisation', { organisationId: 'ukprn-p1', identifiers: { providerCode: '1TZ' } });
      expect(await refused('RegisterOrganisation', { organisationId: 'ukprn-p2', type: 'provider', name: 'P2', identifiers: { ukprn: '10000001' } })).toEqual([409, 'UkprnTaken']);
      await ok('UpdateOrganisation', { organisationId: 'ukprn-p1', identifiers: { ukprn: null } });
      expectOk(await register('ukprn-p2', 'provider', { identifiers: { ukprn: '10000001' } }));
    });

    it('an identifier that is neither text nor null is 400 ValidationFailed naming it', async () => {
      expectOk(await register('idv-d', 'district'));
      const answer = await app.command('UpdateOrganisation', { organisationId: 'idv-d', identifiers: { leaCode: 7 } });
      expect([answer.status, answer.body.error, [...new Set(answer.body.details.map((d: { field: string }) => d.field))]]).toEqual([400, 'ValidationFailed', ['identifiers.leaCode']]);
    });
  });

  it('rule 3: latitude and longitude out of range are each 400 ValidationFailed naming the field; the bounds are accepted', async () => {
    for (const [location, field] of [[{ latitude: 90.01, longitude: 0 }, 'location.latitude'], [{ latitude: 0, longitude: -180.01 }, 'location.longitude'], [{ latitude: 0, longitude: 180.5 }, 'location.longitude']] as const) {
      const answer = await app.command('RegisterOrganisation', { organisationId: 'loc-p', type: 'provider', name: 'P', location });
      expect([answer.status, answer.body.error, answer.body.details.map((d: { field: string }) => d.field)]).toEqual([400, 'ValidationFailed', [field]]);
    }
    expectOk(await register('loc-p', 'provider', { location: { latitude: -90, longitude: 180 } }));
    const answer = await app.command('UpdateOrganisation', { organisationId: 'loc-p', location: { latitude: 0, longitude: 181 } });
    expect([answer.status, answer.body.details.map((d: { field: string }) => d.field)]).toEqual([400, ['location.longitude']]);
  });

  it('rule 4: a closed school takes no new students, classrooms or placements (409 OrganisationClosed); a closed district no new students', async () => {
    const startYear = new Date().getUTCMonth() >= 8 ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1;
    const academicYearId = `closed-ay-${startYear}`;
    expectOk(await register('closed-d', 'district'));
    expectOk(await register('closed-s', 'school', { parentId: 'closed-d' }));
    await ok('OnboardOrganisation', { organisationId: 'closed-s', service: 'placements' });
    await ok('AddOrganisationContact', { organisationId: 'closed-s', contactId: 'closed-lead', givenName: 'Pat', familyName: 'Lead', email: 'lead@closed.example' });
    await ok('DefineAcademicYear', { academicYearId, name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` });
    await ok('DefineSubject', { subjectId: 'closed-maths', name: 'Mathematics', code: 'CL-G1', phase: 'secondary' });
    await ok('RegisterStudent', { studentId: 'closed-st', districtId: 'closed-d', username: 'closed-st', givenName: 'A', familyName: 'B' });
    // While open, each is accepted: the refusals below are the closure's doing.
    await ok('CreatePlacement', { placementId: 'closed-pl-0', schoolId: 'closed-s', academicYearId, subjectId: 'closed-maths' });
    await ok('CreateClassroom', { classroomId: 'closed-c-0', schoolId: 'closed-s', title: 'Before', classType: 'homeroom' });

    await ok('CloseOrganisation', { organisationId: 'closed-s' });
    expect(await refused('AdmitStudentToSchool', { studentId: 'closed-st', schoolId: 'closed-s', entryDate: '2025-09-01', entryGradeLevel: '05' })).toEqual([409, 'OrganisationClosed']);
    expect(await refused('CreateClassroom', { classroomId: 'closed-c', schoolId: 'closed-s', title: 'T', classType: 'homeroom' })).toEqual([409, 'OrganisationClosed']);
    expect(await refused('CreatePlacement', { placementId: 'closed-pl', schoolId: 'closed-s', academicYearId, subjectId: 'closed-maths' })).toEqual([409, 'OrganisationClosed']);
    expect(await refused('UpdateOrganisation', { organisationId: 'closed-s', name: 'Renamed' })).toEqual([409, 'OrganisationClosed']);

    await ok('CloseOrganisation', { organisationId: 'closed-d' });
    expect(await refused('RegisterStudent', { studentId: 'closed-st-2', districtId: 'closed-d', username: 'closed-st-2', givenName: 'A', familyName: 'B' })).toEqual([409, 'OrganisationClosed']);
  });
});
