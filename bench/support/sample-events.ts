import { metadataFor } from '../../src/event-store/command-envelope';
import type { NewEvent } from '../../src/shared/event';
import { newId } from '../../src/shared/ids';
import type { OrganisationRegistered } from '../../src/organisations/organisation.events';
import type { StudentAdmittedToSchool, StudentRegistered } from '../../src/students/student.events';

const GIVEN = ['Amelia', 'Oliver', 'Isla', 'George', 'Ava', 'Noah', 'Mia', 'Arthur', 'Sofia', 'Leo', 'Grace', 'Oscar'];
const FAMILY = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson', 'Walker'];
const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length];

/** Metadata as the command pipeline writes it (a token actor, correlation and causation ids). */
export function sampleMetadata(command: string, occurredAt = new Date()) {
  return metadataFor(
    { commandName: command, commandId: newId(), correlationId: newId(), actor: { type: 'token', id: 'sis-sync' } },
    occurredAt,
  );
}

export function studentRegisteredData(i: number, studentId: string, districtId: string): StudentRegistered['data'] {
  const givenName = pick(GIVEN, i);
  const familyName = pick(FAMILY, Math.floor(i / GIVEN.length));
  const grade = pick(GRADES, i);
  return {
    studentId,
    districtId,
    username: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${i}`,
    givenName,
    familyName,
    birthDate: `20${10 + (i % 8)}-0${1 + (i % 9)}-1${i % 10}`,
    email: `${givenName.toLowerCase()}.${familyName.toLowerCase()}.${i}@pupils.example.org`,
    grades: [grade],
  };
}

export function studentAdmittedData(i: number, studentId: string, schoolId: string): StudentAdmittedToSchool['data'] {
  return { studentId, schoolId, entryDate: '2025-09-01', entryGradeLevel: pick(GRADES, i), primary: true };
}

/** A StudentRegistered event (no email) of about 420 bytes of JSON (data + metadata), as (a) and (b) write it. */
export function sampleEvent(i: number): NewEvent {
  const studentId = newId();
  const { email: _email, birthDate: _birthDate, ...data } = studentRegisteredData(i, studentId, '0197a1c4-6f3e-7b1a-9c11-5d2e8f0a1b2c');
  return { eventId: newId(), type: 'StudentRegistered', data, metadata: sampleMetadata('RegisterStudent') };
}

/** The size in bytes of an event's stored JSON (data + metadata columns). */
export const storedBytes = (event: NewEvent): number =>
  Buffer.byteLength(JSON.stringify(event.data)) + Buffer.byteLength(JSON.stringify(event.metadata));

export function organisationRegistered(organisationId: string, type: 'district' | 'school', i: number, parentId?: string): NewEvent<OrganisationRegistered> {
  return {
    eventId: newId(),
    type: 'OrganisationRegistered',
    data: {
      organisationId,
      type,
      name: type === 'district' ? `Bench District ${i}` : `Bench School ${i}`,
      ...(parentId ? { parentId } : {}),
      identifiers: { urn: String(100000 + i) },
      address: { line1: `${i} High Street`, town: 'Northtown', postcode: `NT${i % 10} 1AA`, country: 'GB' },
    },
    metadata: sampleMetadata('RegisterOrganisation'),
  };
}
