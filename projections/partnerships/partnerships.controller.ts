import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedOrganisation } from '../../src/auth/read-scope';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { parseEnumParam } from '../../src/http/query-params';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore, Filter } from '../../src/read-store/document-store.port';
import { PARTNERSHIPS, PartnershipDocument } from './partnerships.read-model';
import { PagedList, QueryParams, enumQuery } from '../../src/http/query-docs';

@Controller('v1/organisations')
export class PartnershipsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The partners of a school or a provider: active ones unless `status=ended` or `status=all`. */
  @PagedList()
  @QueryParams(enumQuery('status', ['active', 'ended', 'all'], 'Which partnerships (default active).'))
  @Get(':id/partnerships')
  @RequireRole('reports')
  @ScopedOrganisation()
  @ReadModel('partnerships')
  async list(@Param('id', ValidId) organisationId: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const status = parseEnumParam('status', query.status, ['active', 'ended', 'all'] as const) ?? 'active';
    const paging = parsePaging(query);
    const filter: Filter = { $or: [{ schoolId: organisationId }, { providerId: organisationId }] };
    if (status !== 'all') filter.status = status;
    const collection = this.documents.collection<PartnershipDocument>(PARTNERSHIPS);
    const [items, total] = await Promise.all([
      collection.find(filter, { sort: [['formedAt', 1], ['schoolId', 1], ['providerId', 1]], limit: paging.limit, offset: paging.offset }),
      collection.count(filter),
    ]);
    return listAnswer(reply, items, total);
  }
}
