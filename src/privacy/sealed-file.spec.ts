import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSealedFile, writeSealedFile } from './sealed-file';

describe('sealed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealed-file-'));
  const key = randomBytes(32);
  const bytes = Buffer.from('sourcedId,givenName,familyName\nu-1,Quillondrea,Marchbanks\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('hold no byte of the content in clear, are 0600, and read back whole', () => {
    const path = join(dir, 'a.zip');
    writeSealedFile(path, key, bytes);
    const stored = readFileSync(path);
    expect([stored.includes('Marchbanks'), stored.includes('Quillondrea'), statSync(path).mode & 0o077]).toEqual([false, false, 0]);
    expect(readSealedFile(path, key)).toEqual(bytes);
  });

  it('do not open with another key, changed, or under another name', () => {
    const path = join(dir, 'b.zip');
    writeSealedFile(path, key, bytes);
    expect(() => readSealedFile(path, randomBytes(32))).toThrow();
    renameSync(path, join(dir, 'c.zip'));
    expect(() => readSealedFile(join(dir, 'c.zip'), key)).toThrow();
    writeSealedFile(path, key, bytes);
    const changed = readFileSync(path);
    changed[changed.length - 1] ^= 1;
    writeFileSync(path, changed);
    expect(() => readSealedFile(path, key)).toThrow();
  });

  it('a clear file an older version wrote reads as it is', () => {
    const path = join(dir, 'old.zip');
    writeFileSync(path, bytes);
    expect(readSealedFile(path, key)).toEqual(bytes);
  });
});
