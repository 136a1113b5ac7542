/** Per-request and per-token bounds of the HTTP API (README, "Configuration"). */
export interface RequestLimits {
  /** Requests per token (or per client address before authentication) per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** `minPosition` waits running at once, in all. */
  maxPositionWaiters: number;
  /** `minPosition` waits running at once for one token. */
  maxPositionWaitersPerToken: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  rateLimitPerMinute: 60_000,
  maxPositionWaiters: 1000,
  maxPositionWaitersPerToken: 100,
};

export class LimitConfigError extends Error {}

function whole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d{1,9}$/.test(value)) throw new LimitConfigError(`${name} must be a whole number (got "${value}")`);
  return Number(value);
}

export function loadLimits(env: NodeJS.ProcessEnv): RequestLimits {
  return {
    rateLimitPerMinute: whole('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, DEFAULT_LIMITS.rateLimitPerMinute),
    maxPositionWaiters: whole('MAX_POSITION_WAITERS', env.MAX_POSITION_WAITERS, DEFAULT_LIMITS.maxPositionWaiters),
    maxPositionWaitersPerToken: whole('MAX_POSITION_WAITERS_PER_TOKEN', env.MAX_POSITION_WAITERS_PER_TOKEN, DEFAULT_LIMITS.maxPositionWaitersPerToken),
  };
}
