import { composeProjection } from '../subscription/compose';
import { studentDetailsPart } from './student-record.details';
import { studentEnrollmentsPart } from './student-record.enrollments';
import { studentProgramEnrollmentsPart } from './student-record.program-enrollments';
import { STUDENT_RECORDS, studentRecordIndexes } from './student-records.read-model';

/** The full student record: each context adds its section as a part. */
export const studentRecordsProjection = composeProjection('student-records', 4, { [STUDENT_RECORDS]: studentRecordIndexes }, [
  studentDetailsPart,
  studentProgramEnrollmentsPart,
  studentEnrollmentsPart,
]);
