import { csvRows } from './oneroster.csv';
import { IssueLog } from './oneroster.issues';
import { PackageSource } from './oneroster.source';
import { FileMode, MANIFEST_FILES, OneRosterVersion, VERSIONS } from './oneroster.tables';

export const MANIFEST = 'manifest.csv';

export interface PackageManifest {
  version: OneRosterVersion;
  /** The mode of every file the manifest lists as bulk or delta (each present in the package). */
  files: Map<string, Exclude<FileMode, 'absent'>>;
  /** `source.systemCode`, when the manifest names one. */
  systemCode: string | null;
}

const MODES: readonly FileMode[] = ['absent', 'bulk', 'delta'];

/**
 * The package as a whole (interchange.md, "The package" 1): files at the root only, a manifest,
 * a known version, and every file.<name> matching the files present. Null when the package is
 * rejected; the reasons are in `issues`, one each.
 */
export async function readManifest(source: PackageSource, issues: IssueLog): Promise<PackageManifest | null> {
  const errorsBefore = issues.errors;
  for (const entry of source.entries) {
    if (entry.includes('/')) issues.error(entry, 0, null, 'NestedFolder', `The package must hold its files at its root; "${entry}" is inside a folder.`);
  }
  if (!source.entries.includes(MANIFEST)) {
    issues.error(MANIFEST, 0, null, 'ManifestMissing', 'The package has no manifest.csv at its root.');
    return null;
  }

  const properties = new Map<string, { value: string; line: number }>();
  for await (const row of csvRows(await source.open(MANIFEST), MANIFEST, ['propertyName', 'value'], issues)) {
    properties.set(row.values.propertyName.trim(), { value: row.values.value.trim(), line: row.line });
  }
  const versionProperty = properties.get('oneroster.version');
  const version = VERSIONS.find((v) => v === versionProperty?.value);
  if (!version) {
    issues.error(MANIFEST, versionProperty?.line ?? 0, 'oneroster.version', 'UnsupportedVersion', `oneroster.version must be 1.1 or 1.2${versionProperty ? `, not "${versionProperty.value}"` : ''}.`);
    return null;
  }

  const files = new Map<string, Exclude<FileMode, 'absent'>>();
  const known = MANIFEST_FILES[version];
  for (const [property, { value, line }] of properties) {
    if (!property.startsWith('file.')) continue;
    const name = property.slice('file.'.length);
    if (!known.includes(name)) {
      issues.warning(MANIFEST, line, property, 'UnknownManifestFile', `OneRoster ${version} has no file "${name}"; the entry is ignored.`);
      continue;
    }
    const mode = MODES.find((m) => m === value);
    if (!mode) {
      issues.error(MANIFEST, line, property, 'InvalidManifestValue', `${property} must be absent, bulk or delta${value ? `, not "${value}"` : ', and it is blank'}.`);
      continue;
    }
    const present = source.entries.includes(`${name}.csv`);
    if (mode === 'absent' && present) issues.error(`${name}.csv`, 0, null, 'FileMarkedAbsent', `The manifest calls ${name}.csv absent, but the package holds it.`);
    else if (mode !== 'absent' && !present) issues.error(`${name}.csv`, 0, null, 'FileMissing', `The manifest lists ${name}.csv as ${mode}, but the package does not hold it.`);
    else if (mode !== 'absent') files.set(name, mode);
  }
  for (const entry of source.entries) {
    if (entry === MANIFEST || entry.includes('/')) continue;
    const name = entry.endsWith('.csv') ? entry.slice(0, -'.csv'.length) : null;
    if (name !== null && properties.has(`file.${name}`)) continue;
    const sameButCase = known.find((k) => `${k}.csv`.toLowerCase() === entry.toLowerCase());
    issues.error(
      entry,
      0,
      null,
      'UnknownFile',
      sameButCase ? `File names are case-sensitive: "${entry}" should be "${sameButCase}.csv", listed in the manifest.` : `"${entry}" is not a file the manifest lists.`,
    );
  }
  const code = properties.get('source.systemCode')?.value;
  return issues.errors > errorsBefore ? null : { version, files, systemCode: code && code !== 'absent' ? code : null };
}
