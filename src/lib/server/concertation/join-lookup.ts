import { translator, type Locale } from '../../i18n';
import { config } from '../config';
import type { Db } from '../db';
import type { Concertation } from '../db/schema';
import { FailureLimit, firstRefusal, networkOf, retryAfterSeconds } from '../limits';
import { normaliseJoinCode } from './join-code';
import { findByJoinCode } from './store';

/**
 * Finding a concertation by its join code, the one door a stranger can knock on. A venue is
 * one address, so successes are never counted: a whole room behind one NAT joins freely.
 * Unknown codes are counted per client address and per network (/24, /64); past the limit,
 * every lookup from there is refused (429), known code or not, until the window ends, so the
 * refusal tells a guesser nothing. Codes that cannot be codes at all (wrong length or
 * characters) are answered without a lookup and not counted: they reveal nothing either.
 */
export type JoinLookup =
	| { status: 'found'; code: string; concertation: Concertation }
	| { status: 'malformed' }
	| { status: 'unknown'; code: string }
	| { status: 'limited'; retryAfterSeconds: number };

let limits: { address: FailureLimit; network: FailureLimit } | null = null;
function failureLimits() {
	const { joinFailuresPerAddress, joinFailuresPerNetwork, joinFailureWindowSeconds } =
		config.limits;
	limits ??= {
		address: new FailureLimit('join-address', joinFailuresPerAddress, joinFailureWindowSeconds),
		network: new FailureLimit('join-network', joinFailuresPerNetwork, joinFailureWindowSeconds)
	};
	return limits;
}

export async function lookUpJoinCode(
	db: Db,
	rawCode: string,
	clientAddress: string
): Promise<JoinLookup> {
	const code = normaliseJoinCode(rawCode);
	if (!code) return { status: 'malformed' };
	const { address, network } = failureLimits();
	const networkKey = networkOf(clientAddress);
	const before = firstRefusal(await address.check(clientAddress), await network.check(networkKey));
	if (!before.allowed) return { status: 'limited', retryAfterSeconds: retryAfterSeconds(before) };
	const concertation = await findByJoinCode(db, code);
	if (concertation) return { status: 'found', code, concertation };
	// Counted after the lookup, atomically: of many guesses in flight at once, only the first
	// ones within the limit are answered "unknown"; the rest are refused like any later one.
	const counted = firstRefusal(await address.fail(clientAddress), await network.fail(networkKey));
	if (!counted.allowed) return { status: 'limited', retryAfterSeconds: retryAfterSeconds(counted) };
	return { status: 'unknown', code };
}

/** The refusal's message: minutes, rounded up, in the asker's language. */
export function joinLimitedMessage(locale: Locale, retryAfter: number): string {
	return translator(locale, 'errors')('join_rate_limited', { count: Math.ceil(retryAfter / 60) });
}
