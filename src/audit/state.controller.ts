import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import { Scope } from '../auth/read-scope';
import { Principal } from '../auth/token';
import { DisclosureLog } from '../privacy/disclosure-log';
import { OrganisationScope } from '../scopes/organisation-scope';
import { Ownerships } from '../scopes/ownership';
import { streamIdOf } from '../shared/ids';
import { ApiError, validationFailed } from '../http/api-error';
import { isValidId } from '../shared/ids';
import { AggregateStates, historyPoint } from './aggregate-states';
import { streamInScope } from './stream-scope';

@Controller('v1/audit')
export class StateController {
  constructor(
    private readonly states: AggregateStates,
    private readonly ownerships: Ownerships,
    private readonly scope: OrganisationScope,
    private readonly disclosures: DisclosureLog,
  ) {}

  /** The aggregate's state as the deciders saw it at a revision or as of an instant (default: now). */
  @Get('aggregates/:type/:id')
  @RequireRole('audit')
  @Scope({ kind: 'streams' })
  async state(
    @Param('type') type: string,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CurrentPrincipal() principal: Principal,
    @Headers('x-acting-user') actingUserId?: string,
  ) {
    if (!isValidId(id)) throw new ApiError(400, 'InvalidId', 'Ids are 1–128 characters of A–Z a–z 0–9 . _ - : @.');
    const point = historyPoint(query.atRevision, query.asOf);
    if ('invalid' in point) throw validationFailed([{ field: query.asOf === undefined ? 'atRevision' : 'asOf', message: point.invalid }]);
    if (!(await streamInScope(this.ownerships, this.scope, principal, streamIdOf(type, id)))) throw new ApiError(404, 'NotFound', `${type} ${id} has no events.`);
    const answer = await this.states.stateOf(type, id, point);
    // A student's state is that student's personal data: a disclosure, as the record is.
    if (type === 'student') {
      this.disclosures.record({ at: new Date().toISOString(), token: principal.name, actingUserId: actingUserId ?? null, studentId: id, endpoint: 'GET /v1/audit/aggregates/:type/:id' });
    }
    return answer;
  }
}
