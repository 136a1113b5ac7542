import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Principal, Role, ROLES } from './token';

interface TokenFileEntry {
  name: string;
  token: string;
  roles: Role[];
  organisations?: string[];
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret, 'utf8').digest();

export class TokenFileError extends Error {}

/** Tokens are held as SHA-256 digests and compared in constant time. */
export class TokenRegistry {
  private readonly entries: { digest: Buffer; principal: Principal }[];

  constructor(tokens: TokenFileEntry[]) {
    this.entries = tokens.map((t) => ({
      digest: digest(t.token),
      principal: { name: t.name, roles: [...t.roles], organisations: t.organisations ?? ['*'] },
    }));
  }

  static fromFile(path: string): TokenRegistry {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new TokenFileError(`AUTH_TOKENS_FILE ${path} could not be read as JSON: ${(error as Error).message}`);
    }
    const tokens = (parsed as { tokens?: unknown })?.tokens;
    if (!Array.isArray(tokens)) throw new TokenFileError(`AUTH_TOKENS_FILE ${path} must hold { "tokens": [...] }`);
    tokens.forEach((t: Partial<TokenFileEntry>, i) => {
      const ok =
        typeof t?.name === 'string' &&
        typeof t.token === 'string' &&
        t.token.length >= 16 &&
        Array.isArray(t.roles) &&
        t.roles.every((r) => ROLES.includes(r)) &&
        (t.organisations === undefined || (Array.isArray(t.organisations) && t.organisations.every((o) => typeof o === 'string')));
      if (!ok) {
        throw new TokenFileError(
          `AUTH_TOKENS_FILE entry ${i} needs name, token (16+ characters), roles from ${ROLES.join('|')} and optional organisations`,
        );
      }
    });
    return new TokenRegistry(tokens as TokenFileEntry[]);
  }

  /** A development admin token kept in DATA_DIR, created on first start. */
  static devToken(dataDir: string): { registry: TokenRegistry; token: string; created: boolean } {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'dev-admin-token');
    const created = !existsSync(file);
    if (created) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
    const token = readFileSync(file, 'utf8').trim();
    return { registry: new TokenRegistry([{ name: 'dev-admin', token, roles: ['admin'], organisations: ['*'] }]), token, created };
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
