import { Module } from '@nestjs/common';
import { CommandCatalog } from '../http/command-catalog';
import { SubjectCommandHandler } from './subject.handlers';
import { SubjectLookup } from './subject.lookup';
import { subjectRoutes } from './subject.routes';
import { Ownerships } from '../scopes/ownership';
import { SUBJECT_EVENT_TYPES } from './subject.events';

@Module({
  providers: [SubjectCommandHandler, SubjectLookup],
  exports: [SubjectLookup],
})
export class SubjectsModule {
  constructor(ownerships: Ownerships, catalog: CommandCatalog) {
    catalog.register(subjectRoutes);
    // Published directories: every audit token may read their streams.
    ownerships.registerDirectory('subject-tree-', SUBJECT_EVENT_TYPES);
  }
}
