import { isIPv4, isIPv6 } from 'node:net';
import {
	BurstyRateLimiter,
	RateLimiterMemory,
	RateLimiterPostgres,
	RateLimiterRes,
	type RateLimiterAbstract
} from 'rate-limiter-flexible';

/**
 * Every abuse limit counts through this module, on rate-limiter-flexible, whose counting is
 * atomic in each of its stores. One instance keeps its counters in memory: it holds every
 * connection, and a restart (rare, and itself slow) forgets them. Several instances on one
 * PostgreSQL database (`shareFailureCounts`) count failed attempts (join codes, passwords)
 * in its `rate_limit` table, so that a guesser gains nothing by reaching another instance.
 * Command rates stay per instance: they limit a connection, which lives on one instance, and
 * a ballot must not wait for a shared counter.
 */
function counters(
	keyPrefix: string,
	points: number,
	seconds: number,
	shareable = false
): RateLimiterAbstract {
	if (shareable && sharedStore)
		return new RateLimiterPostgres({
			storeClient: sharedStore,
			storeType: 'pool',
			// Created by migration 090; expired rows are pruned with the logs (retention.ts).
			tableName: 'rate_limit',
			tableCreated: true,
			clearExpiredByTimeout: false,
			keyPrefix,
			points,
			duration: seconds
		});
	return new RateLimiterMemory({ keyPrefix, points, duration: seconds });
}

/** The PostgreSQL pool failed attempts are counted in, when several instances share it. */
let sharedStore: unknown = null;

/** From now on, failure limits made are counted in `pool`'s database (before any is made). */
export function shareFailureCounts(pool: unknown): void {
	sharedStore = pool;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

const ALLOWED: Verdict = { allowed: true };

/** rate-limiter-flexible refuses by rejecting with its result; anything else is a store failure. */
function refusal(outcome: unknown): Verdict {
	if (outcome instanceof RateLimiterRes)
		return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(outcome.msBeforeNext)) };
	throw outcome;
}

/** How long the reserve above the steady rate takes to come back. */
const BURST_REFILL_SECONDS = 10;

/**
 * A rate with bursts, like a token bucket: `perSecond` a second, and up to `burst` at once.
 * rate-limiter-flexible's documented way: a one-second window of `perSecond`, and behind it
 * a reserve of `burst − perSecond` that refills over ten seconds.
 */
export class RateLimit {
	private readonly limiter: BurstyRateLimiter | RateLimiterAbstract;

	constructor(name: string, perSecond: number, burst: number) {
		const steady = counters(name, perSecond, 1);
		const reserve = burst - perSecond;
		this.limiter =
			reserve > 0
				? new BurstyRateLimiter(steady, counters(`${name}+`, reserve, BURST_REFILL_SECONDS))
				: steady;
	}

	/** Counts one event for `key`; refused once the rate and the reserve are spent. */
	take(key: string): Promise<Verdict> {
		return this.limiter.consume(key).then(() => ALLOWED, refusal);
	}
}

/**
 * Failed attempts (an unknown join code, a wrong password) counted per key: `failures` per
 * window of `seconds`; beyond that, every attempt is refused until the window ends, whether
 * it would have succeeded or not, so that a refusal tells a guesser nothing. Successes are
 * never counted.
 */
export class FailureLimit {
	private readonly limiter: RateLimiterAbstract;

	constructor(
		name: string,
		readonly failures: number,
		seconds: number
	) {
		this.limiter = counters(name, failures, seconds, true);
	}

	/** May `key` try now? Counts nothing. */
	async check(key: string): Promise<Verdict> {
		const state = await this.limiter.get(key);
		if (!state || state.consumedPoints < this.failures) return ALLOWED;
		return { allowed: false, retryAfterMs: Math.max(1, Math.ceil(state.msBeforeNext)) };
	}

	/**
	 * Counts a failure, atomically: of any number of attempts failing at once, only the first
	 * `failures` of the window are answered as failures; the others are refused as over the limit.
	 */
	async fail(key: string): Promise<Verdict> {
		try {
			await this.limiter.consume(key);
			return ALLOWED;
		} catch (outcome) {
			// A refused attempt was never made: it is taken back, or a burst refused together
			// would keep counting against the key long after (one address, many attempts at once).
			if (outcome instanceof RateLimiterRes) await this.limiter.reward(key);
			return refusal(outcome);
		}
	}

	/**
	 * Counts an attempt before its outcome is known (atomically, so attempts made at the same
	 * time cannot all slip under the limit); `forgive` takes it back once it did not fail.
	 * For attempts that are slow to check (a password) and rarely succeed many at once.
	 */
	attempt(key: string): Promise<Verdict> {
		return this.fail(key);
	}

	async forgive(key: string): Promise<void> {
		await this.limiter.reward(key);
	}
}

/** The first verdict that refuses, or allowed. */
export function firstRefusal(...verdicts: Verdict[]): Verdict {
	return verdicts.find((verdict) => !verdict.allowed) ?? ALLOWED;
}

/**
 * The network a client address belongs to: its /24 for IPv4, its /64 for IPv6 (one home or
 * venue line usually has a whole /64, so counting per IPv6 address alone would be no limit).
 */
export function networkOf(address: string): string {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	const ip = mapped?.[1] ?? address;
	if (isIPv4(ip)) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
	if (isIPv6(ip)) {
		const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
		const left = head ? head.split(':') : [];
		const right = tail ? tail.split(':') : [];
		const groups = ip.includes('::')
			? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
			: left;
		return `${groups
			.slice(0, 4)
			.map((group) => group.replace(/^0+(?=.)/, ''))
			.join(':')}::/64`;
	}
	return address;
}

/** Whole seconds for a `Retry-After` header (at least 1). */
export function retryAfterSeconds(verdict: Verdict): number {
	return verdict.allowed ? 0 : Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
}
