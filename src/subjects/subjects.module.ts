import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { SubjectCommandHandler } from './subject.handlers';
import { SubjectLookup } from './subject.lookup';
import { subjectRoutes } from './subject.routes';

@Module({
  providers: [SubjectCommandHandler, SubjectLookup],
  exports: [SubjectLookup],
})
export class SubjectsModule {
  constructor(catalog: CommandCatalog) {
    catalog.register(subjectRoutes);
  }
}
