import { expectOk, TestApp } from './test-app';

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const RATES = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };

/** The same things in district A (school s-a1, provider p-a) and district B (s-b1, p-b): what scope tests read and change. */
export const A = { district: 'd-a', school: 's-a1', provider: 'p-a', student: 'st-a', classroom: 'cl-a', user: 'u-a', mentor: 'm-a', claim: 'c-a', placement: 'pl-a', enrollment: 'en-a', programEnrollment: 'pe-a' };
export const B = { district: 'd-b', school: 's-b1', provider: 'p-b', student: 'st-b', classroom: 'cl-b', user: 'u-b', mentor: 'm-b', claim: 'c-b', placement: 'pl-b', enrollment: 'en-b', programEnrollment: 'pe-b' };
export const PUBLISHED_IN_B = 'pl-b-pub';
export const YEAR = 'y-2026';
export const WINDOW = 'w-open';
export const PROGRAM = 'prog-1';

/** Builds both districts with the admin token; returns the position of the last command. */
export async function buildTwoDistricts(app: TestApp): Promise<string> {
  let position = '0';
  const ok = async (name: string, body: object, headers: Record<string, string> = {}) => {
    position = expectOk(await app.command(name, body, { headers })).body.position;
  };
  await ok('DefineAcademicYear', { academicYearId: YEAR, name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' });
  await ok('SetFundingRates', { academicYearId: YEAR, rates: RATES });
  await ok('DefineClaimWindow', { claimWindowId: WINDOW, academicYearId: YEAR, startsOn: day(-10), endsOn: day(30) });
  await ok('DefineSubject', { subjectId: 'maths', name: 'Mathematics', code: 'G1', phase: 'secondary' });
  for (const [side, letter] of [[A, 'a'], [B, 'b']] as const) {
    await ok('RegisterOrganisation', { organisationId: side.district, type: 'district', name: `District ${letter}` });
    await ok('RegisterOrganisation', { organisationId: side.school, type: 'school', name: `School ${letter}`, parentId: side.district, fundingRegion: 'fringe' });
    await ok('RegisterOrganisation', { organisationId: side.provider, type: 'provider', name: `Provider ${letter}`, accredited: true });
    await ok('RegisterUser', { userId: side.user, email: `${letter}@school-${letter}.example`, givenName: 'User', familyName: letter, service: 'claims' });
    await ok('GrantMembership', { userId: side.user, organisationId: side.school, role: 'school_contact' });
    await ok('OnboardOrganisation', { organisationId: side.school, service: 'claims' });
    await ok('OnboardOrganisation', { organisationId: side.school, service: 'placements' });
    await ok('AddOrganisationContact', { organisationId: side.school, contactId: `${side.school}-lead`, givenName: 'Pat', familyName: 'Lead', email: `lead@${side.school}.example` });
    await ok('GrantSchoolEligibility', { schoolId: side.school, academicYearId: YEAR });
    await ok('AcceptGrantConditions', { schoolId: side.school }, { 'X-Acting-User': side.user });
    await ok('RegisterMentor', { mentorId: side.mentor, trn: letter === 'a' ? '1000001' : '1000002', givenName: 'Mentor', familyName: letter });
    await ok('AddMentorToSchool', { mentorId: side.mentor, schoolId: side.school });
    await ok('DraftClaim', { claimId: side.claim, schoolId: side.school, providerId: side.provider, academicYearId: YEAR, mentorTrainings: [{ mentorId: side.mentor, hours: 5, trainingType: 'initial' }] }, { 'X-Acting-User': side.user });
    await ok('SubmitClaim', { claimId: side.claim }, { 'X-Acting-User': side.user });
    await ok('RegisterStudent', { studentId: side.student, districtId: side.district, username: `learner-${letter}`, givenName: 'Lee', familyName: `Learner ${letter}` });
    await ok('AdmitStudentToSchool', { studentId: side.student, schoolId: side.school, entryDate: '2025-09-01', entryGradeLevel: '09' });
    await ok('CreateClassroom', { classroomId: side.classroom, schoolId: side.school, title: `Maths ${letter}`, classType: 'scheduled' });
    await ok('EnrollInClassroom', { enrollmentId: side.enrollment, classroomId: side.classroom, role: 'student', studentId: side.student, beginDate: '2025-09-01' });
    await ok('FormPartnership', { schoolId: side.school, providerId: side.provider });
    await ok('RecordHostingInterest', { schoolId: side.school, academicYearId: YEAR, appetite: 'actively_looking' });
    await ok('CreatePlacement', { placementId: side.placement, schoolId: side.school, academicYearId: YEAR, subjectId: 'maths' });
    await ok('EnrollInProgram', { programEnrollmentId: side.programEnrollment, programId: PROGRAM, curriculumId: 'cur-1', studentId: side.student, organisationId: side.district, status: 'enrolled' });
  }
  await ok('CreatePlacement', { placementId: PUBLISHED_IN_B, schoolId: B.school, academicYearId: YEAR, subjectId: 'maths' });
  await ok('PublishPlacement', { placementId: PUBLISHED_IN_B });
  return position;
}
