import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { CurrentReadScope, National, ReadScope, ScopedResource, ScopeFiltered } from '../../src/auth/read-scope';
import { ApiError, validationFailed } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { CLAIM_STATUSES } from '../../src/claims/claim.events';
import { isValidId } from '../../src/shared/ids';
import { findClaim, listClaims, mentorAllowances, windowTotals } from './claims.queries';
import { PagedList, QueryParams, enumQuery, idQuery } from '../../src/http/query-docs';

type QueryString = Record<string, unknown>;

function idParam(query: QueryString, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (!isValidId(value)) throw validationFailed([{ field: name, message: 'must be an id of 1–128 characters A–Z a–z 0–9 . _ - : @' }]);
  return value;
}

@Controller('v1')
export class ClaimsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @PagedList()
  @QueryParams(idQuery('schoolId', 'Claims of this school.'), idQuery('providerId', 'Claims naming this provider.'), idQuery('academicYearId', 'Claims of this academic year.'), idQuery('claimWindowId', 'Claims submitted in this window.'), enumQuery('status', CLAIM_STATUSES, 'Claims in this status.'))
  @Get('claims')
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('claims')
  async list(@Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply, @CurrentReadScope() scope: ReadScope) {
    const paging = parsePaging(query);
    const { items, total } = await listClaims(
      this.documents,
      {
        schoolId: idParam(query, 'schoolId'),
        providerId: idParam(query, 'providerId'),
        academicYearId: idParam(query, 'academicYearId'),
        claimWindowId: idParam(query, 'claimWindowId'),
        status: parseEnumParam('status', query.status, CLAIM_STATUSES),
      },
      paging,
      scope.organisations,
    );
    return listAnswer(reply, items, total);
  }

  @Get('claims/:id')
  @RequireRole('reports')
  @ScopedResource('claim')
  @ReadModel('claims')
  async get(@Param('id', ValidId) id: string) {
    const claim = await findClaim(this.documents, id);
    if (!claim) throw new ApiError(404, 'NotFound', `Claim ${id} does not exist.`);
    return claim;
  }

  @Get('claim-windows/:id/totals')
  @RequireRole('reports')
  @National()
  @ReadModel('claims')
  totals(@Param('id', ValidId) id: string) {
    return windowTotals(this.documents, id);
  }

  @QueryParams(idQuery('academicYearId', 'Only this academic year.'))
  @Get('mentors/:id/allowances')
  @RequireRole('reports')
  @ScopedResource('mentor', 'id', { unknownIs404: true })
  @ReadModel('claims')
  async allowances(@Param('id', ValidId) id: string, @Query() query: QueryString, @Res({ passthrough: true }) reply: FastifyReply) {
    const { limit, offset } = parsePaging(query);
    const items = await mentorAllowances(this.documents, id, idParam(query, 'academicYearId'));
    return listAnswer(reply, items.slice(offset, offset + limit), items.length);
  }
}
