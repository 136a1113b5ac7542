import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { ORGANISATIONS, OrganisationDocument } from './organisations.read-model';

@Controller('v1/organisations')
export class OrganisationsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

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
