import { Controller, Get, Inject, Param } from '@nestjs/common';
import { RequireRole } from '../../src/auth/auth.decorators';
import { ScopedResource } from '../../src/auth/read-scope';
import { DisclosesStudent } from '../../src/http/discloses-student';
import { ApiError } from '../../src/http/api-error';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { STUDENT_RECORDS, StudentRecordDocument } from './student-records.read-model';

@Controller('v1/students')
export class StudentRecordsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @Get(':id')
  @RequireRole('reports')
  @ScopedResource('student')
  @ReadModel('student-records')
  @DisclosesStudent()
  async get(@Param('id', ValidId) id: string): Promise<StudentRecordDocument> {
    const record = await this.documents.collection<StudentRecordDocument>(STUDENT_RECORDS).get(id);
    if (!record) throw new ApiError(404, 'NotFound', `Student ${id} does not exist.`);
    return record;
  }
}
