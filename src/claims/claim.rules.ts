import { forbidden, notFound, ruleBroken, conflict } from '../shared/domain-error';
import { ClaimContent, FundingRegion, MentorTraining } from './claim.events';
import { RequiredActor } from './claim.policy';

export interface ActingUserFact {
  userId: string;
  active: boolean;
  /** Organisations the user is a member of, in any role. */
  organisationIds: string[];
  /** A `support` membership anywhere. */
  support: boolean;
}

export interface SchoolFact {
  id: string;
  type: string | null;
  closed: boolean;
  onboardedForClaims: boolean;
  eligibleAcademicYearIds: string[];
  grantConditionsAccepted: boolean;
  fundingRegion?: FundingRegion;
}

export interface ProviderFact {
  id: string;
  type: string | null;
  closed: boolean;
  accredited: boolean;
}

export interface MentorFact {
  mentorId: string;
  exists: boolean;
  schoolIds: string[];
}

export interface AcademicYearFact {
  academicYearId: string;
  exists: boolean;
  fundingRates?: Record<FundingRegion, number>;
}

export interface ClaimWindowFact {
  claimWindowId: string;
  startsOn: string;
  endsOn: string;
}

/** Facts the claim decider checks against, fetched by the handler beforehand. */
export interface ClaimLookups {
  actingUser?: ActingUserFact;
  school?: SchoolFact;
  provider?: ProviderFact;
  mentors?: Record<string, MentorFact>;
  academicYear?: AcademicYearFact;
  /** Rule 3: mentors with a submitted (or later) claim with the provider in an earlier academic year. */
  refresherEligibleMentorIds?: string[];
  /** The windows of the claim's academic year. */
  claimWindows?: ClaimWindowFact[];
  /** Rule 5: a random reference chosen by the handler for DraftClaim. */
  reference?: string;
}

/** Rule 6: the acting user may run this command for this school. */
export function checkActor(required: RequiredActor, schoolId: string, user: ActingUserFact | undefined, command: string): void {
  const userId = user?.userId ?? 'unknown';
  const active = user?.active === true;
  const schoolUser = active && user.organisationIds.includes(schoolId);
  const supportUser = active && user.support;
  if (required === 'support' && !supportUser) {
    throw forbidden('SupportUserRequired', `Only a support user may ${command}; user ${userId} is not an active support user.`);
  }
  if (required === 'school' && !schoolUser) {
    throw forbidden('SchoolUserRequired', `Only a user of school ${schoolId} may ${command}; user ${userId} is not an active member of it.`);
  }
  if (required === 'school_or_support' && !schoolUser && !supportUser) {
    throw forbidden('SchoolUserRequired', `Only a user of school ${schoolId} or a support user may ${command}; user ${userId} is neither.`);
  }
}

/** Rule 3: hours are whole numbers above zero. */
function checkHours(trainings: MentorTraining[]): void {
  const bad = trainings.filter((t) => !Number.isInteger(t.hours) || t.hours <= 0);
  if (bad.length) {
    throw ruleBroken('InvalidHours', 'Hours of training are whole numbers greater than zero.', bad.map((t) => ({ mentorId: t.mentorId, hours: t.hours })));
  }
}

/** Rule 1: who may claim, with which provider, for which mentors. Rule 3: hours and refresher training. */
export function checkContent(content: ClaimContent, lookups: ClaimLookups): void {
  const { mentorTrainings } = content;
  if (mentorTrainings.length === 0) throw ruleBroken('NoMentorTrainings', 'A claim needs at least one mentor training.');
  const seen = new Set<string>();
  const repeated = mentorTrainings.filter((t) => (seen.has(t.mentorId) ? true : (seen.add(t.mentorId), false)));
  if (repeated.length) {
    throw ruleBroken('MentorRepeated', 'Each mentor appears once in a claim; combine the hours into one training.', repeated.map((t) => ({ mentorId: t.mentorId })));
  }
  checkHours(mentorTrainings);
  checkSchool(content, lookups.school);
  if (!lookups.academicYear?.exists) throw notFound('AcademicYearNotFound', `Academic year ${content.academicYearId} does not exist.`);
  checkProvider(content.providerId, lookups.provider);
  const mentors = lookups.mentors ?? {};
  const missing = mentorTrainings.filter((t) => !mentors[t.mentorId]?.exists);
  if (missing.length) throw notFound('MentorNotFound', `Mentor ${missing[0].mentorId} does not exist.`, missing.map((t) => ({ mentorId: t.mentorId })));
  const elsewhere = mentorTrainings.filter((t) => !mentors[t.mentorId].schoolIds.includes(content.schoolId));
  if (elsewhere.length) {
    throw ruleBroken('MentorNotAtSchool', `Mentor ${elsewhere[0].mentorId} does not belong to school ${content.schoolId}; add them to the school first.`, elsewhere.map((t) => ({ mentorId: t.mentorId })));
  }
  const eligible = lookups.refresherEligibleMentorIds ?? [];
  const refused = mentorTrainings.filter((t) => t.trainingType === 'refresher' && !eligible.includes(t.mentorId));
  if (refused.length) {
    throw ruleBroken(
      'RefresherNotAllowed',
      `Refresher training needs a submitted claim with provider ${content.providerId} in an earlier academic year; claim initial training for mentor ${refused[0].mentorId}.`,
      refused.map((t) => ({ mentorId: t.mentorId, providerId: content.providerId })),
    );
  }
}

function checkSchool(content: ClaimContent, school: SchoolFact | undefined): void {
  const id = content.schoolId;
  if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${id} does not exist.`);
  if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${id} is a ${school.type}, not a school.`);
  if (school.closed) throw conflict('OrganisationClosed', `School ${id} is closed.`);
  if (!school.onboardedForClaims) throw ruleBroken('SchoolNotOnboarded', `School ${id} is not onboarded to claims; a support user onboards it first.`);
  if (!school.eligibleAcademicYearIds.includes(content.academicYearId)) {
    throw ruleBroken('SchoolNotEligible', `School ${id} is not eligible for academic year ${content.academicYearId}.`, [{ schoolId: id, academicYearId: content.academicYearId }]);
  }
  if (!school.grantConditionsAccepted) throw ruleBroken('GrantConditionsNotAccepted', `School ${id} has not accepted the grant conditions; a school user accepts them first.`);
}

export function checkProvider(providerId: string, provider: ProviderFact | undefined): void {
  if (!provider || provider.type === null) throw notFound('ProviderNotFound', `Provider ${providerId} does not exist.`);
  if (provider.type !== 'provider') throw ruleBroken('NotAProvider', `Organisation ${providerId} is a ${provider.type}, not a provider.`);
  if (provider.closed) throw conflict('OrganisationClosed', `Provider ${providerId} is closed.`);
  if (!provider.accredited) throw ruleBroken('ProviderNotAccredited', `Provider ${providerId} is not an accredited provider.`);
}

/** Rule 2: the window of the claim's academic year that is open today (start and end days included). */
export function openWindow(academicYearId: string, windows: ClaimWindowFact[], today: string): ClaimWindowFact {
  const open = windows.find((w) => w.startsOn <= today && today <= w.endsOn);
  if (!open) {
    const next = windows.filter((w) => w.startsOn > today).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))[0];
    throw ruleBroken(
      'ClaimWindowClosed',
      `No claim window of academic year ${academicYearId} is open today (${today}); submit while one is open.`,
      [{ academicYearId, today, ...(next ? { nextWindow: next } : {}) }],
    );
  }
  return open;
}

/** Rule 2: the rate of the school's funding region for the claim's year, in pence per hour. */
export function rateFor(content: ClaimContent, school: SchoolFact | undefined, year: AcademicYearFact | undefined): { fundingRegion: FundingRegion; ratePence: number } {
  const fundingRegion = school?.fundingRegion;
  if (!fundingRegion) throw ruleBroken('FundingRegionMissing', `School ${content.schoolId} has no funding region; set it before submitting.`);
  const ratePence = year?.fundingRates?.[fundingRegion];
  if (ratePence === undefined) {
    throw ruleBroken('FundingRatesNotSet', `Academic year ${content.academicYearId} has no funding rates yet; a support user sets them first.`);
  }
  return { fundingRegion, ratePence };
}

export const totalHours = (trainings: MentorTraining[]) => trainings.reduce((sum, t) => sum + t.hours, 0);
