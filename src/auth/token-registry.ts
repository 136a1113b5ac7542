import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isValidId } from '../shared/ids';
import { createPrivateFile, ensurePrivateDir } from '../config/private-files';
import { ALL_ORGANISATIONS, Principal, Role, ROLES } from './token';

export interface TokenFileEntry {
  name: string;
  token: string;
  roles: Role[];
  organisations: string[];
  actingUsers?: boolean;
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export class TokenFileError extends Error {}

/** How the tokens in deploy/tokens.example.json begin: never accepted as a real token. */
const PLACEHOLDER = 'replace-with-';

/** What is wrong with one entry of the tokens file, or null. Never quotes the secret. */
function problemWith(entry: unknown, names: Set<string>): string | null {
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return 'is not an object';
  const t = entry as Record<string, unknown>;
  if (typeof t.name !== 'string' || t.name.trim() === '') return 'needs a "name"';
  if (names.has(t.name)) return 'repeats a name another entry has (names are unique)';
  if (typeof t.token !== 'string' || t.token.length < 16) return 'needs a "token" of 16 or more characters';
  if (t.token.startsWith(PLACEHOLDER)) return `still has the example's placeholder token ("${PLACEHOLDER}…"): put a random secret in`;
  if (!Array.isArray(t.roles) || t.roles.length === 0) return `needs "roles" from ${ROLES.join('|')}`;
  const unknown = t.roles.find((r) => !ROLES.includes(r as Role));
  if (unknown !== undefined) return `has an unknown role ${JSON.stringify(unknown)} (roles: ${ROLES.join('|')})`;
  if (!Array.isArray(t.organisations) || t.organisations.length === 0) return 'needs "organisations": the organisation ids it may touch, or ["*"]';
  const bad = t.organisations.find((o) => o !== ALL_ORGANISATIONS && !isValidId(o));
  if (bad !== undefined) return `has an organisation that is not an id: ${JSON.stringify(bad)}`;
  if (t.actingUsers !== undefined && typeof t.actingUsers !== 'boolean') return 'has an "actingUsers" that is not true or false';
  return null;
}

/** Tokens are held as SHA-256 digests and compared in constant time. */
export class TokenRegistry {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(tokens: TokenFileEntry[]) {
    this.entries = tokens.map((t) => ({
      digest: digest(t.token),
      principal: { name: t.name, roles: [...t.roles], organisations: [...t.organisations], actingUsers: t.actingUsers === true },
    }));
  }

  /** Refuses the whole file, naming the first bad entry, rather than starting with a token that means something else. */
  static fromFile(path: string): TokenRegistry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TokenFileError(`AUTH_TOKENS_FILE ${path} could not be read as JSON: ${(error as Error).message}`);
    }
    return TokenRegistry.fromEntries((parsed as { tokens?: unknown })?.tokens, `AUTH_TOKENS_FILE ${path}`);
  }

  static fromEntries(tokens: unknown, source = 'The tokens file'): TokenRegistry {
    if (!Array.isArray(tokens)) throw new TokenFileError(`${source} must hold { "tokens": [...] }`);
    const names = new Set<string>();
    tokens.forEach((entry, i) => {
      const problem = problemWith(entry, names);
      const name = (entry as { name?: unknown })?.name;
      const label = typeof name === 'string' && name.trim() !== '' ? `entry ${i} ("${name.slice(0, 100)}")` : `entry ${i}`;
      if (problem) throw new TokenFileError(`${source}: ${label} ${problem}.`);
      names.add(name as string);
    });
    return new TokenRegistry(tokens as TokenFileEntry[]);
  }

  /**
   * A development admin token kept in DATA_DIR. Created exclusively (never through a symlink or
   * over a file another process is writing); `created` says whether this call made it.
   */
  static devToken(dataDir: string): { registry: TokenRegistry; token: string; created: boolean } {
    ensurePrivateDir(dataDir);
    const file = join(dataDir, 'dev-admin-token');
    const created = createPrivateFile(file, `${randomBytes(24).toString('base64url')}\n`);
    // A token file someone else placed (a symlink, a file others can read) would hand them the admin token.
    const found = lstatSync(file);
    if (!found.isFile()) throw new TokenFileError(`${file} is not a regular file; remove it to have a new token made.`);
    if ((found.mode & 0o077) !== 0) throw new TokenFileError(`${file} is readable by other users; remove it to have a new token made.`);
    const token = readFileSync(file, 'utf8').trim();
    if (token.length < 16) throw new TokenFileError(`${file} does not hold a token; delete it to have a new one made.`);
    const registry = new TokenRegistry([{ name: 'dev-admin', token, roles: ['admin'], organisations: [ALL_ORGANISATIONS] }]);
    return { registry, token, created };
  }

  authenticate(secret: string): Principal | null {
    const presented = digest(secret);
    let found: Principal | null = null;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented)) found = entry.principal;
    }
    return found;
  }
}

export const TOKEN_REGISTRY = Symbol('TokenRegistry');
