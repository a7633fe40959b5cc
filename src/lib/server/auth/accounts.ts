import { z } from 'zod';
import type { Db } from '../db';
import type { Facilitator, FacilitatorRole } from '../db/schema';
import { DomainError } from '../errors';
import { requireFacilitatorAccount } from './actor';
import { authenticate, createFacilitator, emailSchema } from './facilitators';
import {
	generatePassword,
	hashPassword,
	PASSWORD_MAX_LENGTH,
	PASSWORD_MIN_LENGTH
} from './passwords';
import { sessionsEnded } from './sessions';
import { hashToken } from './tokens';

/**
 * Accounts, managed from the app by facilitators: facilitators run sessions, coordinators
 * review and export the restitutions of their series. A new or reset password is generated,
 * shown once to the facilitator who asked, and kept only as an argon2id hash: nobody can read
 * one back, so a forgotten one is reset, which also signs the account out everywhere.
 */

export interface AccountView {
	id: number;
	email: string;
	displayName: string;
	role: FacilitatorRole;
	createdAt: string;
	/** The account looking at the list: it cannot remove or reset itself here. */
	self: boolean;
}

/** An account and the password to hand over, which is never shown again. */
export interface IssuedPassword {
	email: string;
	password: string;
}

export const DISPLAY_NAME_MAX = 80;

const newAccountSchema = z.object({
	email: emailSchema,
	displayName: z.string().trim().max(DISPLAY_NAME_MAX).default(''),
	role: z.enum(['facilitator', 'coordinator'])
});

export async function listAccounts(db: Db, viewer: Facilitator): Promise<AccountView[]> {
	requireFacilitatorAccount(viewer);
	const rows = await db
		.selectFrom('facilitator')
		.select(['id', 'email', 'display_name', 'role', 'created_at'])
		.orderBy('role', 'desc')
		.orderBy('email')
		.execute();
	return rows.map((row) => ({
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		role: row.role,
		createdAt: row.created_at,
		self: row.id === viewer.id
	}));
}

export async function addAccount(
	db: Db,
	actor: Facilitator,
	rawInput: unknown
): Promise<IssuedPassword> {
	requireFacilitatorAccount(actor);
	const input = newAccountSchema.parse(rawInput);
	const password = generatePassword();
	const account = await createFacilitator(db, { ...input, password });
	console.info(`account ${account.email} (${account.role}) created by facilitator ${actor.id}`);
	return { email: account.email, password };
}

/** The account another facilitator manages; never the one asking (see changeOwnPassword). */
async function otherAccount(db: Db, actor: Facilitator, accountId: number, ownCode: string) {
	requireFacilitatorAccount(actor);
	if (accountId === actor.id) throw new DomainError(ownCode);
	const account = await db
		.selectFrom('facilitator')
		.select(['id', 'email'])
		.where('id', '=', accountId)
		.executeTakeFirst();
	if (!account) throw new DomainError('not_found');
	return account;
}

export async function resetPassword(
	db: Db,
	actor: Facilitator,
	accountId: number
): Promise<IssuedPassword> {
	const account = await otherAccount(db, actor, accountId, 'reset_own_password');
	const password = generatePassword();
	await replacePassword(db, account.id, password, null);
	console.info(`password of account ${account.email} reset by facilitator ${actor.id}`);
	return { email: account.email, password };
}

/**
 * Removes an account: its sessions and series memberships go with it (foreign keys), what it
 * created stays, unsigned. A facilitator cannot remove themselves, so one always remains.
 */
export async function removeAccount(db: Db, actor: Facilitator, accountId: number) {
	const account = await otherAccount(db, actor, accountId, 'remove_own_account');
	const ended = await db.transaction().execute(async (tx) => {
		const sessions = await tx
			.deleteFrom('auth_session')
			.where('facilitator_id', '=', account.id)
			.returning('token_hash')
			.execute();
		await tx.deleteFrom('facilitator').where('id', '=', account.id).execute();
		return sessions;
	});
	sessionsEnded(ended.map((session) => session.token_hash));
	console.info(`account ${account.email} removed by facilitator ${actor.id}`);
	return { email: account.email };
}

const passwordChangeSchema = z.object({
	current: z.string().max(PASSWORD_MAX_LENGTH),
	next: z.string(),
	confirm: z.string()
});

/**
 * Any account changes its own password by giving the current one (throttled like a sign-in,
 * so this form cannot be used to guess it). Every other session of the account ends; the one
 * it was changed from stays signed in.
 */
export async function changeOwnPassword(
	db: Db,
	account: Facilitator,
	currentSessionToken: string | null,
	rawInput: unknown
): Promise<void> {
	const input = passwordChangeSchema.parse(rawInput);
	if (input.next.length < PASSWORD_MIN_LENGTH || input.next.length > PASSWORD_MAX_LENGTH)
		throw new DomainError('password_length', {
			field: 'next',
			min: PASSWORD_MIN_LENGTH,
			max: PASSWORD_MAX_LENGTH
		});
	if (input.next !== input.confirm)
		throw new DomainError('password_mismatch', { field: 'confirm' });
	try {
		await authenticate(db, account.email, input.current);
	} catch (error) {
		if (error instanceof DomainError && error.code === 'bad_credentials')
			throw new DomainError('wrong_password', { field: 'current' });
		throw error;
	}
	await replacePassword(db, account.id, input.next, currentSessionToken);
}

/**
 * Stores a new password and ends the account's sessions, but `keptSessionToken`'s, in one
 * transaction; then disconnects the ended sessions' consoles.
 */
async function replacePassword(
	db: Db,
	accountId: number,
	password: string,
	keptSessionToken: string | null
): Promise<void> {
	const hash = await hashPassword(password);
	const ended = await db.transaction().execute(async (tx) => {
		await tx
			.updateTable('facilitator')
			.set({ password_hash: hash })
			.where('id', '=', accountId)
			.execute();
		return tx
			.deleteFrom('auth_session')
			.where('facilitator_id', '=', accountId)
			.where('token_hash', '!=', keptSessionToken ? hashToken(keptSessionToken) : '')
			.returning('token_hash')
			.execute();
	});
	sessionsEnded(ended.map((session) => session.token_hash));
}
