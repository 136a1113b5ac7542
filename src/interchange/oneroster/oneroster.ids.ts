import { createHash } from 'node:crypto';
import { isValidId } from '../../shared/ids';

/** A source code names the system a package comes from: the first dot of an imported id ends it. */
export const SOURCE_CODE = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * The id of the aggregate a record becomes (interchange.md rule 1): the same (source, file,
 * sourcedId) always gives the same id, readable where the sourcedId is a valid id, hashed where not.
 * Files name different kinds of aggregate, so they share the id space without meeting.
 */
export function importedId(source: string, sourcedId: string): string {
  const readable = `${source}.${sourcedId}`;
  if (isValidId(readable)) return readable;
  return `${source}.h-${createHash('sha256').update(sourcedId).digest('hex').slice(0, 40)}`;
}
