import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import type { Paging } from '../../src/http/paging';
import { PROGRAM_ENROLLMENTS, ProgramEnrollmentDocument } from './program-enrollments.read-model';

export interface ProgramEnrollmentQuery {
  curriculumId?: string;
  status?: string;
  linked?: boolean;
}

/** A program's enrollments, oldest first. */
export async function programEnrollments(
  documents: DocumentStore,
  programId: string,
  query: ProgramEnrollmentQuery,
  paging: Paging,
): Promise<{ items: ProgramEnrollmentDocument[]; total: number }> {
  const filter: Filter = { programId };
  if (query.curriculumId !== undefined) filter.curriculumId = query.curriculumId;
  if (query.status !== undefined) filter.status = query.status;
  if (query.linked !== undefined) filter.linked = query.linked;
  const collection = documents.collection<ProgramEnrollmentDocument>(PROGRAM_ENROLLMENTS);
  const [items, total] = await Promise.all([
    collection.find(filter, { sort: [['createdAt', 1]], limit: paging.limit, offset: paging.offset }),
    collection.count(filter),
  ]);
  return { items, total };
}
