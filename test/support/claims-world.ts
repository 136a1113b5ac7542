import { expectOk, TestApp } from './test-app';

const DAY = 86_400_000;
export const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
export const RATES = { inner_london: 5360, outer_london: 4825, fringe: 4510, rest_of_england: 4380 };
export const YEAR = 'y-2026';
export const WINDOW = 'w-open';
export const as = (userId: string) => ({ headers: { 'X-Acting-User': userId } });

export interface ClaimsSchool {
  schoolId: string;
  name: string;
  parentId: string;
  fundingRegion: keyof typeof RATES;
  urn?: string;
  /** The school user who drafts and submits its claims. */
  userId: string;
}

/**
 * The claims context ready for claims: a funded academic year with a window open today, the given
 * parents (districts, trusts), schools (onboarded, eligible, conditions accepted, each with a school
 * user), accredited providers and two support users (`u-sup1`, `u-sup2`). Returns the world's verbs.
 */
export async function buildClaimsWorld(
  app: TestApp,
  world: { parents: { organisationId: string; type: 'district' | 'trust'; name: string }[]; schools: ClaimsSchool[]; providers: { organisationId: string; name: string }[] },
) {
  let position = '0';
  let trn = 3_000_000;
  const ok = async (name: string, body: object, userId?: string) => {
    const answer = expectOk(await app.command(name, body, userId ? as(userId) : {}));
    position = answer.body.position ?? position;
    return answer.body;
  };
  const schoolUser = new Map(world.schools.map((s) => [s.schoolId, s.userId]));

  await ok('DefineAcademicYear', { academicYearId: YEAR, name: '2026/27', startsOn: '2026-09-01', endsOn: '2027-08-31' });
  await ok('SetFundingRates', { academicYearId: YEAR, rates: RATES });
  await ok('DefineClaimWindow', { claimWindowId: WINDOW, academicYearId: YEAR, startsOn: day(-10), endsOn: day(30) });
  for (const parent of world.parents) await ok('RegisterOrganisation', parent);
  for (const provider of world.providers) await ok('RegisterOrganisation', { ...provider, type: 'provider', accredited: true });
  for (const school of world.schools) {
    await ok('RegisterOrganisation', {
      organisationId: school.schoolId, type: 'school', name: school.name, parentId: school.parentId, fundingRegion: school.fundingRegion, ...(school.urn ? { identifiers: { urn: school.urn } } : {}),
    });
    await ok('RegisterUser', { userId: school.userId, email: `${school.userId}@${school.schoolId}.example`, givenName: 'User', familyName: school.userId, service: 'claims' });
    await ok('GrantMembership', { userId: school.userId, organisationId: school.schoolId, role: 'school_contact' });
    await ok('OnboardOrganisation', { organisationId: school.schoolId, service: 'claims' });
    await ok('GrantSchoolEligibility', { schoolId: school.schoolId, academicYearId: YEAR });
    await ok('AcceptGrantConditions', { schoolId: school.schoolId }, school.userId);
  }
  for (const [userId, email] of [['u-sup1', 'one@education.gov.uk'], ['u-sup2', 'two@education.gov.uk']]) {
    await ok('RegisterUser', { userId, email, givenName: 'Support', familyName: userId, service: 'claims' });
    await ok('GrantMembership', { userId, organisationId: world.parents[0].organisationId, role: 'support' });
  }

  return {
    ok,
    get position() {
      return position;
    },
    /** Registers a mentor at the school; returns its TRN. */
    async mentor(mentorId: string, schoolId: string, familyName = mentorId): Promise<string> {
      const mentorTrn = String(trn++);
      await ok('RegisterMentor', { mentorId, trn: mentorTrn, givenName: 'Mentor', familyName });
      await ok('AddMentorToSchool', { mentorId, schoolId });
      return mentorTrn;
    },
    /** Drafts and submits a claim of the school's user (initial training); returns its 8-digit reference. */
    async submittedClaim(claimId: string, schoolId: string, providerId: string, hours: Record<string, number>): Promise<string> {
      const userId = schoolUser.get(schoolId)!;
      const mentorTrainings = Object.entries(hours).map(([mentorId, h]) => ({ mentorId, hours: h, trainingType: 'initial' }));
      await ok('DraftClaim', { claimId, schoolId, providerId, academicYearId: YEAR, mentorTrainings }, userId);
      await ok('SubmitClaim', { claimId }, userId);
      return (await app.get(`/v1/claims/${claimId}`, { minPosition: position })).body.reference;
    },
  };
}
