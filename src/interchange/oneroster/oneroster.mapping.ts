import { RecordOf } from './oneroster.records';
import { PackageIndex } from './oneroster.package-index';

/** One ordinary command a row becomes, as it would be sent to `POST /v1/commands/{name}`. */
export interface PlannedCommand {
  name: string;
  body: Record<string, unknown>;
}

/** Why a row becomes no command (counted, with a warning where a person should know). */
export interface NotApplied {
  skip: string;
}

export interface MappingContext {
  source: string;
  /** The import's day: the admission day of a student with no enrollment dates. */
  today: string;
  id(sourcedId: string): string;
  /** The records of this package and those imported earlier from the same source. */
  known: PackageIndex;
}

const STAFF_ROLES: Record<string, string> = {
  teacher: 'teacher', aide: 'aide', proctor: 'aide', administrator: 'administrator', principal: 'principal', counselor: 'counselor',
  siteAdministrator: 'administrator', districtAdministrator: 'administrator', systemAdministrator: 'administrator',
};

const compact = (body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(body).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0)));

/**
 * Schools a source sends without their district go under one district-level organisation of that
 * source (students belong to a district): `<source>.district`, registered by the import when needed.
 */
export const SOURCE_DISTRICT = 'district';
export const sourceDistrictOf = (ctx: MappingContext): PlannedCommand => ({
  name: 'RegisterOrganisation',
  body: { organisationId: `${ctx.source}.${SOURCE_DISTRICT}`, type: 'district', name: `Schools from ${ctx.source} with no district` },
});

/** The id of the district an organisation belongs to: itself, the district its school sits under, or its source's district. */
function districtOf(orgId: string, ctx: MappingContext): string | null {
  const org = ctx.known.orgs.get(orgId);
  if (!org || org.kind === 'ignored') return null;
  if (org.kind === 'district') return ctx.id(orgId);
  const parent = org.parent ? ctx.known.orgs.get(org.parent) : undefined;
  return parent?.kind === 'district' ? ctx.id(org.parent!) : `${ctx.source}.${SOURCE_DISTRICT}`;
}

/** The school year a session is (or belongs to), if any. */
function yearOf(sessionId: string, known: PackageIndex): string | null {
  const session = known.academicSessions.get(sessionId);
  if (!session) return null;
  if (session.type === 'schoolYear') return sessionId;
  const parent = session.parent ? known.academicSessions.get(session.parent) : undefined;
  return parent?.type === 'schoolYear' ? session.parent : null;
}

export const mapOrg = (org: RecordOf['orgs'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  const known = ctx.known.orgs.get(org.sourcedId);
  if (!known || known.kind === 'ignored') return { skip: 'department' };
  if (org.status === 'tobedeleted') return [{ name: 'CloseOrganisation', body: { organisationId: ctx.id(org.sourcedId) } }];
  const parent = known.kind === 'school' ? districtOf(org.sourcedId, ctx) : null;
  return [
    {
      name: 'RegisterOrganisation',
      body: compact({
        organisationId: ctx.id(org.sourcedId), type: known.kind, name: org.name, parentId: parent,
        identifiers: org.identifier ? { ncesId: org.identifier } : null,
      }),
    },
  ];
};

export const mapSession = (session: RecordOf['academicSessions'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  if (session.status === 'tobedeleted') return { skip: 'sessions are not deleted' };
  const base = { name: session.title.slice(0, 100), startsOn: session.startDate, endsOn: session.endDate };
  if (session.type === 'schoolYear') return [{ name: 'DefineAcademicYear', body: { academicYearId: ctx.id(session.sourcedId), ...base } }];
  const year = yearOf(session.sourcedId, ctx.known);
  if (!year) return { skip: 'a term outside any school year' };
  return [{ name: 'DefineTerm', body: { academicYearId: ctx.id(year), termId: ctx.id(session.sourcedId), ...base } }];
};

export const mapClass = (cls: RecordOf['classes'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  const classroomId = ctx.id(cls.sourcedId);
  if (cls.status === 'tobedeleted') return [{ name: 'CloseClassroom', body: { classroomId } }];
  const course = cls.courseSourcedId ? ctx.known.courses.get(cls.courseSourcedId) : undefined;
  const terms = cls.termSourcedIds.filter((t) => yearOf(t, ctx.known) !== null && ctx.known.academicSessions.get(t)?.type !== 'schoolYear');
  const year = cls.termSourcedIds.map((t) => yearOf(t, ctx.known)).find((y) => y !== null) ?? null;
  return [
    {
      name: 'CreateClassroom',
      body: compact({
        classroomId, schoolId: ctx.id(cls.schoolSourcedId), title: cls.title.slice(0, 255), classCode: cls.classCode, classType: cls.classType,
        subjects: (cls.subjects.length ? cls.subjects : course?.subjects ?? []).slice(0, 50), grades: cls.grades.slice(0, 25),
        academicYearId: year ? ctx.id(year) : null, termIds: terms.map((t) => ctx.id(t)).slice(0, 20),
      }),
    },
  ];
};

/** 1.1: a user row carries its role and organisations; 1.2: roles come in roles.csv (mapRole). */
export const mapUser = (user: RecordOf['users'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  const kind = ctx.known.users.get(user.sourcedId);
  const id = ctx.id(user.sourcedId);
  if (kind === 'family' || kind === undefined) return { skip: 'parents, guardians and relatives are not kept' };
  if (kind === 'student') {
    if (user.status === 'tobedeleted') return [{ name: 'DeactivateStudent', body: { studentId: id, reason: 'removed by the roster source' } }];
    const orgs = user.role !== null ? user.orgSourcedIds : [...(user.primaryOrgSourcedId ? [user.primaryOrgSourcedId] : []), ...(ctx.known.userOrgs.get(user.sourcedId) ?? [])];
    const district = orgs.map((o) => districtOf(o, ctx)).find((d) => d !== null) ?? null;
    const commands: PlannedCommand[] = [
      {
        name: 'RegisterStudent',
        body: compact({
          studentId: id, districtId: district, username: user.username, givenName: user.givenName, familyName: user.familyName,
          middleName: user.middleName, preferredName: user.preferredGivenName, email: user.email, grades: user.grades,
          externalIds: [{ source: `oneroster:${ctx.source}`, id: user.sourcedId.slice(0, 200) }],
        }),
      },
    ];
    if (user.role !== null) for (const org of user.orgSourcedIds) commands.push(...admission(user.sourcedId, org, user.grades, ctx, false));
    if (!user.enabled) commands.push({ name: 'DeactivateStudent', body: { studentId: id, reason: 'disabled in the roster source' } });
    return commands;
  }
  if (user.status === 'tobedeleted') return [{ name: 'DeactivateUser', body: { userId: id } }];
  const commands: PlannedCommand[] = [
    { name: 'RegisterUser', body: compact({ userId: id, email: user.email, givenName: user.givenName, familyName: user.familyName, service: 'roster' }) },
  ];
  if (user.role !== null) {
    for (const org of user.orgSourcedIds) commands.push(...membership(user.sourcedId, org, user.role, ctx));
  }
  return commands;
};

export const mapRole = (role: RecordOf['roles'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  const kind = ctx.known.users.get(role.userSourcedId);
  if (kind === 'family' || kind === undefined) return { skip: 'parents, guardians and relatives are not kept' };
  if (role.status === 'tobedeleted') {
    if (kind === 'student') return [{ name: 'WithdrawStudentFromSchool', body: { studentId: ctx.id(role.userSourcedId), schoolId: ctx.id(role.orgSourcedId), exitDate: role.endDate ?? ctx.today } }];
    return STAFF_ROLES[role.role] ? [{ name: 'RevokeMembership', body: { userId: ctx.id(role.userSourcedId), organisationId: ctx.id(role.orgSourcedId), role: STAFF_ROLES[role.role] } }] : { skip: 'a role kept nowhere' };
  }
  if (kind === 'student') return role.role === 'student' ? admission(role.userSourcedId, role.orgSourcedId, [ctx.known.userGrades.get(role.userSourcedId) ?? 'Other'], ctx, role.roleType === 'primary', role.beginDate) : { skip: 'a student’s other role' };
  return membership(role.userSourcedId, role.orgSourcedId, role.role, ctx);
};

function admission(userSourcedId: string, orgSourcedId: string, grades: string[], ctx: MappingContext, primary: boolean, begin?: string | null): PlannedCommand[] {
  if (ctx.known.orgs.get(orgSourcedId)?.kind !== 'school') return [];
  const firstDay = ctx.known.firstDays.get(orgSourcedId)?.get(userSourcedId);
  const entryDate = [begin, firstDay, ctx.today].filter((d): d is string => !!d).sort()[0];
  return [
    {
      name: 'AdmitStudentToSchool',
      body: compact({ studentId: ctx.id(userSourcedId), schoolId: ctx.id(orgSourcedId), entryDate, entryGradeLevel: grades[0] ?? 'Other', primary: primary || null }),
    },
  ];
}

function membership(userSourcedId: string, orgSourcedId: string, role: string, ctx: MappingContext): PlannedCommand[] {
  const mapped = STAFF_ROLES[role];
  const org = ctx.known.orgs.get(orgSourcedId);
  if (!mapped || !org || org.kind === 'ignored') return [];
  return [{ name: 'GrantMembership', body: { userId: ctx.id(userSourcedId), organisationId: ctx.id(orgSourcedId), role: mapped } }];
}

export const mapEnrollment = (enrollment: RecordOf['enrollments'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  const enrollmentId = ctx.id(enrollment.sourcedId);
  if (enrollment.status === 'tobedeleted') return [{ name: 'EndEnrollment', body: { enrollmentId, endDate: enrollment.endDate ?? ctx.today } }];
  const student = enrollment.role === 'student';
  if (!student && !['teacher', 'aide', 'administrator', 'proctor'].includes(enrollment.role)) return { skip: 'a role with no enrollment' };
  return [
    {
      name: 'EnrollInClassroom',
      body: compact({
        enrollmentId, classroomId: ctx.id(enrollment.classSourcedId), role: enrollment.role,
        [student ? 'studentId' : 'userId']: ctx.id(enrollment.userSourcedId),
        beginDate: enrollment.beginDate ?? ctx.today, endDate: enrollment.endDate, primary: enrollment.primary || null,
      }),
    },
  ];
};

export const mapDemographics = (demographics: RecordOf['demographics'], ctx: MappingContext): PlannedCommand[] | NotApplied => {
  if (ctx.known.users.get(demographics.sourcedId) !== 'student') return { skip: 'demographics are kept for students only' };
  if (!demographics.birthDate || demographics.status === 'tobedeleted') return { skip: 'no birth date' };
  return [{ name: 'UpdateStudentDetails', body: { studentId: ctx.id(demographics.sourcedId), birthDate: demographics.birthDate } }];
};

export const MAPPERS: { [F in keyof RecordOf]: (record: RecordOf[F], ctx: MappingContext) => PlannedCommand[] | NotApplied } = {
  orgs: mapOrg, academicSessions: mapSession, courses: () => ({ skip: 'courses name their classes' }), classes: mapClass, users: mapUser, roles: mapRole,
  enrollments: mapEnrollment, demographics: mapDemographics,
};
