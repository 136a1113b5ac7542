import { SetMetadata } from '@nestjs/common';

export const DISCLOSES_STUDENT = 'disclosesStudent';

/** The route answers one student's personal data; the path parameter names the student. Each answer is recorded (src/privacy, FERPA). */
export const DisclosesStudent = (param = 'id') => SetMetadata(DISCLOSES_STUDENT, param);
