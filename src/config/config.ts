import { resolve } from 'node:path';
import { LimitConfigError, loadLimits, RequestLimits } from './limits';

export type ProjectionsMode = 'inline' | 'off' | 'only';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Everything the service reads from its environment (API.md, "Running"). */
export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  eventstoreConnectionString?: string;
  /** `EVENTSTORE_STREAM_PREFIX`: keeps the test suites' streams apart on a shared EventStoreDB (README, "Tests against the real servers"). */
  eventstoreStreamPrefix?: string;
  mongodbUri?: string;
  mongodbDb: string;
  authTokensFile?: string;
  projections: ProjectionsMode;
  logLevel: LogLevel;
  /** `process`: the embedded stores survive a process crash; `power`: also power loss (fsync on every commit). */
  durability: 'process' | 'power';
  /** Set by the command line: no HTTP, so no API token is needed, made or shown. */
  commandLine?: boolean;
  /** The master key (base64, 32 bytes) that wraps the per-student data keys; unset: a dev key in `dataDir`. */
  masterKeyFile?: string;
  limits: RequestLimits;
}

export class ConfigError extends Error {}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
}

function limitsOf(env: NodeJS.ProcessEnv): RequestLimits {
  try {
    return loadLimits(env);
  } catch (error) {
    if (error instanceof LimitConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number (got "${env.PORT}")`);
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    eventstoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    eventstoreStreamPrefix: env.EVENTSTORE_STREAM_PREFIX || undefined,
    mongodbUri: env.MONGODB_URI || undefined,
    mongodbDb: env.MONGODB_DB || 'school_ledger',
    authTokensFile: env.AUTH_TOKENS_FILE || undefined,
    projections: oneOf('PROJECTIONS', env.PROJECTIONS, ['inline', 'off', 'only'] as const, 'inline'),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, ['debug', 'info', 'warn', 'error'] as const, 'info'),
    durability: oneOf('DURABILITY', env.DURABILITY, ['process', 'power'] as const, 'process'),
    masterKeyFile: env.MASTER_KEY_FILE || undefined,
    limits: limitsOf(env),
  };
}

export const APP_CONFIG = Symbol('AppConfig');
