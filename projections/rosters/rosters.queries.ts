import type { DocumentStore, Filter } from '../../src/read-store/document-store.port';
import type { Paging } from '../../src/http/paging';
import { DISTRICT_STUDENTS, DistrictStudentDocument, SCHOOL_STUDENTS, SchoolStudentDocument } from './rosters.read-model';

export interface Page<T> {
  items: T[];
  total: number;
}

async function page<T extends Record<string, unknown>>(documents: DocumentStore, name: string, filter: Filter, sort: [string, 1 | -1][], paging: Paging): Promise<Page<T>> {
  const collection = documents.collection<T>(name);
  const [items, total] = await Promise.all([
    collection.find(filter, { sort, limit: paging.limit, offset: paging.offset }),
    collection.count(filter),
  ]);
  return { items, total };
}

export function districtStudents(
  documents: DocumentStore,
  districtId: string,
  query: { username?: string; status?: string },
  paging: Paging,
): Promise<Page<DistrictStudentDocument>> {
  const filter: Filter = { districtId };
  if (query.username !== undefined) filter.usernameKey = query.username.trim().toLowerCase();
  if (query.status !== undefined) filter.status = query.status;
  return page(documents, DISTRICT_STUDENTS, filter, [['familyName', 1], ['givenName', 1]], paging);
}

/** Students whose association with the school is open on `asOf` (entry inclusive, exit exclusive). */
export function schoolStudents(
  documents: DocumentStore,
  schoolId: string,
  query: { asOf: string; grade?: string },
  paging: Paging,
): Promise<Page<SchoolStudentDocument>> {
  const filter: Filter = {
    schoolId,
    entryDate: { $lte: query.asOf },
    $or: [{ exitDate: null }, { exitDate: { $gt: query.asOf } }],
  };
  if (query.grade !== undefined) filter.entryGradeLevel = query.grade;
  return page(documents, SCHOOL_STUDENTS, filter, [['familyName', 1], ['givenName', 1], ['studentId', 1]], paging);
}
