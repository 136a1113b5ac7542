import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { AcademicYearCommand, AcademicYearCommandMessage } from './academic-year.commands';
import { DefineAcademicYearDto, DefineTermDto, SetFundingRatesDto } from './academic-year.dto';

const route = <D extends object>(name: AcademicYearCommand['type'], dto: CommandRoute<D>['dto'], generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  generatedId,
  toCommand: (body, envelope) => new AcademicYearCommandMessage({ ...(instanceToPlain(body) as object), type: name } as AcademicYearCommand, envelope),
});

export const academicYearRoutes: CommandRoute[] = [
  route('DefineAcademicYear', DefineAcademicYearDto, 'academicYearId'),
  route('DefineTerm', DefineTermDto, 'termId'),
  route('SetFundingRates', SetFundingRatesDto),
];
