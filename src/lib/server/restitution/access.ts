/**
 * Who may read a restitution, and who may edit it:
 * - a facilitator (role 'facilitator'): every concertation; reads and edits;
 * - a coordinator: the concertations of the series they follow; reads and edits;
 * - anyone holding a live share link of that concertation: reads only.
 * Anonymous requests without a valid link are refused (401); a revoked or unknown link is
 * "not found", so a link reveals nothing once revoked.
 */
import type { RestitutionDb } from './schema';
import { hashToken, randomToken } from '../auth/tokens';
import { nowIso } from '../db';
import type { Concertation, Facilitator } from '../db/schema';
import { DomainError } from '../errors';
import type { ShareLinkView } from '../../protocol/summary';

export type RestitutionAccess =
	| { kind: 'facilitator' | 'coordinator'; account: Facilitator; canEdit: true }
	| { kind: 'share'; shareId: number; canEdit: false };

/** Series a coordinator follows. */
export async function seriesOfCoordinator(
	db: RestitutionDb,
	facilitatorId: number
): Promise<number[]> {
	const rows = await db
		.selectFrom('series_coordinator')
		.select('series_id')
		.where('facilitator_id', '=', facilitatorId)
		.execute();
	return rows.map((row) => row.series_id);
}

/** True when this account may read and edit this concertation's restitution. */
export async function accountCanReview(
	db: RestitutionDb,
	account: Facilitator,
	concertation: Pick<Concertation, 'series_id'>
): Promise<boolean> {
	if (account.role === 'facilitator') return true;
	if (concertation.series_id === null) return false;
	const membership = await db
		.selectFrom('series_coordinator')
		.select('series_id')
		.where('facilitator_id', '=', account.id)
		.where('series_id', '=', concertation.series_id)
		.executeTakeFirst();
	return membership !== undefined;
}

/** A share token's format: what randomToken() makes (43 base64url characters). */
const SHARE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function liveShare(db: RestitutionDb, concertationId: number, token: string) {
	if (!SHARE_TOKEN.test(token)) return undefined;
	return db
		.selectFrom('restitution_share')
		.select('id')
		.where('token_hash', '=', hashToken(token))
		.where('concertation_id', '=', concertationId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
}

/** The concertation a live share link opens, from the token alone (the `/r/share/<token>` path). */
export async function concertationOfShare(
	db: RestitutionDb,
	token: string
): Promise<number | undefined> {
	if (!SHARE_TOKEN.test(token)) return undefined;
	const row = await db
		.selectFrom('restitution_share')
		.select('concertation_id')
		.where('token_hash', '=', hashToken(token))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row?.concertation_id;
}

export async function resolveAccess(
	db: RestitutionDb,
	account: Facilitator | null,
	concertation: Concertation,
	shareToken: string | null
): Promise<RestitutionAccess> {
	if (account && (await accountCanReview(db, account, concertation))) {
		return { kind: account.role, account, canEdit: true };
	}
	if (shareToken) {
		const share = await liveShare(db, concertation.id, shareToken);
		if (share) return { kind: 'share', shareId: share.id, canEdit: false };
		throw new DomainError('not_found');
	}
	throw new DomainError(account ? 'forbidden' : 'unauthenticated');
}

export async function listShares(
	db: RestitutionDb,
	concertationId: number
): Promise<ShareLinkView[]> {
	const rows = await db
		.selectFrom('restitution_share')
		.select(['id', 'created_at', 'revoked_at'])
		.where('concertation_id', '=', concertationId)
		.orderBy('id', 'desc')
		.execute();
	return rows.map((row) => ({ id: row.id, createdAt: row.created_at, revokedAt: row.revoked_at }));
}

/** Makes a new link; the token is returned once and only its hash is kept. */
export async function createShare(
	db: RestitutionDb,
	concertationId: number,
	account: Facilitator
): Promise<{ id: number; token: string }> {
	const token = randomToken();
	const row = await db.transaction().execute(async (tx) => {
		const inserted = await tx
			.insertInto('restitution_share')
			.values({
				concertation_id: concertationId,
				token_hash: hashToken(token),
				created_by: account.id,
				created_at: nowIso(),
				revoked_at: null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit(tx, concertationId, account, 'restitution.share.create', { shareId: inserted.id });
		return inserted;
	});
	return { id: row.id, token };
}

export async function revokeShare(
	db: RestitutionDb,
	concertationId: number,
	account: Facilitator,
	shareId: number
): Promise<void> {
	await db.transaction().execute(async (tx) => {
		const updated = await tx
			.updateTable('restitution_share')
			.set({ revoked_at: nowIso() })
			.where('id', '=', shareId)
			.where('concertation_id', '=', concertationId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) throw new DomainError('not_found');
		await audit(tx, concertationId, account, 'restitution.share.revoke', { shareId });
	});
}

/**
 * The audit trail of restitution changes. They do not change the live session, so the
 * concertation's version (which makes every screen resync) is left alone.
 */
export async function audit(
	db: RestitutionDb,
	concertationId: number,
	account: Facilitator,
	type: string,
	payload: Record<string, unknown>
): Promise<void> {
	const concertation = await db
		.selectFrom('concertation')
		.select('version')
		.where('id', '=', concertationId)
		.executeTakeFirstOrThrow();
	await db
		.insertInto('event_log')
		.values({
			concertation_id: concertationId,
			actor: `f:${account.id}`,
			type,
			payload_json: JSON.stringify(payload),
			version: concertation.version,
			created_at: nowIso()
		})
		.execute();
}
