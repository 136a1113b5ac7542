import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { AcademicYearCommandHandler } from './academic-year.handlers';
import { AcademicYearLookup } from './academic-year.lookup';
import { academicYearRoutes } from './academic-year.routes';

@Module({
  providers: [AcademicYearCommandHandler, AcademicYearLookup],
  exports: [AcademicYearLookup],
})
export class AcademicYearsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(academicYearRoutes);
  }
}
