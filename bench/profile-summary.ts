import { summariseProfiles } from './report/cpu-profile';

/**
 * `node dist/bench/profile-summary.js <file.cpuprofile>[,<file>…] [top] [pattern,…]`: the functions with the most
 * self time (native SQLite calls count to the JS function that made them), then the inclusive time of
 * the frames whose "name file:line" contains one of the patterns. Several files (comma-separated) are added together.
 */
const [files, topArg, patternArg] = process.argv.slice(2);
if (!files) {
  console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile>[,<file>…] [top=30] [pattern,…]');
  process.exit(2);
}
console.log(summariseProfiles(files.split(','), Number(topArg ?? 30), (patternArg ?? '').split(',').filter(Boolean)).join('\n'));
