/** The OneRoster CSV tables this product reads, as the 1.1 tables and the 1.2 CSV binding define them. */
export type OneRosterVersion = '1.1' | '1.2';
export const VERSIONS: readonly OneRosterVersion[] = ['1.1', '1.2'];

export type FileMode = 'absent' | 'bulk' | 'delta';

/** Files that become commands, in the order they are applied (each refers only to those before it). */
export const APPLIED_FILES = ['orgs', 'academicSessions', 'courses', 'classes', 'users', 'roles', 'enrollments', 'demographics'] as const;
export type AppliedFile = (typeof APPLIED_FILES)[number];

/** Every `file.<name>` a manifest of each version may list; the files not applied are read and counted as ignored. */
export const MANIFEST_FILES: Record<OneRosterVersion, readonly string[]> = {
  '1.1': ['academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics', 'enrollments', 'lineItems', 'orgs', 'resources', 'results', 'users'],
  '1.2': [
    'academicSessions', 'categories', 'classes', 'classResources', 'courses', 'courseResources', 'demographics', 'enrollments',
    'lineItemLearningObjectiveIds', 'lineItems', 'lineItemScoreScales', 'orgs', 'resources', 'resultLearningObjectiveIds', 'results',
    'resultScoreScales', 'roles', 'scoreScales', 'userProfiles', 'userResources', 'users',
  ],
};

const COMMON = ['sourcedId', 'status', 'dateLastModified'];

const HEADERS_11: Record<string, string[]> = {
  orgs: [...COMMON, 'name', 'type', 'identifier', 'parentSourcedId'],
  academicSessions: [...COMMON, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
  courses: [...COMMON, 'schoolYearSourcedId', 'title', 'courseCode', 'grades', 'orgSourcedId', 'subjects', 'subjectCodes'],
  classes: [...COMMON, 'title', 'grades', 'courseSourcedId', 'classCode', 'classType', 'location', 'schoolSourcedId', 'termSourcedIds', 'subjects', 'subjectCodes', 'periods'],
  users: [...COMMON, 'enabledUser', 'orgSourcedIds', 'role', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds', 'grades', 'password'],
  enrollments: [...COMMON, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'primary', 'beginDate', 'endDate'],
  demographics: [
    ...COMMON, 'birthDate', 'sex', 'americanIndianOrAlaskaNative', 'asian', 'blackOrAfricanAmerican', 'nativeHawaiianOrOtherPacificIslander', 'white',
    'demographicRaceTwoOrMoreRaces', 'hispanicOrLatinoEthnicity', 'countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus',
  ],
};

const HEADERS_12: Record<string, string[]> = {
  ...HEADERS_11,
  users: [
    ...COMMON, 'enabledUser', 'username', 'userIds', 'givenName', 'familyName', 'middleName', 'identifier', 'email', 'sms', 'phone', 'agentSourcedIds',
    'grades', 'password', 'userMasterIdentifier', 'preferredGivenName', 'preferredMiddleName', 'preferredFamilyName', 'primaryOrgSourcedId', 'pronouns',
  ],
  roles: [...COMMON, 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId'],
  userProfiles: [...COMMON, 'userSourcedId', 'profileType', 'vendorId', 'applicationId', 'description', 'credentialType', 'username', 'password'],
};

/** The exact header of a file this product reads, or null for files read only as ignored (their first three columns are checked). */
export function headerOf(version: OneRosterVersion, file: string): readonly string[] | null {
  return (version === '1.1' ? HEADERS_11 : HEADERS_12)[file] ?? null;
}

export const ORG_TYPES = ['district', 'school', 'local', 'state', 'national', 'department'] as const;
export const SESSION_TYPES = ['gradingPeriod', 'semester', 'schoolYear', 'term'] as const;
export const CLASS_TYPES = ['homeroom', 'scheduled'] as const;
export const USER_ROLES_11 = ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const;
export const USER_ROLES_12 = [
  'aide', 'counselor', 'districtAdministrator', 'guardian', 'parent', 'principal', 'proctor', 'relative', 'siteAdministrator', 'student',
  'systemAdministrator', 'teacher',
] as const;
export const ENROLLMENT_ROLES = ['administrator', 'aide', 'guardian', 'parent', 'proctor', 'relative', 'student', 'teacher'] as const;
export const ROLE_TYPES = ['primary', 'secondary'] as const;
/** People the product keeps no record of: counted, with no personal data kept. */
export const FAMILY_ROLES: readonly string[] = ['guardian', 'parent', 'relative'];
