import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { organisations, scopedTo } from '../scopes/command-scope';
import { HostingInterestCommandMessage, RecordHostingInterest } from './hosting-interest.commands';
import { RecordHostingInterestDto } from './hosting-interest.dto';

/** Only RecordHostingInterest is public; the lock commands come from the placement handler. */
export const hostingInterestRoutes: CommandRoute[] = [
  {
    name: 'RecordHostingInterest',
    dto: RecordHostingInterestDto,
    scope: scopedTo((d: RecordHostingInterestDto) => [organisations(d.schoolId)]),
    toCommand: (dto: RecordHostingInterestDto, envelope) =>
      new HostingInterestCommandMessage({ ...(instanceToPlain(dto) as Omit<RecordHostingInterest, 'type'>), type: 'RecordHostingInterest' }, envelope),
  },
];
