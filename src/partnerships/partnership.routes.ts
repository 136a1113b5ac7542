import { CommandRoute } from '../http/command-catalog';
import { organisations, scopedTo } from '../scopes/command-scope';
import { PartnershipCommand, PartnershipCommandMessage } from './partnership.commands';
import { PartnershipDto } from './partnership.dto';

const route = (name: PartnershipCommand['type']): CommandRoute<PartnershipDto> => ({
  name,
  dto: PartnershipDto,
  // Either side may form or end it.
  scope: scopedTo((d: PartnershipDto) => [organisations(d.schoolId, d.providerId)]),
  toCommand: (dto, envelope) => new PartnershipCommandMessage({ type: name, schoolId: dto.schoolId, providerId: dto.providerId }, envelope),
});

export const partnershipRoutes: CommandRoute[] = [route('FormPartnership'), route('EndPartnership')];
