import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RequireRole } from '../../src/auth/auth.decorators';
import { Unscoped } from '../../src/auth/read-scope';
import { ApiError } from '../../src/http/api-error';
import { listAnswer, parsePaging } from '../../src/http/paging';
import { ValidId } from '../../src/http/path-ids';
import { ReadModel } from '../../src/http/read-consistency';
import { DOCUMENT_STORE, DocumentStore } from '../../src/read-store/document-store.port';
import { AcademicYearDocument } from './academic-years.read-model';
import { academicYear, academicYearList } from './academic-years.queries';
import { PagedList } from '../../src/http/query-docs';

@Controller('v1/academic-years')
export class AcademicYearsController {
  constructor(@Inject(DOCUMENT_STORE) private readonly documents: DocumentStore) {}

  @PagedList()
  @Get()
  @RequireRole('reports')
  @Unscoped('a published directory')
  @ReadModel('academic-years')
  async list(@Query() query: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const { items, total } = await academicYearList(this.documents, parsePaging(query));
    return listAnswer(reply, items, total);
  }

  @Get(':id')
  @RequireRole('reports')
  @Unscoped('a published directory')
  @ReadModel('academic-years')
  async get(@Param('id', ValidId) id: string): Promise<AcademicYearDocument> {
    const year = await academicYear(this.documents, id);
    if (!year) throw new ApiError(404, 'NotFound', `Academic year ${id} does not exist.`);
    return year;
  }
}
