import { ApiError } from '../http/api-error';
import { validateBody } from '../http/dto-validation';
import { EnrollInProgramDto } from './program-enrollment.dto';

const PROGRAM = '0f8fad5b-d9cb-469f-a165-70867728950e';
const base = { programEnrollmentId: 'pe-1', programId: PROGRAM, curriculumId: 'masters-2025', status: 'pending' };

function failures(body: object): { field: string; message: string }[] {
  try {
    validateBody(EnrollInProgramDto, body);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('ValidationFailed');
    return (error as ApiError).details as { field: string; message: string }[];
  }
  return [];
}

describe('EnrollInProgram request body', () => {
  it('rule 1: neither studentId nor externalUserKey is a 400 naming both fields, once each', () => {
    expect(failures(base)).toEqual([
      { field: 'studentId', message: 'give studentId, externalUserKey, or both' },
      { field: 'externalUserKey', message: 'give studentId, externalUserKey, or both' },
    ]);
  });

  it('rule 1: either field alone, or both, is enough', () => {
    expect(failures({ ...base, studentId: 'st-1' })).toEqual([]);
    expect(failures({ ...base, externalUserKey: 'abc-123' })).toEqual([]);
    expect(failures({ ...base, studentId: 'st-1', externalUserKey: 'abc-123' })).toEqual([]);
  });

  it('a given field is still checked for its own shape', () => {
    expect(failures({ ...base, studentId: 'not an id', externalUserKey: ' padded ' }).map((f) => f.field)).toEqual(['studentId', 'externalUserKey']);
  });

  it('rule 6: programId and curriculumId are UUIDs or API ids', () => {
    expect(failures({ ...base, studentId: 'st-1', programId: 'urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e' })).toEqual([]);
    expect(failures({ ...base, studentId: 'st-1', programId: 'program/1', curriculumId: '{7c9e6679}' }).map((f) => f.field)).toEqual(['programId', 'curriculumId']);
  });

  it('only enrolled or pending at creation', () => {
    expect(failures({ ...base, studentId: 'st-1', status: 'suspended' }).map((f) => f.field)).toEqual(['status']);
  });
});
