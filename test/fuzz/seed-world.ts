import { expectOk, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const today = new Date();
const startYear = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;

/** Acting users the fuzz names in `X-Acting-User`: a school user and a support user. */
export const ACTING_USERS = ['u-1', 'u-2'];

/**
 * A small world the generated ids point into (`poolId`): a district, a school in it, a provider, the
 * current academic year, a student, a classroom, users with memberships, a mentor, a claim window.
 * So generated commands reach the deciders and some of them are taken.
 */
export async function seedWorld(app: TestApp): Promise<void> {
  const ok = async (name: string, body: object, actingUser?: string) =>
    expectOk(await app.command(name, body, actingUser ? { headers: { 'X-Acting-User': actingUser } } : {}));
  await ok('RegisterOrganisation', { organisationId: 'd-1', type: 'district', name: 'District One' });
  await ok('RegisterOrganisation', { organisationId: 's-1', type: 'school', name: 'School One', parentId: 'd-1', fundingRegion: 'fringe', location: { latitude: 51.5, longitude: -0.12 } });
  await ok('RegisterOrganisation', { organisationId: 'p-1', type: 'provider', name: 'Provider One', accredited: true });
  await ok('AddOrganisationContact', { organisationId: 's-1', contactId: 's-1-lead', givenName: 'Pat', familyName: 'Lead', email: 'lead@s-1.example' });
  for (const service of ['claims', 'placements']) await ok('OnboardOrganisation', { organisationId: 's-1', service });
  await ok('OnboardOrganisation', { organisationId: 'p-1', service: 'placements' });
  await ok('DefineAcademicYear', { academicYearId: 'ay-1', name: `${startYear}/${startYear + 1}`, startsOn: `${startYear}-09-01`, endsOn: `${startYear + 1}-08-31` });
  await ok('SetFundingRates', { academicYearId: 'ay-1', rates: { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 } });
  await ok('RegisterUser', { userId: 'u-1', email: 'one@s-1.example', givenName: 'User', familyName: 'One', service: 'claims' });
  await ok('GrantMembership', { userId: 'u-1', organisationId: 's-1', role: 'school_contact' });
  await ok('RegisterUser', { userId: 'u-2', email: 'two@education.gov.uk', givenName: 'User', familyName: 'Two', service: 'claims' });
  await ok('GrantMembership', { userId: 'u-2', organisationId: 'd-1', role: 'support' });
  await ok('GrantSchoolEligibility', { schoolId: 's-1', academicYearId: 'ay-1' });
  await ok('AcceptGrantConditions', { schoolId: 's-1' }, 'u-1');
  await ok('DefineClaimWindow', { claimWindowId: 'c-1', academicYearId: 'ay-1', startsOn: day(-10), endsOn: day(30) });
  await ok('RegisterMentor', { mentorId: 'f-3', trn: '1234567', givenName: 'Ada', familyName: 'Byron' });
  await ok('AddMentorToSchool', { mentorId: 'f-3', schoolId: 's-1' });
  await ok('RegisterStudent', { studentId: 'f-1', districtId: 'd-1', username: 'sam', givenName: 'Sam', familyName: 'Lee' });
  await ok('AdmitStudentToSchool', { studentId: 'f-1', schoolId: 's-1', entryDate: day(-30), entryGradeLevel: '05' });
  await ok('CreateClassroom', { classroomId: 'f-2', schoolId: 's-1', title: 'Maths 5', classType: 'scheduled', subjects: ['Math'] });
  await ok('DefineSubject', { subjectId: 'p-2', name: 'Mathematics', code: 'G1', phase: 'secondary' });
}
