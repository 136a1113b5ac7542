import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { claimHistory, ClaimHistory } from './claim-history.queries';

@Controller('v1/claims')
export class ClaimHistoryController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @Get(':id/history')
  @RequireRole('reports')
  @ScopedResource('claim')
  @ReadModel('claim-history')
  async get(@Param('id', ValidId) id: string): Promise<ClaimHistory> {
    const history = await claimHistory(this.documents, id);
    if (!history) throw new ApiError(404, 'NotFound', `Claim ${id} does not exist.`);
    return history;
  }
}
