import { DynamicModule, Module, Type } from '@nestjs/common';
import { PROJECTION_POSITIONS } from '../src/http/read-consistency';
import { ProjectionDefinition } from './subscription/projection';
import { ProjectionsController } from './subscription/projections.controller';
import { PROJECTION_DEFINITIONS, ProjectionsService } from './subscription/projections.service';

@Module({})
export class ProjectionsModule {
  static register(definitions: ProjectionDefinition[], controllers: Type<unknown>[]): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      controllers: [ProjectionsController, ...controllers],
      providers: [
        { provide: PROJECTION_DEFINITIONS, useValue: definitions },
        ProjectionsService,
        { provide: PROJECTION_POSITIONS, useExisting: ProjectionsService },
      ],
      exports: [ProjectionsService, PROJECTION_POSITIONS],
    };
  }
}
