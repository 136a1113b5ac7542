import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { OrganisationDetails, OrganisationType } from './organisation.events';

export type RegisterOrganisation = { type: 'RegisterOrganisation'; organisationId: string; organisationType: OrganisationType } & OrganisationDetails;
export type UpdateOrganisation = { type: 'UpdateOrganisation'; organisationId: string } & Partial<OrganisationDetails>;
export type CloseOrganisation = { type: 'CloseOrganisation'; organisationId: string };

export type OrganisationCommand = RegisterOrganisation | UpdateOrganisation | CloseOrganisation;

/** The bus message: one class for the aggregate, the command itself is data. */
export class OrganisationCommandMessage extends Command<CommandResult> {
  constructor(readonly command: OrganisationCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
