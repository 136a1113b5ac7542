import { once } from 'node:events';
import { createWriteStream, mkdirSync, WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticSize {
  schools: number;
  users: number;
  classes: number;
  /** Enrollments of students (each class also gets one teacher). */
  enrollments: number;
}

/** The size the interchange bench row names: 100,000 users, 20 schools, 4,000 classes, 300,000 enrollments. */
export const BENCH_SIZE: SyntheticSize = { schools: 20, users: 100_000, classes: 4_000, enrollments: 300_000 };

const GRADES = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

async function write(stream: WriteStream, line: string): Promise<void> {
  if (!stream.write(`${line}\n`)) await once(stream, 'drain');
}

async function file(folder: string, name: string, header: string, rows: (emit: (line: string) => Promise<void>) => Promise<void>): Promise<void> {
  const stream = createWriteStream(join(folder, name));
  await write(stream, header);
  await rows((line) => write(stream, line));
  stream.end();
  await once(stream, 'finish');
}

/**
 * A OneRoster 1.1 bulk package of synthetic records, written row by row (memory does not grow with
 * its size): one district, its schools, a school year with two terms, classes, staff (one teacher per
 * class), students spread over the schools, and enrollments of students in their school's classes.
 */
export async function writeSyntheticPackage(folder: string, size: SyntheticSize, source = 'bench'): Promise<{ rows: number }> {
  mkdirSync(folder, { recursive: true });
  const teachers = size.classes;
  const students = size.users - teachers;
  if (students <= 0) throw new Error('users must exceed classes (each class has a teacher)');
  const schoolOf = (i: number) => `sch-${i % size.schools}`;
  await file(folder, 'manifest.csv', 'propertyName,value', async (emit) => {
    for (const line of ['manifest.version,1.0', 'oneroster.version,1.1', 'file.orgs,bulk', 'file.academicSessions,bulk', 'file.classes,bulk', 'file.users,bulk', 'file.enrollments,bulk', `source.systemCode,${source}`]) await emit(line);
  });
  await file(folder, 'orgs.csv', 'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', async (emit) => {
    await emit('dst-1,,,Synthetic District,district,,');
    for (let s = 0; s < size.schools; s++) await emit(`sch-${s},,,Synthetic School ${s},school,${900000 + s},dst-1`);
  });
  await file(folder, 'academicSessions.csv', 'sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear', async (emit) => {
    await emit('yr-1,,,2025/26,schoolYear,2025-09-01,2026-08-31,,2026');
    await emit('tm-1,,,Autumn,term,2025-09-01,2025-12-20,yr-1,2026');
    await emit('tm-2,,,Spring,term,2026-01-05,2026-07-20,yr-1,2026');
  });
  await file(folder, 'classes.csv', 'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods', async (emit) => {
    for (let c = 0; c < size.classes; c++) await emit(`cls-${c},,,Class ${c},${GRADES[c % GRADES.length]},crs-${c % 50},C${c},scheduled,,${schoolOf(c)},"tm-1,tm-2",Subject ${c % 12},,`);
  });
  await file(folder, 'users.csv', 'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password', async (emit) => {
    for (let t = 0; t < teachers; t++) await emit(`tch-${t},,,true,${schoolOf(t)},teacher,teacher${t},,Teacher,Number${t},,,teacher${t}@synthetic.example,,,,,`);
    for (let s = 0; s < students; s++) await emit(`stu-${s},,,true,${schoolOf(s)},student,student${s},,Student,Number${s},,,,,,,${GRADES[s % GRADES.length]},`);
  });
  // Classes of a school are those whose index has the school's remainder; a student's enrollments pick some of them.
  const classesPerSchool = Math.floor(size.classes / size.schools);
  await file(folder, 'enrollments.csv', 'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate', async (emit) => {
    for (let c = 0; c < size.classes; c++) await emit(`enr-t-${c},,,cls-${c},${schoolOf(c)},tch-${c},teacher,true,2025-09-01,`);
    for (let e = 0; e < size.enrollments; e++) {
      const s = e % students;
      const school = s % size.schools;
      const nth = Math.floor(e / students);
      const c = school + size.schools * ((s + nth * 7) % classesPerSchool);
      await emit(`enr-s-${e},,,cls-${c},sch-${school},stu-${s},student,false,2025-09-01,`);
    }
  });
  return { rows: 1 + size.schools + 3 + size.classes + size.users + size.classes + size.enrollments };
}
