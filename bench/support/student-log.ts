import type { EventStore } from '../../src/event-store/event-store.port';
import { newId } from '../../src/shared/ids';
import { organisationStream } from '../../src/organisations/organisation.stream';
import { studentStream } from '../../src/students/student.stream';
import { organisationRegistered, sampleMetadata, studentAdmittedData, studentRegisteredData } from './sample-events';

export interface StudentLog {
  events: number;
  seconds: number;
  districtId: string;
  schoolIds: string[];
}

/**
 * A log as the service would have written it, appended straight through the EventStore port:
 * 1 district, `schools` schools in it, then per student StudentRegistered + StudentAdmittedToSchool
 * in one append to the student's stream, `inFlight` appends at a time (one group commit each).
 */
export async function generateStudentLog(store: EventStore, students: number, schools = 20, inFlight = 1_000, districtId = newId()): Promise<StudentLog> {
  const start = process.hrtime.bigint();
  const schoolIds = Array.from({ length: schools }, () => newId());
  await store.append(organisationStream(districtId), [organisationRegistered(districtId, 'district', 0)], 'no_stream');
  await Promise.all(
    schoolIds.map((id, i) => store.append(organisationStream(id), [organisationRegistered(id, 'school', i + 1, districtId)], 'no_stream')),
  );
  let events = 1 + schools;
  for (let from = 0; from < students; from += inFlight) {
    const appends: Promise<unknown>[] = [];
    for (let i = from; i < Math.min(students, from + inFlight); i++) {
      const studentId = newId();
      appends.push(
        store.append(
          studentStream(studentId),
          [
            { eventId: newId(), type: 'StudentRegistered', data: studentRegisteredData(i, studentId, districtId), metadata: sampleMetadata('RegisterStudent') },
            {
              eventId: newId(),
              type: 'StudentAdmittedToSchool',
              data: studentAdmittedData(i, studentId, schoolIds[i % schools]),
              metadata: sampleMetadata('AdmitStudentToSchool'),
            },
          ],
          'no_stream',
        ),
      );
    }
    await Promise.all(appends);
    events += appends.length * 2;
  }
  return { events, seconds: Number(process.hrtime.bigint() - start) / 1e9, districtId, schoolIds };
}
