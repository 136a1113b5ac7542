import type { DocumentStore, Filter, Sort } from '../../src/read-store/document-store.port';
import { findPage, Page } from '../../src/read-store/find-page';
import type { Paging } from '../../src/http/paging';
import {
  ClassroomDocument, DISTRICT_STUDENTS, DistrictStudentDocument, ROSTER_CLASSROOMS, ROSTER_ENROLLMENTS, RosterEnrollmentDocument, SCHOOL_STUDENTS,
  SchoolStudent, SchoolStudentDocument,
} from './rosters.read-model';

export type { Page };

const page = <T extends Record<string, unknown>>(documents: DocumentStore, name: string, filter: Filter, sort: Sort, paging: Paging) =>
  findPage<T>(documents, name, filter, sort, paging);

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

/**
 * Students whose association with the school is open on `asOf` (entry inclusive, exit exclusive), by
 * family name, given name, student id: sorted as the one `sortKey`, which the embedded store
 * evaluates per row far more cheaply than three sort keys. The key is left out of the answer.
 */
export async function schoolStudents(
  documents: DocumentStore,
  schoolId: string,
  query: { asOf: string; grade?: string },
  paging: Paging,
): Promise<Page<SchoolStudent>> {
  const filter: Filter = {
    schoolId,
    entryDate: { $lte: query.asOf },
    $or: [{ exitDate: null }, { exitDate: { $gt: query.asOf } }],
  };
  if (query.grade !== undefined) filter.entryGradeLevel = query.grade;
  const { items, total } = await page<SchoolStudentDocument>(documents, SCHOOL_STUDENTS, filter, [['sortKey', 1]], paging);
  return { items: items.map(({ sortKey: _key, ...row }) => row), total };
}

export function schoolClassrooms(documents: DocumentStore, schoolId: string, query: { status?: string }, paging: Paging): Promise<Page<ClassroomDocument>> {
  const filter: Filter = { schoolId };
  if (query.status !== undefined) filter.status = query.status;
  return page(documents, ROSTER_CLASSROOMS, filter, [['title', 1], ['classroomId', 1]], paging);
}

export interface ClassroomRoster {
  classroom: ClassroomDocument;
  asOf: string;
  teachers: RosterEnrollmentDocument[];
  students: RosterEnrollmentDocument[];
}

/** Most classrooms have a handful of staff: they come whole, the students a page at a time. */
const STAFF_LIMIT = 1000;

/** The classroom and everyone enrolled on `asOf` (begin inclusive, end exclusive); null when the classroom is unknown. */
export async function classroomRoster(
  documents: DocumentStore,
  classroomId: string,
  asOf: string,
  paging: Paging,
): Promise<{ roster: ClassroomRoster; totalStudents: number } | null> {
  const classroom = await documents.collection<ClassroomDocument>(ROSTER_CLASSROOMS).get(classroomId);
  if (!classroom) return null;
  const enrolledOn: Filter = {
    classroomId,
    beginDate: { $lte: asOf },
    $or: [{ endDate: null }, { endDate: { $gt: asOf } }],
  };
  const byName: [string, 1 | -1][] = [['familyName', 1], ['givenName', 1]];
  const [students, teachers] = await Promise.all([
    page<RosterEnrollmentDocument>(documents, ROSTER_ENROLLMENTS, { ...enrolledOn, role: 'student' }, [...byName, ['studentId', 1]], paging),
    page<RosterEnrollmentDocument>(documents, ROSTER_ENROLLMENTS, { ...enrolledOn, role: { $ne: 'student' } }, [['role', 1], ...byName], { limit: STAFF_LIMIT, offset: 0 }),
  ]);
  return { roster: { classroom, asOf, teachers: teachers.items, students: students.items }, totalStudents: students.total };
}
