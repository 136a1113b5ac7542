import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { OrganisationCommand, OrganisationCommandMessage } from './organisation.commands';
import {
  AcceptGrantConditionsDto, AddOrganisationContactDto, CloseOrganisationDto, GrantSchoolEligibilityDto, OnboardingDto,
  RegisterOrganisationDto, RemoveOrganisationContactDto, UpdateOrganisationDto,
} from './organisation.dto';

/** DTO instances become plain command data (nested DTO classes included). */
const plain = <T>(dto: object): T => instanceToPlain(dto) as T;

/** Commands whose body is the command as it is. */
const route = <D extends object>(name: OrganisationCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new OrganisationCommandMessage({ ...plain<object>(body), type: name } as OrganisationCommand, envelope),
});

export const organisationRoutes: CommandRoute[] = [
  {
    name: 'RegisterOrganisation',
    dto: RegisterOrganisationDto,
    generatedId: 'organisationId',
    toCommand: (dto: RegisterOrganisationDto, envelope) => {
      const { type, ...rest } = plain<RegisterOrganisationDto>(dto);
      return new OrganisationCommandMessage({ ...rest, type: 'RegisterOrganisation', organisationType: type }, envelope);
    },
  },
  {
    name: 'UpdateOrganisation',
    dto: UpdateOrganisationDto,
    toCommand: (dto: UpdateOrganisationDto, envelope) =>
      new OrganisationCommandMessage({ ...plain<UpdateOrganisationDto>(dto), type: 'UpdateOrganisation' }, envelope),
  },
  {
    name: 'CloseOrganisation',
    dto: CloseOrganisationDto,
    toCommand: (dto: CloseOrganisationDto, envelope) =>
      new OrganisationCommandMessage({ type: 'CloseOrganisation', organisationId: dto.organisationId }, envelope),
  },
  route('OnboardOrganisation', OnboardingDto),
  route('OffboardOrganisation', OnboardingDto),
  route('AddOrganisationContact', AddOrganisationContactDto, 'contactId'),
  route('RemoveOrganisationContact', RemoveOrganisationContactDto),
  route('GrantSchoolEligibility', GrantSchoolEligibilityDto),
  route('AcceptGrantConditions', AcceptGrantConditionsDto),
];
