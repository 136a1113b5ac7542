import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { CurrentReadScope, ReadScope, ScopedResource, ScopeFiltered } from '../../src/auth/read-scope';
import { ApiError, validationFailed } from '../../src/http/api-error';
import { isValidId } from '../../src/shared/ids';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { parseEnumParam } from '../../src/http/query-params';
import { findPage } from '../../src/read-store/find-page';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ORGANISATIONS, OrganisationDocument } from './organisations.read-model';
import { PagedList, QueryParams, enumQuery, idQuery } from '../../src/http/query-docs';

const ORGANISATION_TYPES = ['district', 'school', 'provider', 'trust'] as const;

@Controller('v1/organisations')
export class OrganisationsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The organisations, by type then name: `?type=` and `?parentId=` narrow it. */
  @PagedList()
  @QueryParams(enumQuery('type', ORGANISATION_TYPES, 'Only organisations of this type.'), idQuery('parentId', 'Only the children of this organisation.'))
  @Get()
  @RequireRole('reports')
  @ScopeFiltered()
  @ReadModel('organisations')
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply, @CurrentReadScope() scope: ReadScope) {
    const type = parseEnumParam('type', query.type, ORGANISATION_TYPES);
    const parentId = query.parentId === undefined || query.parentId === '' ? undefined : query.parentId;
    if (parentId !== undefined && !isValidId(parentId)) throw validationFailed([{ field: 'parentId', message: 'must be an organisation id' }]);
    // A scoped token lists its organisations and those below them.
    const filter = { ...(type ? { type } : {}), ...(parentId ? { parentId } : {}), ...(scope.organisations ? { organisationId: { $in: scope.organisations } } : {}) };
    const { items, total } = await findPage<OrganisationDocument>(this.documents, ORGANISATIONS, filter, [['type', 1], ['name', 1]], parsePaging(query));
    return listAnswer(reply, items, total);
  }

  @Get(':id')
  @RequireRole('reports')
  @ScopedResource('organisation')
  @ReadModel('organisations')
  async get(@Param('id', ValidId) id: string): Promise<OrganisationDocument> {
    const doc = await this.documents.collection<OrganisationDocument>(ORGANISATIONS).get(id);
    if (!doc) throw new ApiError(404, 'NotFound', `Organisation ${id} does not exist.`);
    return doc;
  }
}
