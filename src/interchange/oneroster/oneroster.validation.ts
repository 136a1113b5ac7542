import type { ChangeFinder } from './oneroster.changes';
import type { PackageScope } from './oneroster.scope';
import { emptyIndex, OrgKind, PackageIndex, Unresolved, UserKind } from './oneroster.package-index';
import { csvRows } from './oneroster.csv';
import { FieldReader } from './oneroster.fields';
import { IssueLog } from './oneroster.issues';
import { PackageManifest } from './oneroster.manifest';
import { readRecord, RecordOf } from './oneroster.records';
import { PackageSource } from './oneroster.source';
import { APPLIED_FILES, AppliedFile, FAMILY_ROLES, headerOf } from './oneroster.tables';

export interface ValidationSummary {
  index: PackageIndex;
  /** Data rows read per file (applied and ignored files alike). */
  rows: Record<string, number>;
  /** Files read only to be counted. */
  ignoredFiles: string[];
}

/** References are checked this many at a time (with the records they name looked up together). */
const REFERENCES_PER_BATCH = 2000;
/** Files whose rows may name a later row of the same file (a school its district, a term its year): checked at the file's end. */
const REFERS_TO_ITSELF: AppliedFile[] = ['orgs', 'academicSessions'];

const orgKindOf = (type: RecordOf['orgs']['type']): OrgKind => (type === 'school' ? 'school' : type === 'department' ? 'ignored' : 'district');
const userKindOf = (role: string): UserKind => (role === 'student' ? 'student' : FAMILY_ROLES.includes(role) ? 'family' : 'staff');

interface Reference {
  line: number;
  field: string;
  id: string;
  exists: (id: string) => boolean;
  /** Says what is wrong with an existing target, if anything. */
  check?: (id: string) => string | null;
  /** An organisation: it must be within the importing token's scope. */
  org?: boolean;
}

export interface ValidationOptions {
  /** The records imported earlier from the same source, which references may resolve to. */
  previous?: PackageIndex;
  /** Adds to `previous` the users and classes imported earlier that the package names and neither index holds. */
  resolve?: (wanted: Unresolved) => Promise<void>;
  /** Told every valid row, to compare it with what the source sent before. */
  changes?: ChangeFinder;
  /** A token limited to some organisations: rows touching others are errors. */
  scope?: PackageScope;
}

/**
 * The first pass over a package (interchange.md rule 2): every row of every file checked, and every
 * reference resolved within the package or to records imported earlier from the same source,
 * before anything is applied. Reads each file once, in dependency order, keeping only an index.
 */
export async function validatePackage(source: PackageSource, manifest: PackageManifest, issues: IssueLog, options: ValidationOptions = {}): Promise<ValidationSummary> {
  const { previous = emptyIndex(), changes, scope, resolve } = options;
  const index = emptyIndex();
  const rows: Record<string, number> = {};
  const has = {
    org: (id: string) => index.orgs.has(id) || previous.orgs.has(id),
    session: (id: string) => index.academicSessions.has(id) || previous.academicSessions.has(id),
    user: (id: string) => index.users.has(id) || previous.users.has(id),
    class: (id: string) => index.classes.has(id) || previous.classes.has(id),
  };
  const orgKind = (id: string) => (index.orgs.get(id) ?? previous.orgs.get(id))?.kind;
  const userKind = (id: string) => index.users.get(id) ?? previous.users.get(id);
  const rolesOfUsers = new Map<string, Set<string>>();
  // Days repeat across rows: one string each, not one per row kept in the index.
  const days = new Map<string, string>();
  const dayOf = (day: string): string => {
    const known = days.get(day);
    if (known !== undefined) return known;
    days.set(day, day);
    return day;
  };
  const agents: { line: number; id: string }[] = [];
  let orgsSettled = false;

  for (const file of APPLIED_FILES) {
    const mode = manifest.files.get(file);
    if (!mode) continue;
    const name = `${file}.csv`;
    // The file's sourcedIds: duplicates are errors, and a bulk file deletes the source's other records (kept by `changes`).
    const seen = changes?.of(file).seen ?? new Set<string>();
    const references: Reference[] = [];
    const refer = (line: number, field: string, id: string | null, exists: (id: string) => boolean, check?: Reference['check']) => {
      if (id !== null) references.push({ line, field, id, exists, check, org: exists === has.org });
    };
    const unresolved: Unresolved = { users: new Set(), classes: new Set() };
    const checkReferences = async (): Promise<void> => {
      // Users and classes imported earlier are looked up when the package names them, not loaded whole.
      for (const ref of references) if (!ref.exists(ref.id)) (ref.exists === has.user ? unresolved.users : ref.exists === has.class ? unresolved.classes : null)?.add(ref.id);
      if (resolve && unresolved.users.size + unresolved.classes.size > 0) await resolve(unresolved);
      unresolved.users.clear();
      unresolved.classes.clear();
      if (!orgsSettled || file === 'orgs') await scope?.settle((id) => index.orgs.get(id) ?? previous.orgs.get(id), [...index.orgs.keys(), ...previous.orgs.keys()]);
      orgsSettled = true;
      for (const ref of references.splice(0)) {
        if (!ref.exists(ref.id)) {
          issues.error(name, ref.line, ref.field, 'UnknownReference', `"${ref.id}" is not in the package, nor imported earlier from this source.`);
          continue;
        }
        if (ref.org && scope && !scope.allows(ref.id)) {
          issues.error(name, ref.line, ref.field, 'Forbidden', `Organisation "${ref.id}" is outside this token's organisations.`);
          continue;
        }
        const problem = ref.check?.(ref.id);
        if (problem) issues.error(name, ref.line, ref.field, problem.split(':')[0], problem.slice(problem.indexOf(':') + 2));
      }
    };
    rows[name] = 0;
    await changes?.startFile(file, mode);
    for await (const row of csvRows(await source.open(name), name, headerOf(manifest.version, file), issues)) {
      rows[name]++;
      const fields = new FieldReader(row, name, issues);
      const record = readRecord(file as AppliedFile, fields, mode, manifest.version);
      if (!record) continue;
      if (seen.has(record.sourcedId)) {
        fields.error('sourcedId', 'DuplicateSourcedId', `sourcedId "${record.sourcedId}" appears more than once in ${name}.`);
        continue;
      }
      seen.add(record.sourcedId);
      indexRecord(file as AppliedFile, record, row.line);
      await changes?.add(file, mode, record);
      // Rows of other files refer only to files read before: their references are checked a batch at a time, not kept for the whole file.
      if (references.length >= REFERENCES_PER_BATCH && !REFERS_TO_ITSELF.includes(file)) await checkReferences();
    }
    await changes?.flush();
    for (const agent of agents) if (!has.user(agent.id)) unresolved.users.add(agent.id);
    await checkReferences();
    for (const agent of agents.splice(0)) {
      if (!has.user(agent.id)) issues.warning(name, agent.line, 'agentSourcedIds', 'UnknownAgent', `"${agent.id}" is not in the package; the link is not kept anyway.`);
    }
    if (file === 'academicSessions' && scope && changes) {
      for (const line of changes.of(file).changedLines()) {
        issues.error(name, line, 'sourcedId', 'Forbidden', 'Academic years and terms are national: a token with * imports them; this token may only send them as they were imported before.');
      }
    }
    if (file === 'roles') settleUserKinds();
    // A bulk file's sourcedIds are kept only while the apply pass needs them, to delete the records it no longer lists.
    if (mode !== 'bulk' || !changes || changes.of(file).missing === 0) seen.clear();

    function indexRecord(f: AppliedFile, record: RecordOf[AppliedFile], line: number): void {
      switch (f) {
        case 'orgs': {
          const org = record as RecordOf['orgs'];
          index.orgs.set(org.sourcedId, { kind: orgKindOf(org.type), parent: org.parentSourcedId });
          if (org.type === 'department') issues.warning(name, line, 'type', 'IgnoredRow', 'Departments are not organisations here; the row is ignored.');
          refer(line, 'sourcedId', org.sourcedId, has.org);
          refer(line, 'parentSourcedId', org.parentSourcedId, has.org);
          return;
        }
        case 'academicSessions': {
          const session = record as RecordOf['academicSessions'];
          index.academicSessions.set(session.sourcedId, { type: session.type, parent: session.parentSourcedId, startDate: session.startDate });
          refer(line, 'parentSourcedId', session.parentSourcedId, has.session);
          return;
        }
        case 'courses': {
          const course = record as RecordOf['courses'];
          index.courses.set(course.sourcedId, { title: course.title, subjects: course.subjects });
          refer(line, 'orgSourcedId', course.orgSourcedId, has.org);
          refer(line, 'schoolYearSourcedId', course.schoolYearSourcedId, has.session);
          return;
        }
        case 'classes': {
          const cls = record as RecordOf['classes'];
          index.classes.set(cls.sourcedId, cls.schoolSourcedId);
          refer(line, 'schoolSourcedId', cls.schoolSourcedId, has.org, (id) => (orgKind(id) === 'school' ? null : `NotASchool: "${id}" is not a school; a class belongs to a school.`));
          for (const term of cls.termSourcedIds) refer(line, 'termSourcedIds', term, has.session);
          if (cls.courseSourcedId !== null) {
            if (manifest.files.has('courses') || previous.courses.size > 0) refer(line, 'courseSourcedId', cls.courseSourcedId, (id) => index.courses.has(id) || previous.courses.has(id));
            else issues.warning(name, line, 'courseSourcedId', 'CourseNotInPackage', 'The package has no courses.csv; the class is imported without its course.');
          }
          return;
        }
        case 'users': {
          const user = record as RecordOf['users'];
          if (user.role !== null) index.users.set(user.sourcedId, userKindOf(user.role));
          else index.users.set(user.sourcedId, 'family'); // 1.2: settled by roles.csv
          // Only roles (1.2) admit with this grade; a 1.1 user row admits with its own grades.
          if (user.grades.length && manifest.files.has('roles')) index.userGrades.set(user.sourcedId, user.grades[0]);
          for (const org of user.orgSourcedIds) refer(line, 'orgSourcedIds', org, has.org);
          refer(line, 'primaryOrgSourcedId', user.primaryOrgSourcedId, has.org);
          // Agents (parents, guardians) are not kept, so one missing from the package only warns.
          for (const agent of user.agentSourcedIds) agents.push({ line, id: agent });
          return;
        }
        case 'roles': {
          const role = record as RecordOf['roles'];
          refer(line, 'userSourcedId', role.userSourcedId, has.user);
          refer(line, 'orgSourcedId', role.orgSourcedId, has.org);
          const roles = rolesOfUsers.get(role.userSourcedId) ?? new Set<string>();
          roles.add(role.role);
          rolesOfUsers.set(role.userSourcedId, roles);
          const orgs = index.userOrgs.get(role.userSourcedId) ?? [];
          if (!orgs.includes(role.orgSourcedId)) index.userOrgs.set(role.userSourcedId, role.roleType === 'primary' ? [role.orgSourcedId, ...orgs] : [...orgs, role.orgSourcedId]);
          return;
        }
        case 'enrollments': {
          const enrollment = record as RecordOf['enrollments'];
          refer(line, 'classSourcedId', enrollment.classSourcedId, has.class);
          if (enrollment.beginDate) {
            let firstDays = index.firstDays.get(enrollment.schoolSourcedId);
            if (!firstDays) index.firstDays.set(enrollment.schoolSourcedId, (firstDays = new Map()));
            const first = firstDays.get(enrollment.userSourcedId);
            if (!first || enrollment.beginDate < first) firstDays.set(enrollment.userSourcedId, dayOf(enrollment.beginDate));
          }
          refer(line, 'schoolSourcedId', enrollment.schoolSourcedId, has.org, (id) => {
            const school = index.classes.get(enrollment.classSourcedId) ?? previous.classes.get(enrollment.classSourcedId);
            return school !== undefined && school !== id ? `SchoolMismatch: class "${enrollment.classSourcedId}" belongs to "${school}", not "${id}".` : null;
          });
          refer(line, 'userSourcedId', enrollment.userSourcedId, has.user, (id) => {
            const kind = userKind(id);
            const wanted: UserKind = enrollment.role === 'student' ? 'student' : FAMILY_ROLES.includes(enrollment.role) ? 'family' : 'staff';
            return kind !== wanted ? `RoleMismatch: user "${id}" is ${kind === 'staff' ? 'staff' : `a ${kind}`} in users, but enrolled as ${enrollment.role}.` : null;
          });
          return;
        }
        case 'demographics':
          refer(line, 'sourcedId', record.sourcedId, has.user);
          return;
      }
    }
  }

  /** 1.2: a user's kind comes from their roles; one person cannot be both a student and staff. */
  function settleUserKinds(): void {
    for (const [userId, roles] of rolesOfUsers) {
      if (!index.users.has(userId)) continue;
      const kinds = new Set([...roles].map(userKindOf));
      if (kinds.has('student') && kinds.has('staff')) {
        issues.error('roles.csv', 0, 'role', 'ConflictingRoles', `User "${userId}" has both student and staff roles.`);
      }
      index.users.set(userId, kinds.has('student') ? 'student' : kinds.has('staff') ? 'staff' : 'family');
    }
  }

  const ignoredFiles: string[] = [];
  for (const [file, mode] of manifest.files) {
    if ((APPLIED_FILES as readonly string[]).includes(file)) continue;
    const name = `${file}.csv`;
    ignoredFiles.push(name);
    rows[name] = 0;
    for await (const row of csvRows(await source.open(name), name, headerOf(manifest.version, file), issues)) {
      rows[name]++;
      new FieldReader(row, name, issues).lifecycle(mode);
    }
  }
  return { index, rows, ignoredFiles };
}

/** Issues in the order a person reads a package: manifest first, then files in the order they apply, then by line. */
export function inReadingOrder<T extends { file: string; line: number }>(issues: readonly T[]): T[] {
  const rank = (file: string) => {
    const i = ['manifest', ...APPLIED_FILES].indexOf(file.replace(/\.csv$/, '') as AppliedFile);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...issues].sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.line - b.line);
}
