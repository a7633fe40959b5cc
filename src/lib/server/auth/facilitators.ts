import { z } from 'zod';
import type { Db } from '../db';
import { nowIso } from '../db';
import type { Facilitator, FacilitatorRole } from '../db/schema';
import { DomainError } from '../errors';
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
 * Checks credentials. Repeated failures for one address are slowed down (persisted, so a
 * restart does not reset them): after three, each attempt must wait 2, 4, 8 … seconds.
 * Unknown addresses are throttled and hashed just like known ones, so timing reveals nothing.
 */
export async function authenticate(
	db: Db,
	rawEmail: string,
	password: string,
	now = new Date()
): Promise<Facilitator> {
	const email = rawEmail.trim().toLowerCase().slice(0, 254);
	const key = `email:${email}`;
	const throttle = await db
		.selectFrom('login_throttle')
		.selectAll()
		.where('key', '=', key)
		.executeTakeFirst();
	const lastFailure = throttle ? Date.parse(throttle.last_failure_at) : 0;
	const failures =
		throttle && now.getTime() - lastFailure < FORGET_AFTER_MS ? throttle.failures : 0;
	const waitUntil = lastFailure + throttleDelaySeconds(failures) * 1000;
	if (failures > 0 && now.getTime() < waitUntil) {
		throw new DomainError('rate_limited', {
			seconds: Math.ceil((waitUntil - now.getTime()) / 1000)
		});
	}

	const facilitator = await db
		.selectFrom('facilitator')
		.selectAll()
		.where('email', '=', email)
		.executeTakeFirst();
	// Verify against a real hash even for unknown users so both paths take the same time.
	const ok = await verifyPassword(facilitator?.password_hash ?? DUMMY_HASH, password);
	if (!facilitator || !ok) {
		await db
			.insertInto('login_throttle')
			.values({ key, failures: failures + 1, last_failure_at: now.toISOString() })
			.onConflict((oc) =>
				oc.column('key').doUpdateSet({ failures: failures + 1, last_failure_at: now.toISOString() })
			)
			.execute();
		throw new DomainError('bad_credentials');
	}
	await db.deleteFrom('login_throttle').where('key', '=', key).execute();
	return facilitator;
}

// argon2id hash of a random string, used only to spend the same time on unknown accounts.
const DUMMY_HASH =
	'$argon2id$v=19$m=65536,t=3,p=4$AjSCQ2ITDTYN9x/nrHuugA$47jqh+fFhOcm998inicOOUdvAf6tQ22kFeC2BIcuVbU';
