import { sql } from 'kysely';
import { z } from 'zod';
import { config } from '../config';
import type { Db } from '../db';
import { dialectOf, nowIso } from '../db';
import type { Facilitator, FacilitatorRole } from '../db/schema';
import { DomainError } from '../errors';
import { FailureLimit, retryAfterSeconds } from '../limits';
import { cleanLine, requireReadableName } from '../text';
import {
	hashPassword,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH,
	verifyPassword
} from './passwords';

export const emailSchema = z.string().trim().toLowerCase().max(254).email();

export interface NewFacilitatorInput {
	email: string;
	password: string;
	displayName?: string;
	role?: FacilitatorRole;
}

export async function createFacilitator(db: Db, input: NewFacilitatorInput): Promise<Facilitator> {
	const email = emailSchema.parse(input.email);
	if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH) {
		throw new DomainError('invalid', {
			detail: `password must have ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`
		});
	}
	const existing = await db
		.selectFrom('facilitator')
		.select('id')
		.where('email', '=', email)
		.executeTakeFirst();
	if (existing) throw new DomainError('email_taken');
	const displayName = requireReadableName(cleanLine(input.displayName), 'displayName');
	return db
		.insertInto('facilitator')
		.values({
			email,
			display_name: displayName || email.split('@')[0] || email,
			password_hash: await hashPassword(input.password),
			role: input.role ?? 'facilitator',
			created_at: nowIso()
		})
		.returningAll()
		.executeTakeFirstOrThrow();
}

export async function hasAnyAccount(db: Db): Promise<boolean> {
	return (
		(await db.selectFrom('facilitator').select('id').limit(1).executeTakeFirst()) !== undefined
	);
}

/** The first account comes from ADMIN_EMAIL + ADMIN_PASSWORD, created only if missing. */
export async function ensureAdminAccount(
	db: Db,
	email: string | null,
	password: string | null
): Promise<'created' | 'exists' | 'not_configured'> {
	if (!email || !password) return 'not_configured';
	const existing = await db
		.selectFrom('facilitator')
		.select('id')
		.where('email', '=', email.toLowerCase())
		.executeTakeFirst();
	if (existing) return 'exists';
	await createFacilitator(db, { email, password, displayName: 'Admin' });
	return 'created';
}

/** Failures before the first delay, then the delay doubles per failure up to the cap. */
const FREE_FAILURES = 3;
const BASE_DELAY_SECONDS = 2;
const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_MS = 60 * 60 * 1000;

function throttleDelaySeconds(failures: number): number {
	if (failures < FREE_FAILURES) return 0;
	return Math.min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES));
}

/**
 * Counts a sign-in attempt for `key` before its password is checked, in one statement, so
 * that attempts made at the same time are counted one after the other: once an attempt is
 * counted, the others must wait its delay, however many arrived together. The row counts
 * attempts since the last success (a success deletes it); it is forgotten an hour after the
 * last one. Returns the count including this attempt, or null when the account is still
 * waiting (nothing counted). The delay expression is `throttleDelaySeconds` in SQL:
 * 2 << n is 2·2ⁿ; the shift is capped so it never overflows.
 */
async function countAttempt(db: Db, key: string, now: Date): Promise<number | null> {
	const nowText = now.toISOString();
	const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
	// Constants as literals: PostgreSQL infers no type for a parameter beside `<<`.
	const delaySeconds = sql`${sql.lit(MAX_DELAY_SECONDS)}, cast(${sql.lit(BASE_DELAY_SECONDS)} as bigint) << cast(${smallest(db)}(login_throttle.failures - ${sql.lit(FREE_FAILURES)}, 20) as integer)`;
	// The moment the account may be tried again, as ISO text like the stored dates.
	const waitEnds =
		dialectOf(db) === 'sqlite'
			? sql`strftime('%Y-%m-%dT%H:%M:%fZ', login_throttle.last_failure_at, '+' || min(${delaySeconds}) || ' seconds')`
			: sql`to_char((login_throttle.last_failure_at::timestamptz + make_interval(secs => least(${delaySeconds}))) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
	const counted = await sql<{ failures: number }>`
		insert into login_throttle (key, failures, last_failure_at) values (${key}, 1, ${nowText})
		on conflict (key) do update set
			failures = case when login_throttle.last_failure_at < ${forgetBefore} then 1
				else login_throttle.failures + 1 end,
			last_failure_at = ${nowText}
		where login_throttle.last_failure_at < ${forgetBefore}
			or login_throttle.failures < ${FREE_FAILURES}
			or ${waitEnds} <= ${nowText}
		returning failures`.execute(db);
	return counted.rows[0]?.failures ?? null;
}

/** The scalar minimum of two values: `min(a, b)` in SQLite, `least(a, b)` in PostgreSQL. */
function smallest(db: Db) {
	return sql.raw(dialectOf(db) === 'sqlite' ? 'min' : 'least');
}

/** How long the account must still wait, for the message (the refusal itself is atomic). */
async function secondsToWait(db: Db, key: string, now: Date): Promise<number> {
	const row = await db
		.selectFrom('login_throttle')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	if (!row) return 1;
	const waitUntil = Date.parse(row.last_failure_at) + throttleDelaySeconds(row.failures) * 1000;
	return Math.max(1, Math.ceil((waitUntil - now.getTime()) / 1000));
}

let addressLimit: FailureLimit | null = null;
/** Failed sign-ins per client address, whatever the e-mail addresses tried (password spraying). */
function signInFailuresByAddress(): FailureLimit {
	addressLimit ??= new FailureLimit('sign-in', config.limits.signInFailuresPerAddress, 60 * 60);
	return addressLimit;
}

/**
 * Checks credentials. Repeated failures for one e-mail address are slowed down (persisted, so
 * a restart does not reset them): after three, each attempt must wait 2, 4, 8 … seconds, and
 * the attempt is counted before the password is checked, so parallel guesses get no more
 * tries than sequential ones. Failures from one client address (`address`, when the caller
 * knows it) are also limited per hour, counted the same way (first, then forgiven if the
 * password was right). Unknown e-mail addresses are throttled and hashed
 * just like known ones, so timing reveals nothing.
 */
export async function authenticate(
	db: Db,
	rawEmail: string,
	password: string,
	now = new Date(),
	address?: string
): Promise<Facilitator> {
	const email = rawEmail.trim().toLowerCase().slice(0, 254);
	const key = `email:${email}`;
	const byAddress = address ? signInFailuresByAddress() : null;
	if (byAddress && address) {
		const verdict = await byAddress.attempt(address);
		if (!verdict.allowed)
			throw new DomainError('rate_limited', { seconds: retryAfterSeconds(verdict) });
	}
	/** Not a failure after all (the password was right, or it was never checked). */
	const forgive = async () => {
		if (byAddress && address) await byAddress.forgive(address);
	};
	if ((await countAttempt(db, key, now)) === null) {
		await forgive();
		throw new DomainError('rate_limited', { seconds: await secondsToWait(db, key, now) });
	}

	const facilitator = await db
		.selectFrom('facilitator')
		.selectAll()
		.where('email', '=', email)
		.executeTakeFirst();
	// Verify against a real hash even for unknown users so both paths take the same time.
	const ok = await verifyPassword(facilitator?.password_hash ?? DUMMY_HASH, password);
	if (!facilitator || !ok) throw new DomainError('bad_credentials');
	await db.deleteFrom('login_throttle').where('key', '=', key).execute();
	await forgive();
	return facilitator;
}

// argon2id hash of a random string, used only to spend the same time on unknown accounts.
const DUMMY_HASH =
	'$argon2id$v=19$m=65536,t=3,p=4$AjSCQ2ITDTYN9x/nrHuugA$47jqh+fFhOcm998inicOOUdvAf6tQ22kFeC2BIcuVbU';
