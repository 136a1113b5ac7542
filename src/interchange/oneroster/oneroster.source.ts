import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';

/** The entries of a OneRoster package, wherever they are kept: a folder, a zip file or a zip in memory. */
export interface PackageSource {
  /** Every entry's path inside the package, folders included (they end with "/"). */
  readonly entries: readonly string[];
  open(name: string): Promise<Readable>;
  close(): Promise<void>;
}

/** A folder of CSV files (the command line's door). */
export async function folderSource(folder: string): Promise<PackageSource> {
  const entries: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) entries.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  return {
    entries,
    open: async (name) => {
      if ((await stat(join(folder, name))).isDirectory()) throw new Error(`${name} is a folder`);
      return createReadStream(join(folder, name));
    },
    close: async () => undefined,
  };
}

/** A zip, from a file or from memory; each entry is inflated as it is read. */
export async function zipSource(zip: string | Buffer): Promise<PackageSource> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (error: Error | null, opened?: yauzl.ZipFile) => (error || !opened ? reject(error ?? new Error('not a zip')) : resolve(opened));
    if (typeof zip === 'string') yauzl.open(zip, { lazyEntries: true, autoClose: false, decodeStrings: true }, done);
    else yauzl.fromBuffer(zip, { lazyEntries: true, autoClose: false, decodeStrings: true }, done);
  });
  const byName = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    file.on('entry', (entry: yauzl.Entry) => {
      byName.set(entry.fileName, entry);
      file.readEntry();
    });
    file.on('end', () => resolve());
    file.on('error', reject);
    file.readEntry();
  });
  return {
    entries: [...byName.keys()],
    open: (name) =>
      new Promise<Readable>((resolve, reject) => {
        const entry = byName.get(name);
        if (!entry) return reject(new Error(`${name} is not in the package`));
        file.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error(`${name} cannot be read`)) : resolve(stream)));
      }),
    close: async () => file.close(),
  };
}

/** A folder as it is; any other path is read as a zip. */
export async function openPackage(path: string): Promise<PackageSource> {
  return (await stat(path)).isDirectory() ? folderSource(path) : zipSource(path);
}
