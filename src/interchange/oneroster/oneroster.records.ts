import { toGradeCode } from '../../students/grade-levels';
import { FieldReader, RecordStatus } from './oneroster.fields';
import {
  CLASS_TYPES, ENROLLMENT_ROLES, FileMode, OneRosterVersion, ORG_TYPES, ROLE_TYPES, SESSION_TYPES, USER_ROLES_11, USER_ROLES_12,
} from './oneroster.tables';

/** What every row has: its key, its line, and its place in the record's life. */
export interface RecordBase {
  sourcedId: string;
  line: number;
  status: RecordStatus;
  /** ISO instant, or null in bulk rows without one. */
  modified: string | null;
}

export interface OrgRecord extends RecordBase { name: string; type: (typeof ORG_TYPES)[number]; identifier: string | null; parentSourcedId: string | null }
export interface SessionRecord extends RecordBase { title: string; type: (typeof SESSION_TYPES)[number]; startDate: string; endDate: string; parentSourcedId: string | null; schoolYear: string | null }
export interface CourseRecord extends RecordBase { title: string; orgSourcedId: string | null; schoolYearSourcedId: string | null; subjects: string[] }
export interface ClassRecord extends RecordBase {
  title: string; grades: string[]; courseSourcedId: string | null; classCode: string | null; classType: (typeof CLASS_TYPES)[number];
  schoolSourcedId: string; termSourcedIds: string[]; subjects: string[];
}
export interface UserRecord extends RecordBase {
  enabled: boolean; role: string | null; orgSourcedIds: string[]; username: string; givenName: string; familyName: string; middleName: string | null;
  preferredGivenName: string | null; email: string | null; identifier: string | null; grades: string[]; agentSourcedIds: string[]; primaryOrgSourcedId: string | null;
}
export interface RoleRecord extends RecordBase { userSourcedId: string; roleType: (typeof ROLE_TYPES)[number]; role: string; orgSourcedId: string; beginDate: string | null; endDate: string | null }
export interface EnrollmentRecord extends RecordBase {
  classSourcedId: string; schoolSourcedId: string; userSourcedId: string; role: (typeof ENROLLMENT_ROLES)[number]; primary: boolean; beginDate: string | null; endDate: string | null;
}
export interface DemographicRecord extends RecordBase { birthDate: string | null }

export type RecordOf = {
  orgs: OrgRecord; academicSessions: SessionRecord; courses: CourseRecord; classes: ClassRecord; users: UserRecord;
  roles: RoleRecord; enrollments: EnrollmentRecord; demographics: DemographicRecord;
};

type Reader<R> = (fields: FieldReader, base: RecordBase, version: OneRosterVersion) => R | null;

const gradesOf = (fields: FieldReader, field: string): string[] =>
  fields.list(field).flatMap((grade) => {
    const code = toGradeCode(grade);
    if (code === null) fields.error(field, 'InvalidValue', `"${grade}" is not a OneRoster grade code (e.g. 09, KG) or an Ed-Fi grade descriptor.`);
    return code === null ? [] : [code];
  });

/** A value every later use needs: null (and an issue already logged) makes the row unusable. */
const all = <T extends object>(record: { [K in keyof T]: T[K] | null }, required: (keyof T)[]): T | null =>
  required.some((key) => record[key] === null) ? null : (record as T);

const READERS: { [F in keyof RecordOf]: Reader<RecordOf[F]> } = {
  orgs: (f, base) =>
    all<OrgRecord>({ ...base, name: f.text('name', true), type: f.vocab('type', ORG_TYPES, true), identifier: f.text('identifier'), parentSourcedId: f.text('parentSourcedId') }, ['name', 'type']),
  academicSessions: (f, base) => {
    const record = all<SessionRecord>(
      {
        ...base, title: f.text('title', true), type: f.vocab('type', SESSION_TYPES, true), startDate: f.date('startDate', true), endDate: f.date('endDate', true),
        parentSourcedId: f.text('parentSourcedId'), schoolYear: f.text('schoolYear'),
      },
      ['title', 'type', 'startDate', 'endDate'],
    );
    if (record && record.endDate < record.startDate) {
      f.error('endDate', 'InvalidValue', `endDate ${record.endDate} is before startDate ${record.startDate}.`);
      return null;
    }
    if (record?.schoolYear && !/^\d{4}$/.test(record.schoolYear)) f.error('schoolYear', 'InvalidValue', `schoolYear must be a year such as 2024, not "${record.schoolYear}".`);
    return record;
  },
  courses: (f, base) =>
    all<CourseRecord>({ ...base, title: f.text('title', true), orgSourcedId: f.text('orgSourcedId'), schoolYearSourcedId: f.text('schoolYearSourcedId'), subjects: f.list('subjects') }, ['title']),
  classes: (f, base) =>
    all<ClassRecord>(
      {
        ...base, title: f.text('title', true), grades: gradesOf(f, 'grades'), courseSourcedId: f.text('courseSourcedId', true), classCode: f.text('classCode'),
        classType: f.vocab('classType', CLASS_TYPES, true), schoolSourcedId: f.text('schoolSourcedId', true), termSourcedIds: f.list('termSourcedIds', true), subjects: f.list('subjects'),
      },
      ['title', 'classType', 'schoolSourcedId'],
    ),
  users: (f, base, version) =>
    all<UserRecord>(
      {
        ...base,
        enabled: f.boolean('enabledUser', true),
        role: version === '1.1' ? f.vocab('role', USER_ROLES_11, true) : null,
        orgSourcedIds: version === '1.1' ? f.list('orgSourcedIds', true) : [],
        username: f.text('username', true),
        givenName: f.text('givenName', true),
        familyName: f.text('familyName', true),
        middleName: f.text('middleName'),
        preferredGivenName: version === '1.2' ? f.text('preferredGivenName') : null,
        email: f.text('email'),
        identifier: f.text('identifier'),
        grades: gradesOf(f, 'grades'),
        agentSourcedIds: f.list('agentSourcedIds'),
        primaryOrgSourcedId: version === '1.2' ? f.text('primaryOrgSourcedId') : null,
      },
      ['enabled', 'username', 'givenName', 'familyName', ...(version === '1.1' ? (['role'] as const) : [])],
    ),
  roles: (f, base) =>
    all<RoleRecord>(
      {
        ...base, userSourcedId: f.text('userSourcedId', true), roleType: f.vocab('roleType', ROLE_TYPES, true), role: f.vocab('role', USER_ROLES_12, true),
        orgSourcedId: f.text('orgSourcedId', true), beginDate: f.date('beginDate'), endDate: f.date('endDate'),
      },
      ['userSourcedId', 'roleType', 'role', 'orgSourcedId'],
    ),
  enrollments: (f, base) =>
    all<EnrollmentRecord>(
      {
        ...base, classSourcedId: f.text('classSourcedId', true), schoolSourcedId: f.text('schoolSourcedId', true), userSourcedId: f.text('userSourcedId', true),
        role: f.vocab('role', ENROLLMENT_ROLES, true), primary: f.boolean('primary') ?? false, beginDate: f.date('beginDate'), endDate: f.date('endDate'),
      },
      ['classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role'],
    ),
  demographics: (f, base) => ({ ...base, birthDate: f.date('birthDate') }),
};

/** One row as a record of its file, or null when a problem (now in the issue log) makes it unusable. */
export function readRecord<F extends keyof RecordOf>(file: F, fields: FieldReader, mode: FileMode, version: OneRosterVersion): RecordOf[F] | null {
  const sourcedId = fields.text('sourcedId', true);
  const { status, modified } = fields.lifecycle(mode);
  if (sourcedId === null) return null;
  return READERS[file](fields, { sourcedId, line: fields.line, status, modified }, version);
}
