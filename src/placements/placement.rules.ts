import { isoDate } from '../shared/clock';
import { conflict, notFound, ruleBroken } from '../shared/domain-error';
import { HostingAppetite } from '../hosting-interests/hosting-interest.events';
import { PlacementDetails } from './placement.events';

/** An organisation as the handler found it: type null when it does not exist. */
export interface OrganisationFact {
  type: string | null;
  closed: boolean;
  onboardedToPlacements: boolean;
  contactCount: number;
}

export interface YearRange {
  academicYearId: string;
  startsOn: string;
  endsOn: string;
}

export interface SubjectFact {
  name: string;
  phase: 'primary' | 'secondary';
  parentSubjectId: string | null;
}

/** Rule 1: the school is onboarded to placements and has at least one contact. */
export function checkSchool(schoolId: string, school: OrganisationFact | undefined): void {
  if (!school || school.type === null) throw notFound('SchoolNotFound', `School ${schoolId} does not exist.`);
  if (school.type !== 'school') throw ruleBroken('NotASchool', `Organisation ${schoolId} is a ${school.type}, not a school.`);
  if (school.closed) throw conflict('OrganisationClosed', `School ${schoolId} is closed.`);
  if (!school.onboardedToPlacements) throw ruleBroken('SchoolNotOnboarded', `School ${schoolId} is not onboarded to the placements service; onboard it first.`);
  if (school.contactCount === 0) throw ruleBroken('SchoolHasNoContact', `School ${schoolId} has no contact; add one before offering placements.`);
}

/**
 * The year that holds today (ends inclusive), and the next: the first year starting after today,
 * if it starts within a year of today (a year defined further ahead, past a missing one, is not next).
 */
export function openYears(years: YearRange[], now: Date): { current: string | null; next: string | null } {
  const today = isoDate(now);
  const yearAhead = new Date(now.getTime());
  yearAhead.setUTCFullYear(yearAhead.getUTCFullYear() + 1);
  const current = years.find((y) => y.startsOn <= today && today <= y.endsOn);
  const next = years.filter((y) => y.startsOn > today).sort((a, b) => (a.startsOn < b.startsOn ? -1 : 1))[0];
  return { current: current?.academicYearId ?? null, next: next && next.startsOn <= isoDate(yearAhead) ? next.academicYearId : null };
}

/** Rule 1: the academic year is the current or the next one, by today's date. */
export function checkYearOpen(academicYearId: string, exists: boolean, years: YearRange[], now: Date): void {
  if (!exists) throw notFound('AcademicYearNotFound', `Academic year ${academicYearId} does not exist.`);
  const { current, next } = openYears(years, now);
  if (academicYearId !== current && academicYearId !== next) {
    throw ruleBroken('AcademicYearNotOpen', `Placements can only be offered for the current or the next academic year, not ${academicYearId}.`, [
      { academicYearId, currentAcademicYearId: current, nextAcademicYearId: next },
    ]);
  }
}

/** Rule 1: the school's hosting interest for that year, if any, is `actively_looking`. */
export function checkHostingInterest(schoolId: string, academicYearId: string, appetite: HostingAppetite | null | undefined): void {
  if (appetite && appetite !== 'actively_looking') {
    throw ruleBroken('HostingInterestNotActivelyLooking', `School ${schoolId} is not actively looking for placements in ${academicYearId} (its interest is ${appetite}).`, [
      { schoolId, academicYearId, appetite },
    ]);
  }
}

/** Rules 2 and 3: subject or SEND with key stage; primary needs a year group, secondary has none; additional subjects are children of the subject. */
export function checkSubjects(details: PlacementDetails, subjects: Readonly<Record<string, SubjectFact>>): void {
  if (details.sendSpecific && details.keyStage === null) throw ruleBroken('KeyStageRequired', 'A SEND-specific placement needs a key stage.');
  if (details.subjectId === null) {
    if (!details.sendSpecific) throw ruleBroken('SubjectRequired', 'A placement needs a subject unless it is SEND-specific.');
  } else {
    const subject = subjects[details.subjectId];
    if (!subject) throw notFound('SubjectNotFound', `Subject ${details.subjectId} does not exist.`);
    if (subject.phase === 'primary' && details.yearGroup === null) {
      throw ruleBroken('YearGroupRequired', `${subject.name} is a primary subject: give the placement a year group.`);
    }
    if (subject.phase === 'secondary' && details.yearGroup !== null) {
      throw ruleBroken('YearGroupNotAllowed', `${subject.name} is a secondary subject: secondary placements have no year group.`);
    }
  }
  for (const additionalId of details.additionalSubjectIds) {
    if (!subjects[additionalId]) throw notFound('SubjectNotFound', `Subject ${additionalId} does not exist.`);
    if (details.subjectId === null || subjects[additionalId].parentSubjectId !== details.subjectId) {
      throw ruleBroken('NotAChildSubject', `Additional subject ${additionalId} is not a child of the placement's subject.`, [
        { subjectId: details.subjectId, additionalSubjectId: additionalId },
      ]);
    }
  }
}

/** Rule 4: mentors belong to the school (an empty list means "not yet known"). */
export function checkMentors(schoolId: string, mentorIds: string[], mentors: Readonly<Record<string, { schoolIds: string[] } | null>>): void {
  for (const mentorId of mentorIds) {
    const mentor = mentors[mentorId];
    if (!mentor) throw notFound('MentorNotFound', `Mentor ${mentorId} does not exist.`);
    if (!mentor.schoolIds.includes(schoolId)) {
      throw ruleBroken('MentorNotAtSchool', `Mentor ${mentorId} does not belong to school ${schoolId}.`, [{ mentorId, schoolId }]);
    }
  }
}

/** Rule 4: terms belong to the placement's academic year. */
export function checkTerms(academicYearId: string, termIds: string[], yearTermIds: string[]): void {
  const unknown = termIds.filter((termId) => !yearTermIds.includes(termId));
  if (unknown.length > 0) {
    throw ruleBroken('TermNotInAcademicYear', `Terms ${unknown.join(', ')} are not terms of academic year ${academicYearId}.`, [{ academicYearId, termIds: unknown }]);
  }
}

/** Rule 5: the provider exists, is a provider, and is onboarded to placements. */
export function checkProvider(providerId: string, provider: OrganisationFact | undefined): void {
  if (!provider || provider.type === null) throw notFound('ProviderNotFound', `Provider ${providerId} does not exist.`);
  if (provider.type !== 'provider') throw ruleBroken('NotAProvider', `Organisation ${providerId} is a ${provider.type}, not a provider.`);
  if (provider.closed) throw conflict('OrganisationClosed', `Provider ${providerId} is closed.`);
  if (!provider.onboardedToPlacements) throw ruleBroken('ProviderNotOnboarded', `Provider ${providerId} is not onboarded to the placements service.`);
}
