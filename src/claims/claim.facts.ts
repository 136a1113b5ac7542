import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { ClaimWindowLookup } from '../claim-windows/claim-window.lookup';
import { MentorLookup } from '../mentors/mentor.lookup';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { StaffUserLookup } from '../staff-users/staff-user.lookup';
import { ClaimCommand } from './claim.commands';
import { ClaimContent } from './claim.events';
import { ClaimLookup } from './claim.lookup';
import { ActingUserFact, ClaimLookups, MentorFact, ProviderFact, SchoolFact } from './claim.rules';
import { ClaimState, SUBMITTED_OR_LATER } from './claim.values';

/** Rule 5: eight random digits (uniqueness is the reservation's job). */
const randomReference = (): string => String(randomInt(0, 100_000_000)).padStart(8, '0');

/** The content a command would leave the claim with, when it changes or checks content. */
function contentFor(command: ClaimCommand, state: ClaimState): ClaimContent | undefined {
  switch (command.type) {
    case 'DraftClaim': {
      const { type: _type, claimId: _id, ...content } = command;
      return content;
    }
    case 'ReviseClaim':
      return state.status === 'none'
        ? undefined
        : { ...state.content, providerId: command.providerId ?? state.content.providerId, mentorTrainings: command.mentorTrainings ?? state.content.mentorTrainings };
    case 'SubmitClaim':
      return state.status === 'none' ? undefined : state.content;
    case 'ChangeClaimProvider':
      return state.status === 'none' ? undefined : { ...state.content, providerId: command.providerId };
    default:
      return undefined;
  }
}

/** Gathers, before a claim decision, the facts it is checked against: each from its own aggregate. */
@Injectable()
export class ClaimFacts {
  constructor(
    private readonly organisations: OrganisationLookup,
    private readonly academicYears: AcademicYearLookup,
    private readonly staffUsers: StaffUserLookup,
    private readonly mentors: MentorLookup,
    private readonly windows: ClaimWindowLookup,
    private readonly claims: ClaimLookup,
  ) {}

  async for(command: ClaimCommand, state: ClaimState, actingUserId: string | undefined): Promise<ClaimLookups> {
    const lookups: ClaimLookups = actingUserId ? { actingUser: await this.actingUser(actingUserId) } : {};
    if (command.type === 'DraftClaim' && state.status === 'none') lookups.reference = randomReference();
    const content = contentFor(command, state);
    if (!content) return lookups;
    const year = await this.academicYears.get(content.academicYearId);
    lookups.academicYear = { academicYearId: content.academicYearId, exists: year.status === 'defined', ...(year.status === 'defined' && year.fundingRates ? { fundingRates: year.fundingRates } : {}) };
    lookups.school = await this.school(content.schoolId);
    lookups.provider = await this.provider(content.providerId);
    lookups.mentors = {};
    for (const t of content.mentorTrainings) lookups.mentors[t.mentorId] = await this.mentor(t.mentorId);
    lookups.refresherEligibleMentorIds = await this.refresherEligible(content, command.claimId, year.status === 'defined' ? year.startsOn : undefined);
    if (command.type === 'SubmitClaim') lookups.claimWindows = await this.windows.ofAcademicYear(content.academicYearId);
    return lookups;
  }

  async actingUser(userId: string): Promise<ActingUserFact> {
    const user = await this.staffUsers.get(userId);
    if (user.status === 'none') return { userId, active: false, organisationIds: [], support: false };
    return {
      userId,
      active: user.status === 'active',
      organisationIds: user.memberships.map((m) => m.organisationId),
      support: user.memberships.some((m) => m.role === 'support'),
    };
  }

  private async school(id: string): Promise<SchoolFact> {
    const org = await this.organisations.get(id);
    if (org.status === 'none') return { id, type: null, closed: false, onboardedForClaims: false, eligibleAcademicYearIds: [], grantConditionsAccepted: false };
    return {
      id,
      type: org.type,
      closed: org.status === 'closed',
      onboardedForClaims: org.onboarded.claims,
      eligibleAcademicYearIds: org.eligibleAcademicYearIds,
      grantConditionsAccepted: org.grantConditionsAcceptedBy !== undefined,
      ...(org.fundingRegion ? { fundingRegion: org.fundingRegion } : {}),
    };
  }

  private async provider(id: string): Promise<ProviderFact> {
    const org = await this.organisations.get(id);
    if (org.status === 'none') return { id, type: null, closed: false, accredited: false };
    return { id, type: org.type, closed: org.status === 'closed', accredited: org.accredited === true };
  }

  private async mentor(mentorId: string): Promise<MentorFact> {
    const mentor = await this.mentors.get(mentorId);
    return mentor.status === 'none' ? { mentorId, exists: false, schoolIds: [] } : { mentorId, exists: true, schoolIds: mentor.schoolIds };
  }

  /** Rule 3: a refresher needs a submitted (or later) claim for the mentor with this provider in an earlier academic year. */
  private async refresherEligible(content: ClaimContent, claimId: string, yearStartsOn: string | undefined): Promise<string[]> {
    const refreshers = content.mentorTrainings.filter((t) => t.trainingType === 'refresher');
    if (!refreshers.length || !yearStartsOn) return [];
    const startsOn = new Map<string, string | undefined>();
    const yearStart = async (academicYearId: string) => {
      if (!startsOn.has(academicYearId)) {
        const year = await this.academicYears.get(academicYearId);
        startsOn.set(academicYearId, year.status === 'defined' ? year.startsOn : undefined);
      }
      return startsOn.get(academicYearId);
    };
    const eligible: string[] = [];
    for (const { mentorId } of refreshers) {
      for (const earlier of await this.claims.ofMentor(mentorId)) {
        if (earlier.claimId === claimId || earlier.content.providerId !== content.providerId || !SUBMITTED_OR_LATER.includes(earlier.status)) continue;
        const start = await yearStart(earlier.content.academicYearId);
        if (start !== undefined && start < yearStartsOn) {
          eligible.push(mentorId);
          break;
        }
      }
    }
    return eligible;
  }
}
