import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { OrganisationCommandMessage } from './organisation.commands';
import { CloseOrganisationDto, RegisterOrganisationDto, UpdateOrganisationDto } from './organisation.dto';

/** DTO instances become plain command data (nested DTO classes included). */
const plain = <T>(dto: object): T => instanceToPlain(dto) as T;

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
];
