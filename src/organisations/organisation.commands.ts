import { Command } from '@nestjs/cqrs';
import { CommandEnvelope, CommandResult } from '../event-store/command-envelope';
import { OnboardingService, OrganisationContact, OrganisationDetails, OrganisationIdentifiers, OrganisationType } from './organisation.events';

export type RegisterOrganisation = { type: 'RegisterOrganisation'; organisationId: string; organisationType: OrganisationType } & OrganisationDetails;
/** Identifiers sent in an update: a value sets that identifier, `null` removes it, an absent key keeps it. */
export type IdentifierChanges = { [K in keyof OrganisationIdentifiers]?: string | null };
export type UpdateOrganisation = { type: 'UpdateOrganisation'; organisationId: string } & Omit<Partial<OrganisationDetails>, 'identifiers'> & {
  identifiers?: IdentifierChanges;
};
export type CloseOrganisation = { type: 'CloseOrganisation'; organisationId: string };

export type OnboardOrganisation = { type: 'OnboardOrganisation'; organisationId: string; service: OnboardingService };
export type OffboardOrganisation = { type: 'OffboardOrganisation'; organisationId: string; service: OnboardingService };
export type AddOrganisationContact = { type: 'AddOrganisationContact'; organisationId: string } & OrganisationContact;
export type RemoveOrganisationContact = { type: 'RemoveOrganisationContact'; organisationId: string; contactId: string };
export type GrantSchoolEligibility = { type: 'GrantSchoolEligibility'; schoolId: string; academicYearId: string };
export type AcceptGrantConditions = { type: 'AcceptGrantConditions'; schoolId: string };

export type OrganisationCommand =
  | RegisterOrganisation
  | UpdateOrganisation
  | CloseOrganisation
  | OnboardOrganisation
  | OffboardOrganisation
  | AddOrganisationContact
  | RemoveOrganisationContact
  | GrantSchoolEligibility
  | AcceptGrantConditions;

/** The claims commands name the organisation `schoolId`. */
export const organisationIdOf = (command: OrganisationCommand): string => ('schoolId' in command ? command.schoolId : command.organisationId);

/** The bus message: one class for the aggregate, the command itself is data. */
export class OrganisationCommandMessage extends Command<CommandResult> {
  constructor(readonly command: OrganisationCommand, readonly envelope: CommandEnvelope) {
    super();
  }
}
