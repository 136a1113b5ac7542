/** The index validation builds and references resolve through: per record, only the facts references need. */
export type OrgKind = 'district' | 'school' | 'ignored';
export type UserKind = 'student' | 'staff' | 'family';

/** What the rows of one source say about each record, as much as references need: kept per id, never whole rows. */
export interface PackageIndex {
  orgs: Map<string, { kind: OrgKind; parent: string | null }>;
  academicSessions: Map<string, { type: string; parent: string | null; startDate: string }>;
  courses: Map<string, { title: string; subjects: string[] }>;
  /** Class → its school. */
  classes: Map<string, string>;
  users: Map<string, UserKind>;
  /** School → user → the first day of the user's enrollments there: a student's admission day (per school, so no `user|school` key is made per row). */
  firstDays: Map<string, Map<string, string>>;
  /** 1.2: the organisations a user's roles name (1.1 users list theirs in their row). */
  userOrgs: Map<string, string[]>;
  /** A user's first grade: the entry grade of admissions that come from roles (1.2). */
  userGrades: Map<string, string>;
}

export const emptyIndex = (): PackageIndex => ({ orgs: new Map(), academicSessions: new Map(), courses: new Map(), classes: new Map(), users: new Map(), firstDays: new Map(), userOrgs: new Map(), userGrades: new Map() });

/** sourcedIds the package refers to that are neither in it nor in the index of earlier records yet. */
export interface Unresolved {
  users: Set<string>;
  classes: Set<string>;
}
