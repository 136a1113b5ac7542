#!/usr/bin/env node
// The registry this project is built against serves only Linux builds of packages with one build
// per platform, so npm leaves the other platforms' optional packages out of package-lock.json and
// `npm ci` then refuses the lock. This adds an entry for each such optional package, with the os
// and cpu its name states, so `npm ci` skips it here and installs it by version elsewhere.
// Run after any `npm install` that changes the lock: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const OS = ['darwin', 'linux', 'win32', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el', 'wasm32'];

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${name}`;
    if (packages[target] || packages[`${path}/${target}`]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.find((p) => CPU.includes(p));
    if (!os && !cpu) continue;
    const libc = parts.includes('gnu') || parts.includes('gnueabihf') ? ['glibc'] : parts.includes('musl') ? ['musl'] : undefined;
    packages[target] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, os: os && [os], cpu: cpu && [cpu], libc };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(file, `${JSON.stringify({ ...lock, packages: sorted }, null, 2)}\n`);
console.log(`package-lock.json: ${added} optional platform packages added`);
