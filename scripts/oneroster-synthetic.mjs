#!/usr/bin/env node
// Writes a synthetic OneRoster 1.1 bulk package for trying the importer at scale:
//   npm run build && node scripts/oneroster-synthetic.mjs <folder> [users] [schools] [classes] [enrollments]
// Defaults are the bench's size (100,000 users, 20 schools, 4,000 classes, 300,000 enrollments).
// The output is large: keep it out of the repository.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { writeSyntheticPackage, BENCH_SIZE } = require('../dist/bench/support/oneroster-package.js');
const [folder, users, schools, classes, enrollments] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node scripts/oneroster-synthetic.mjs <folder> [users] [schools] [classes] [enrollments]');
  process.exit(2);
}
const size = {
  users: Number(users ?? BENCH_SIZE.users),
  schools: Number(schools ?? BENCH_SIZE.schools),
  classes: Number(classes ?? BENCH_SIZE.classes),
  enrollments: Number(enrollments ?? BENCH_SIZE.enrollments),
};
const { rows } = await writeSyntheticPackage(resolve(folder), size);
console.log(`${rows} rows written to ${resolve(folder)}`);
