import { instanceToPlain } from 'class-transformer';
import { CommandRoute, commandRouteFor } from '../http/command-catalog';
import { aggregate, NATIONAL, organisations, scopedTo } from '../scopes/command-scope';
import { OrganisationCommand, OrganisationCommandMessage } from './organisation.commands';
import {
  AcceptGrantConditionsDto, AddOrganisationContactDto, CloseOrganisationDto, GrantSchoolEligibilityDto, OnboardingDto,
  RegisterOrganisationDto, RemoveOrganisationContactDto, UpdateOrganisationDto,
} from './organisation.dto';

/** DTO instances become plain command data (nested DTO classes included). */
const plain = <T>(dto: object): T => instanceToPlain(dto) as T;

/** Commands whose body is the command as it is. */
const route = commandRouteFor<OrganisationCommand>(OrganisationCommandMessage);

const ownOrganisation = scopedTo((d: { organisationId: string }) => [aggregate('organisation', d.organisationId)]);

export const organisationRoutes: CommandRoute[] = [
  {
    name: 'RegisterOrganisation',
    dto: RegisterOrganisationDto,
    generatedId: 'organisationId',
    // Under a parent in scope; one without a parent (a district, a provider) is national work.
    scope: scopedTo((d: RegisterOrganisationDto) => [aggregate('organisation', d.organisationId, [d.parentId])]),
    toCommand: (dto: RegisterOrganisationDto, envelope) => {
      const { type, ...rest } = plain<RegisterOrganisationDto>(dto);
      return new OrganisationCommandMessage({ ...rest, type: 'RegisterOrganisation', organisationType: type }, envelope);
    },
  },
  {
    name: 'UpdateOrganisation',
    dto: UpdateOrganisationDto,
    scope: scopedTo((d: UpdateOrganisationDto) => [
      aggregate('organisation', d.organisationId),
      ...(d.parentId !== undefined ? [organisations(d.parentId)] : []),
    ]),
    toCommand: (dto: UpdateOrganisationDto, envelope) =>
      new OrganisationCommandMessage({ ...plain<UpdateOrganisationDto>(dto), type: 'UpdateOrganisation' }, envelope),
  },
  {
    name: 'CloseOrganisation',
    dto: CloseOrganisationDto,
    scope: ownOrganisation,
    toCommand: (dto: CloseOrganisationDto, envelope) =>
      new OrganisationCommandMessage({ type: 'CloseOrganisation', organisationId: dto.organisationId }, envelope),
  },
  route('OnboardOrganisation', OnboardingDto, ownOrganisation),
  route('OffboardOrganisation', OnboardingDto, ownOrganisation),
  route('AddOrganisationContact', AddOrganisationContactDto, ownOrganisation, 'contactId'),
  route('RemoveOrganisationContact', RemoveOrganisationContactDto, ownOrganisation),
  route('GrantSchoolEligibility', GrantSchoolEligibilityDto, NATIONAL),
  route('AcceptGrantConditions', AcceptGrantConditionsDto, scopedTo((d) => [aggregate('organisation', d.schoolId)])),
];
