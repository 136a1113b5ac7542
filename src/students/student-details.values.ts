import { StudentDetailChanges, StudentDetails } from './student.events';

const FIELDS: (keyof StudentDetailChanges)[] = ['givenName', 'familyName', 'middleName', 'preferredName', 'birthDate', 'email', 'grades'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of `requested` that differ from `current`: absent fields are left alone, null clears one that is set. */
export function changedDetails(current: StudentDetails, requested: StudentDetailChanges): StudentDetailChanges {
  const changes: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = requested[field];
    if (value === undefined) continue;
    if (value === null ? current[field] !== undefined : !same(current[field], value)) changes[field] = value;
  }
  return changes as StudentDetailChanges;
}

export function withDetailChanges(details: StudentDetails, changes: StudentDetailChanges): StudentDetails {
  const next: Record<string, unknown> = { ...details };
  for (const field of FIELDS) {
    const value = changes[field];
    if (value === null) delete next[field];
    else if (value !== undefined) next[field] = value;
  }
  return next as unknown as StudentDetails;
}
