import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { CurrentReadScope, ReadScope, ScopeFiltered } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { placementById, searchPlacements, visibleTo } from './placements.queries';
import { PlacementDocument } from './placements.read-model';
import { PLACEMENT_SEARCH_PARAMS, parsePlacementSearch } from './placements.search-params';
import { PagedList, QueryParams } from '../../src/http/query-docs';

@Controller('v1/placements')
export class PlacementsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @PagedList()
  @QueryParams(...PLACEMENT_SEARCH_PARAMS)
  @Get()
  @RequireRole('reports')
  // Published placements are a directory every token reads; the rest only their school's and provider's tokens.
  @ScopeFiltered()
  @ReadModel('placements')
  async search(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply, @CurrentReadScope() scope: ReadScope) {
    const search = parsePlacementSearch(query);
    const { items, total } = await searchPlacements(this.documents, search, parsePaging(query), scope.organisations);
    return listAnswer(reply, items, total);
  }

  @Get(':id')
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('placements')
  async get(@Param('id', ValidId) id: string, @CurrentReadScope() scope: ReadScope): Promise<PlacementDocument> {
    const placement = await placementById(this.documents, id);
    if (!placement || !visibleTo(placement, scope.organisations)) throw new ApiError(404, 'NotFound', `Placement ${id} does not exist.`);
    return placement;
  }
}
