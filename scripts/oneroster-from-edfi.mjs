#!/usr/bin/env node
// Writes a OneRoster 1.2 bulk package from the Ed-Fi "Grand Bend ISD" sample (shared/data):
//   npm run build && node scripts/oneroster-from-edfi.mjs <ed-fi folder> <output folder>
// Its district and schools, one school year, and its 960 students with their birth dates. The
// sample's enrollments (StudentEnrollment.xml) are not in shared/data, so each student's school and
// grade are worked out: the grade from the birth date (a child who is 6 on 1 September starts first
// grade), the school from the grade levels each school offers (kindergarten, which no school lists,
// goes to the elementary school). Grade codes come from the product's own Ed-Fi mapping.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

const require = createRequire(import.meta.url);
const { toGradeCode } = require('../dist/src/students/grade-levels.js');

const SCHOOL_YEAR = { id: 'sy-2022', title: '2022-2023', start: '2022-08-22', end: '2023-05-26', cutOff: '2022-09-01', year: '2023' };
const ORDER = ['KG', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node scripts/oneroster-from-edfi.mjs <ed-fi folder> <output folder>');
  process.exit(2);
}
const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['School', 'Student', 'GradeLevel', 'LocalEducationAgency'].includes(name) });
const organisations = parser.parse(readFileSync(join(input, 'EducationOrganization.xml'), 'utf8')).InterchangeEducationOrganization;
const students = parser.parse(readFileSync(join(input, 'Student.xml'), 'utf8')).InterchangeStudent.Student;

const csv = (value) => {
  const text = value === undefined || value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const rows = (header, lines) => `${[header, ...lines.map((cells) => cells.map(csv).join(','))].join('\n')}\n`;

const district = organisations.LocalEducationAgency[0];
const schools = organisations.School.map((school) => ({
  id: String(school.SchoolId),
  name: school.NameOfInstitution,
  grades: school.GradeLevels ? [] : (school.GradeLevel ?? []).map((g) => toGradeCode(String(g))).filter(Boolean),
}));
const schoolFor = (grade) => schools.find((s) => s.grades.includes(grade)) ?? schools.find((s) => s.grades.includes('01'));

function gradeOn(birthDate) {
  const [y, m, d] = birthDate.split('-').map(Number);
  const [cy, cm, cd] = SCHOOL_YEAR.cutOff.split('-').map(Number);
  const age = cy - y - (m > cm || (m === cm && d > cd) ? 1 : 0);
  return ORDER[Math.min(ORDER.length - 1, Math.max(0, age - 5))];
}

mkdirSync(output, { recursive: true });
const files = {
  'manifest.csv': rows('propertyName,value', [
    ['manifest.version', '1.0'], ['oneroster.version', '1.2'], ['file.orgs', 'bulk'], ['file.academicSessions', 'bulk'], ['file.users', 'bulk'],
    ['file.roles', 'bulk'], ['file.demographics', 'bulk'], ['source.systemCode', 'grandbend'], ['source.systemName', 'Ed-Fi Grand Bend ISD sample'],
  ]),
  'orgs.csv': rows('sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId', [
    [String(district.LocalEducationAgencyId), '', '', district.NameOfInstitution, 'district', String(district.LocalEducationAgencyId), ''],
    ...schools.map((s) => [s.id, '', '', s.name, 'school', s.id, String(district.LocalEducationAgencyId)]),
  ]),
  'academicSessions.csv': rows('sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear', [
    [SCHOOL_YEAR.id, '', '', SCHOOL_YEAR.title, 'schoolYear', SCHOOL_YEAR.start, SCHOOL_YEAR.end, '', SCHOOL_YEAR.year],
  ]),
};
const users = [];
const roles = [];
const demographics = [];
for (const student of students) {
  const id = String(student.StudentUniqueId);
  const grade = gradeOn(String(student.BirthData.BirthDate));
  const school = schoolFor(grade);
  const name = student.Name;
  users.push([id, '', '', 'true', `s${id}`, '', name.FirstName, name.LastSurname, name.MiddleName ?? '', id, '', '', '', '', grade, '', '', name.PreferredFirstName ?? '', '', name.PreferredLastSurname ?? '', school.id, '']);
  roles.push([`role-${id}`, '', '', id, 'primary', 'student', SCHOOL_YEAR.start, '', school.id, '']);
  demographics.push([id, '', '', String(student.BirthData.BirthDate), ...Array(12).fill('')]);
}
files['users.csv'] = rows(
  'sourcedId,status,dateLastModified,enabledUser,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,userMasterIdentifier,preferredGivenName,preferredMiddleName,preferredFamilyName,primaryOrgSourcedId,pronouns',
  users,
);
files['roles.csv'] = rows('sourcedId,status,dateLastModified,userSourcedId,roleType,role,beginDate,endDate,orgSourcedId,userProfileSourcedId', roles);
files['demographics.csv'] = rows(
  'sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus',
  demographics,
);
for (const [name, text] of Object.entries(files)) writeFileSync(join(output, name), text);
console.log(`${students.length} students of ${schools.length} schools written to ${resolve(output)}`);
