import { Injectable } from '@nestjs/common';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { HostingInterestLookup } from '../hosting-interests/hosting-interest.lookup';
import { MentorLookup } from '../mentors/mentor.lookup';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { SubjectLookup } from '../subjects/subject.lookup';
import { PlacementCommand } from './placement.commands';
import { PlacementLookups, PlacementState } from './placement.decider';
import { OrganisationFact } from './placement.rules';

/** Looks up, from the other aggregates' own streams, the facts a placement command is decided against. */
@Injectable()
export class PlacementFacts {
  constructor(
    private readonly organisations: OrganisationLookup,
    private readonly academicYears: AcademicYearLookup,
    private readonly mentors: MentorLookup,
    private readonly subjects: SubjectLookup,
    private readonly hostingInterests: HostingInterestLookup,
  ) {}

  async for(command: PlacementCommand, state: PlacementState): Promise<PlacementLookups> {
    switch (command.type) {
      case 'CreatePlacement': {
        if (state.status !== 'none') return {};
        const [school, year, years, interest, subjects, mentors] = await Promise.all([
          this.organisation(command.schoolId),
          this.academicYears.get(command.academicYearId),
          this.academicYears.all(),
          this.hostingInterests.get(command.schoolId, command.academicYearId),
          this.subjects.all(),
          this.mentorFacts(command.mentorIds ?? []),
        ]);
        return {
          school,
          academicYear: year.status === 'defined' ? { termIds: year.terms.map((t) => t.termId) } : null,
          academicYears: years,
          hostingAppetite: interest.status === 'recorded' ? interest.appetite : null,
          subjects,
          mentors,
        };
      }
      case 'UpdatePlacement': {
        if (state.status === 'none') return {};
        const [subjects, mentors, year] = await Promise.all([
          this.subjects.all(),
          this.mentorFacts(command.mentorIds ?? []),
          command.termIds ? this.academicYears.get(state.academicYearId) : undefined,
        ]);
        return { subjects, mentors, academicYear: year?.status === 'defined' ? { termIds: year.terms.map((t) => t.termId) } : null };
      }
      case 'AssignPlacementProvider':
        return { provider: await this.organisation(command.providerId) };
      default:
        return {};
    }
  }

  private async organisation(organisationId: string): Promise<OrganisationFact> {
    const organisation = await this.organisations.get(organisationId);
    if (organisation.status === 'none') return { type: null, closed: false, onboardedToPlacements: false, contactCount: 0 };
    return {
      type: organisation.type,
      closed: organisation.status === 'closed',
      onboardedToPlacements: organisation.onboarded.placements,
      contactCount: organisation.contacts.length,
    };
  }

  private async mentorFacts(mentorIds: string[]): Promise<Record<string, { schoolIds: string[] } | null>> {
    const facts = await Promise.all(mentorIds.map((id) => this.mentors.get(id)));
    return Object.fromEntries(mentorIds.map((id, i) => {
      const mentor = facts[i];
      return [id, mentor.status === 'registered' ? { schoolIds: mentor.schoolIds } : null];
    }));
  }
}
