import type { EventStore } from '../../src/event-store/event-store.port';
import type { NewEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import { organisationStream } from '../../src/organisations/organisation.stream';
import { studentStream } from '../../src/students/student.stream';
import { claimStream } from '../../src/claims/claim.stream';
import { mentorStream } from '../../src/mentors/mentor.stream';
import { placementStream } from '../../src/placements/placement.stream';
import { programEnrollmentStream } from '../../src/enrollments/program-enrollment.stream';
import { classroomCreated, enrollment, work } from '../../projections/work-attribution/work-attribution.event-builders';
import type { StreamEvent } from '../../projections/work-attribution/work-attribution.event-builders';
import { secondsSince } from './measure';
import { organisationRegistered, sampleMetadata, studentAdmittedData, studentRegisteredData } from './sample-events';

const SCHOOLS = 50;
const CLASSROOMS_PER_SCHOOL = 20;
const WORK_PER_STUDENT = 4;
/** Per student: registered + admitted + work in its stream, two classroom enrollments, one program enrollment. */
const EVENTS_PER_STUDENT = 2 + WORK_PER_STUDENT + 2 + 1;
/** Every this many students, a mentor claim (drafted, submitted) and a placement (created, published). */
const STUDENTS_PER_CLAIM = 100;
const YEAR = 'ay-2025';

export interface MixedLog {
  events: number;
  students: number;
  seconds: number;
  /** Events per type, for the details. */
  types: Map<string, number>;
}

const newEvent = (type: string, data: unknown, command: string): NewEvent => ({ eventId: newId(), type, data, metadata: sampleMetadata(command) });
const asNew = (event: StreamEvent, command: string): NewEvent => newEvent(event.type, event.data, command);
const day = (n: number) => new Date(Date.UTC(2025, 8, 1 + (n % 200))).toISOString().slice(0, 10);

/**
 * A log as a district's year would leave it, about `target` events, appended through the port with
 * `inFlight` appends at a time: schools and classrooms, then per student its registration, admission
 * and work (one stream), two classroom enrollments and a program enrollment; every
 * STUDENTS_PER_CLAIM students a mentor, a claim drafted and submitted, and a placement created and published.
 */
export async function generateMixedLog(store: EventStore, target: number, inFlight = 1_000): Promise<MixedLog> {
  const start = process.hrtime.bigint();
  const types = new Map<string, number>();
  let events = 0;
  const append = async (streamId: string, batch: NewEvent[]) => {
    await store.append(streamId, batch, 'no_stream');
    events += batch.length;
    for (const e of batch) types.set(e.type, (types.get(e.type) ?? 0) + 1);
  };
  const districtId = newId();
  const schools = Array.from({ length: SCHOOLS }, () => newId());
  const classrooms = schools.map((schoolId) => Array.from({ length: CLASSROOMS_PER_SCHOOL }, () => ({ classroomId: newId(), schoolId })));
  await append(organisationStream(districtId), [organisationRegistered(districtId, 'district', 0)]);
  await Promise.all(schools.map((id, i) => append(organisationStream(id), [organisationRegistered(id, 'school', i + 1, districtId)])));
  await Promise.all(
    classrooms.flat().map(({ classroomId, schoolId }, i) => {
      const created = classroomCreated(classroomId, schoolId, [['math', 'reading', 'science'][i % 3]]);
      return append(created.streamId, [asNew(created, 'CreateClassroom')]);
    }),
  );

  const perStudent = EVENTS_PER_STUDENT + 4 / STUDENTS_PER_CLAIM;
  const students = Math.max(1, Math.round((target - events) / perStudent));
  const studentAppends = (i: number): Promise<void>[] => {
    const studentId = newId();
    const schoolId = schools[i % SCHOOLS];
    const own = classrooms[i % SCHOOLS];
    const appends = [
      append(studentStream(studentId), [
        newEvent('StudentRegistered', studentRegisteredData(i, studentId, districtId), 'RegisterStudent'),
        newEvent('StudentAdmittedToSchool', studentAdmittedData(i, studentId, schoolId), 'AdmitStudentToSchool'),
        ...Array.from({ length: WORK_PER_STUDENT }, (_, w) =>
          asNew(work(studentId, `w-${i}-${w}`, `${day(i + w * 7)}T10:${String(w * 10).padStart(2, '0')}:00Z`, { subject: ['math', 'reading', 'science'][w % 3], minutes: 5 + (w % 20), score: (i + w) % 101 }), 'RecordStudentWork'),
        ),
      ]),
      ...[0, 1].map((k) => {
        const started = enrollment(newId(), studentId, own[(i + k * 7) % CLASSROOMS_PER_SCHOOL].classroomId, schoolId).started(day(k));
        return append(started.streamId, [asNew(started, 'StartEnrollment')]);
      }),
      (() => {
        const programEnrollmentId = newId();
        return append(programEnrollmentStream(programEnrollmentId), [
          newEvent('ProgramEnrollmentCreated', { programEnrollmentId, programId: `program-${i % 5}`, curriculumId: `curriculum-${i % 5}`, studentId, organisationId: schoolId, status: 'enrolled' }, 'CreateProgramEnrollment'),
        ]);
      })(),
    ];
    if (i % STUDENTS_PER_CLAIM === 0) appends.push(claimAndPlacement(i, schoolId));
    return appends;
  };
  const claimAndPlacement = async (i: number, schoolId: string): Promise<void> => {
    const mentorId = newId();
    await append(mentorStream(mentorId), [newEvent('MentorRegistered', { mentorId, trn: String(1_000_000 + i), givenName: 'Morgan', familyName: `Mentor ${i}` }, 'RegisterMentor')]);
    const claimId = newId();
    const content = { schoolId, providerId: `provider-${i % 7}`, academicYearId: YEAR, mentorTrainings: [{ mentorId, hours: 6 + (i % 14), trainingType: 'initial' }] };
    await append(claimStream(claimId), [
      newEvent('ClaimDrafted', { claimId, reference: String(10_000_000 + i), revision: 1, ...content }, 'CreateClaim'),
      newEvent('ClaimSubmitted', { claimId, claimWindowId: 'window-2025', submittedAt: new Date().toISOString(), submittedBy: 'bench', fundingRegion: 'rest_of_england', ratePence: 5_360, amountPence: 5_360 * (6 + (i % 14)) }, 'SubmitClaim'),
    ]);
    const key = { placementId: newId(), schoolId, academicYearId: YEAR };
    await append(placementStream(key.placementId), [
      newEvent('PlacementCreated', { ...key, subjectId: ['french', 'maths', 'science'][i % 3], sendSpecific: false, keyStage: null, yearGroup: null, additionalSubjectIds: [], termIds: [], mentorIds: [mentorId] }, 'CreatePlacement'),
      newEvent('PlacementPublished', key, 'PublishPlacement'),
    ]);
  };
  // About inFlight appends at a time: a student makes 4.
  const studentsAtOnce = Math.max(1, Math.floor(inFlight / 4));
  for (let from = 0; from < students; from += studentsAtOnce) {
    const appends: Promise<void>[] = [];
    for (let i = from; i < Math.min(students, from + studentsAtOnce); i++) appends.push(...studentAppends(i));
    await Promise.all(appends);
  }
  return { events, students, seconds: secondsSince(start), types };
}
