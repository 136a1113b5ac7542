import { Controller, Get, Param, Query } from '@nestjs/common';
import { RequireRole } from '../auth/auth.decorators';
import { ApiError, validationFailed } from '../http/api-error';
import { isValidId } from '../shared/ids';
import { AggregateStates, historyPoint } from './aggregate-states';

@Controller('v1/audit')
export class StateController {
  constructor(private readonly states: AggregateStates) {}

  /** The aggregate's state as the deciders saw it at a revision or as of an instant (default: now). */
  @Get('aggregates/:type/:id')
  @RequireRole('audit')
  async state(@Param('type') type: string, @Param('id') id: string, @Query() query: Record<string, unknown>) {
    if (!isValidId(id)) throw new ApiError(400, 'InvalidId', 'Ids are 1–128 characters of A–Z a–z 0–9 . _ - : @.');
    const point = historyPoint(query.atRevision, query.asOf);
    if ('invalid' in point) throw validationFailed([{ field: query.asOf === undefined ? 'atRevision' : 'asOf', message: point.invalid }]);
    return this.states.stateOf(type, id, point);
  }
}
