import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLoopbackHost } from './loopback';
import { TokenFileError, TokenRegistry } from './token-registry';

const entry = (extra: Record<string, unknown> = {}) => ({ name: 'sis', token: 'sis-token-0123456789abcdef', roles: ['commands'], organisations: ['*'], ...extra });

describe('The tokens file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-tokens-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (tokens: unknown) => {
    const path = join(dir, `tokens-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify({ tokens }));
    return path;
  };

  it('refuses an entry without organisations (no longer every organisation by default), naming it', () => {
    const { organisations: _none, ...withoutOrganisations } = entry({ name: 'district-a-dashboard' });
    const path = file([entry(), withoutOrganisations]);
    expect(() => TokenRegistry.fromFile(path)).toThrow(TokenFileError);
    expect(() => TokenRegistry.fromFile(path)).toThrow('entry 1 ("district-a-dashboard") needs "organisations"');
    expect(() => TokenRegistry.fromFile(file([entry({ organisations: [] })]))).toThrow(/entry 0 \("sis"\) needs "organisations"/);
  });

  it('refuses two entries with one name', () => {
    expect(() => TokenRegistry.fromFile(file([entry(), entry({ token: 'another-token-0123456789ab' })]))).toThrow(/entry 1 \("sis"\) repeats a name/);
  });

  it('refuses unknown roles and accepts the metrics role', () => {
    expect(() => TokenRegistry.fromFile(file([entry({ roles: ['reports', 'superuser'] })]))).toThrow(/entry 0 \("sis"\) has an unknown role "superuser"/);
    const registry = TokenRegistry.fromFile(file([entry({ name: 'prometheus', roles: ['metrics'] })]));
    expect(registry.authenticate('sis-token-0123456789abcdef')).toEqual({ name: 'prometheus', roles: ['metrics'], organisations: ['*'], actingUsers: false });
  });

  it("refuses the example file's placeholder tokens (deploy/tokens.example.json, which docker-compose mounts by default)", () => {
    expect(() => TokenRegistry.fromFile(join(__dirname, '../../deploy/tokens.example.json'))).toThrow(/entry 0 \("operator"\) still has the example's placeholder token/);
  });

  it('never quotes a secret in its complaints', () => {
    let message = '';
    try {
      TokenRegistry.fromFile(file([entry({ roles: ['nope'] })]));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/unknown role/);
    expect(message).not.toContain('sis-token-0123456789abcdef');
  });

  it('keeps actingUsers as given (false when left out)', () => {
    const registry = TokenRegistry.fromFile(file([entry({ actingUsers: true }), entry({ name: 'plain', token: 'plain-token-0123456789abcd' })]));
    expect(registry.authenticate('sis-token-0123456789abcdef')?.actingUsers).toBe(true);
    expect(registry.authenticate('plain-token-0123456789abcd')?.actingUsers).toBe(false);
  });
});

describe('The development admin token', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-dev-token-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is created once, exclusively, 0600 in a 0700 DATA_DIR, and only the first call says it created it', () => {
    const dataDir = join(root, 'fresh');
    const first = TokenRegistry.devToken(dataDir);
    const second = TokenRegistry.devToken(dataDir);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.token).toBe(first.token);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'dev-admin-token')).mode & 0o777).toBe(0o600);
  });

  it('refuses a token file that is a symlink (never follows one to a file someone else chose)', () => {
    const dataDir = join(root, 'planted');
    TokenRegistry.devToken(join(root, 'other'));
    mkdirSync(dataDir, { mode: 0o700 });
    const planted = join(root, 'planted-token');
    writeFileSync(planted, 'attacker-known-token-0123456789\n', { mode: 0o600 });
    symlinkSync(planted, join(dataDir, 'dev-admin-token'));
    expect(() => TokenRegistry.devToken(dataDir)).toThrow(/is not a regular file/);
  });

  it('refuses a token file other users can read', () => {
    const dataDir = join(root, 'loose');
    TokenRegistry.devToken(dataDir);
    chmodSync(join(dataDir, 'dev-admin-token'), 0o644);
    expect(() => TokenRegistry.devToken(dataDir)).toThrow(/readable by other users/);
    expect(existsSync(join(dataDir, 'dev-admin-token'))).toBe(true);
  });
});

describe('Loopback addresses (where a development token may be used)', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])('%s is loopback', (host) => expect(isLoopbackHost(host)).toBe(true));
  it.each(['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'example.org', '::ffff:10.0.0.1'])('%s is not', (host) => expect(isLoopbackHost(host)).toBe(false));
});
