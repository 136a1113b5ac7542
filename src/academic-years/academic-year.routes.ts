import { instanceToPlain } from 'class-transformer';
import { CommandRoute } from '../http/command-catalog';
import { CommandScope, NATIONAL } from '../scopes/command-scope';
import { AcademicYearCommand, AcademicYearCommandMessage } from './academic-year.commands';
import { DefineAcademicYearDto, DefineTermDto, SetFundingRatesDto } from './academic-year.dto';

const route = <D extends object>(name: AcademicYearCommand['type'], dto: CommandRoute<D>['dto'], scope: CommandScope<D>, generatedId?: keyof D & string): CommandRoute<D> => ({
  name,
  dto,
  scope,
  generatedId,
  toCommand: (body, envelope) => new AcademicYearCommandMessage({ ...(instanceToPlain(body) as object), type: name } as AcademicYearCommand, envelope),
});

export const academicYearRoutes: CommandRoute[] = [
  route('DefineAcademicYear', DefineAcademicYearDto, NATIONAL, 'academicYearId'),
  route('DefineTerm', DefineTermDto, NATIONAL, 'termId'),
  route('SetFundingRates', SetFundingRatesDto, NATIONAL),
];
