import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { Unscoped } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { ProjectionsService, RebuildInProgressError, UnknownProjectionError } from './projections.service';

@Controller('v1/projections')
export class ProjectionsController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @RequireRole('reports', 'audit')
  @Unscoped('operations: projection positions, no organisation data')
  async list() {
    return { items: await this.projections.list() };
  }

  @Post(':name/rebuild')
  @HttpCode(200)
  @RequireRole('admin')
  @Unscoped('operations, admin only')
  async rebuild(@Param('name') name: string) {
    try {
      const outcome = await this.projections.rebuild(name);
      return { name, status: 'rebuilt', position: outcome.position.toString(), eventsRead: outcome.eventsRead };
    } catch (error) {
      if (error instanceof UnknownProjectionError) throw new ApiError(404, 'NotFound', error.message);
      if (error instanceof RebuildInProgressError) throw new ApiError(409, 'RebuildInProgress', error.message);
      throw error;
    }
  }
}
