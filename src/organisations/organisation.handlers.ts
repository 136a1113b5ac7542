import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AcademicYearLookup } from '../academic-years/academic-year.lookup';
import { CommandHandling } from '../event-store/command-handling';
import { CommandResult } from '../event-store/command-envelope';
import { StaffUserLookup } from '../staff-users/staff-user.lookup';
import { OrganisationCommand, OrganisationCommandMessage, organisationIdOf } from './organisation.commands';
import { ActingUserLookup, organisationDecider, OrganisationLookups } from './organisation.decider';
import { OrganisationAncestry } from './organisation.ancestry';
import { OrganisationLookup } from './organisation.lookup';
import { organisationReservations } from './organisation.reservations';
import { organisationStream } from './organisation.stream';

@CommandHandler(OrganisationCommandMessage)
export class OrganisationCommandHandler implements ICommandHandler<OrganisationCommandMessage, CommandResult> {
  constructor(
    private readonly commands: CommandHandling,
    private readonly organisations: OrganisationLookup,
    private readonly academicYears: AcademicYearLookup,
    private readonly staffUsers: StaffUserLookup,
    private readonly ancestry: OrganisationAncestry,
  ) {}

  execute({ command, envelope }: OrganisationCommandMessage): Promise<CommandResult> {
    const organisationId = organisationIdOf(command);
    const handle = () => this.commands.handle({
      decider: organisationDecider,
      aggregateId: organisationId,
      streamId: organisationStream(organisationId),
      command,
      envelope,
      lookups: () => this.lookups(command, envelope.actor.actingUserId),
      reservations: organisationReservations,
    });
    // Where an organisation sits changes only by these: cached ancestries are forgotten around them.
    return command.type === 'RegisterOrganisation' || command.type === 'UpdateOrganisation' ? this.ancestry.changing(handle) : handle();
  }

  private async lookups(command: OrganisationCommand, actingUserId: string | undefined): Promise<OrganisationLookups> {
    const parentId = 'parentId' in command ? command.parentId : undefined;
    const lookups: OrganisationLookups = { parent: parentId ? await this.organisations.parent(parentId) : undefined };
    if (command.type === 'GrantSchoolEligibility') {
      lookups.academicYearExists = (await this.academicYears.get(command.academicYearId)).status === 'defined';
    }
    if (command.type === 'AcceptGrantConditions' && actingUserId) lookups.actingUser = await this.actingUser(actingUserId);
    return lookups;
  }

  private async actingUser(userId: string): Promise<ActingUserLookup | null> {
    const user = await this.staffUsers.get(userId);
    if (user.status === 'none') return null;
    return { userId, active: user.status === 'active', organisationIds: [...new Set(user.memberships.map((m) => m.organisationId))] };
  }
}
