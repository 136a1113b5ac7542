import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { ApiError, validationFailed } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { isValidId } from '../../src/shared/ids';
import { HOSTING_INTERESTS, HostingInterestDocument, hostingInterestId } from './hosting-interest.read-model';
import { QueryParams, idQuery } from '../../src/http/query-docs';

@Controller('v1/schools')
export class HostingInterestController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  /** The school's current appetite for the year, with its history. */
  @QueryParams(idQuery('academicYearId', 'Required: the academic year.'))
  @Get(':id/hosting-interest')
  @RequireRole('reports')
  @ScopedResource('organisation')
  @ReadModel('hosting-interest')
  async get(@Param('id', ValidId) schoolId: string, @Query() query: Record<string, unknown>): Promise<HostingInterestDocument> {
    const academicYearId = query.academicYearId;
    if (!isValidId(academicYearId)) throw validationFailed([{ field: 'academicYearId', message: 'is required: the academic year id' }]);
    const doc = await this.documents.collection<HostingInterestDocument>(HOSTING_INTERESTS).get(hostingInterestId(schoolId, academicYearId));
    if (!doc || doc.appetite === null) {
      throw new ApiError(404, 'NotFound', `School ${schoolId} has recorded no hosting interest for academic year ${academicYearId}.`);
    }
    return doc;
  }
}
