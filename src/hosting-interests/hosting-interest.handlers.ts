import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { OrganisationLookup } from '../organisations/organisation.lookup';
import { placementDecider } from '../placements/placement.decider';
import { placementStream } from '../placements/placement.stream';
import { HostingInterestCommandMessage, RecordHostingInterest } from './hosting-interest.commands';
import { hostingInterestDecider, HostingInterestLookups, HostingInterestState } from './hosting-interest.decider';
import { PlacementFact } from './hosting-interest.rules';
import { hostingInterestId, hostingInterestStream } from './hosting-interest.stream';

@CommandHandler(HostingInterestCommandMessage)
export class HostingInterestCommandHandler implements ICommandHandler<HostingInterestCommandMessage, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly organisations: OrganisationLookup,
    private readonly academicYears: AcademicYearLookup,
  ) {}

  execute({ command, envelope }: HostingInterestCommandMessage): Promise<CommandResult> {
    return this.commands.handle({
      decider: hostingInterestDecider,
      aggregateId: hostingInterestId(command.schoolId, command.academicYearId),
      streamId: hostingInterestStream(command.schoolId, command.academicYearId),
      command,
      envelope,
      lookups: async (state) => (command.type === 'RecordHostingInterest' ? this.lookupsFor(command, state) : {}),
    });
  }

  private async lookupsFor(command: RecordHostingInterest, state: HostingInterestState): Promise<HostingInterestLookups> {
    const [school, year] = await Promise.all([this.organisations.get(command.schoolId), this.academicYears.get(command.academicYearId)]);
    const placements: Record<string, PlacementFact> = {};
    // The locks are checked against the placements themselves: their streams are the truth about providers.
    for (const placementId of new Set(state.locks.map((lock) => lock.placementId))) {
      const loaded = await this.commands.load(placementDecider, placementStream(placementId));
      placements[placementId] = { assigned: loaded.state.status === 'assigned', revision: loaded.revision === null ? null : Number(loaded.revision) };
    }
    return {
      school: school.status === 'none' ? { type: null, closed: false } : { type: school.type, closed: school.status === 'closed' },
      academicYearExists: year.status === 'defined',
      placements,
    };
  }
}
