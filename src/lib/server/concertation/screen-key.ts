import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { actorKey } from '../auth/actor';
import { config } from '../config';
import type { Concertation } from '../db/schema';
import { announceScreenKeyEnded, registerCommands } from '../realtime/commands';

/**
 * The projector's key: whoever has the link `/s/<id>?key=…` sees what the room sees, without
 * an account (a venue's computer on the projector). The database keeps no key and no hash of
 * one, only a random `screen_key_nonce`; the key is derived from it and the concertation's id
 * with a server secret (HMAC-SHA256). So a copy of the database or of a backup opens no
 * projector, while the console can still show the link at any time. Rotating the key (a new
 * nonce) ends every projector opened with the old link; anonymising the participants or
 * deleting the concertation ends it for good (no nonce, no key).
 *
 * The secret is SCREEN_KEY_SECRET when set (several instances must share it), else 32 random
 * bytes kept in `screen-keys.secret` beside the database file, created on first start and
 * never in a backup (`npm run backup` copies the database only). Losing it (a restore on
 * another machine) only changes every projector link: the console shows the new ones.
 */

const SECRET_FILE = 'screen-keys.secret';
let secret: Buffer | null = null;

/** Reads or creates the secret; boot() calls it so that an unwritable folder stops the start. */
export function loadScreenKeySecret(): Buffer {
	if (secret) return secret;
	if (config.screenKeySecret) {
		secret = Buffer.from(config.screenKeySecret, 'utf8');
	} else if (config.databasePath === ':memory:') {
		secret = randomBytes(32);
	} else {
		const file = path.join(path.dirname(config.databasePath), SECRET_FILE);
		try {
			fs.writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		secret = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'utf8');
		if (secret.length < 16) throw new Error(`${file} is too short to be a secret: delete it`);
	}
	return secret;
}

/** A fresh nonce: the next key. */
export function newScreenKeyNonce(): string {
	return randomBytes(16).toString('base64url');
}

type Keyed = Pick<Concertation, 'id' | 'screen_key_nonce'>;

/** The projector key of a concertation, or null once it has been ended. */
export function screenKeyOf(concertation: Keyed): string | null {
	if (!concertation.screen_key_nonce) return null;
	return createHmac('sha256', loadScreenKeySecret())
		.update(`screen:${concertation.id}:${concertation.screen_key_nonce}`)
		.digest('base64url');
}

/** Whether `key` opens this concertation's projector (compared in constant time). */
export function screenKeyMatches(concertation: Keyed, key: unknown): key is string {
	const expected = screenKeyOf(concertation);
	if (!expected || typeof key !== 'string' || key.length !== expected.length) return false;
	return timingSafeEqual(Buffer.from(key), Buffer.from(expected));
}

/** The projector's address for the console: with the key, else (ended) for signed-in facilitators. */
export function screenPath(concertation: Keyed): string {
	const key = screenKeyOf(concertation);
	return key ? `/s/${concertation.id}?key=${encodeURIComponent(key)}` : `/s/${concertation.id}`;
}

registerCommands({
	'screen.rotateKey': {
		allow: ['facilitator'],
		async run({ tx, concertation, actor, now }) {
			await tx
				.updateTable('concertation')
				.set({ screen_key_nonce: newScreenKeyNonce() })
				.where('id', '=', concertation.id)
				.execute();
			// No section changes, so the command path writes no audit entry: this one says who
			// ended the projectors' link, and when.
			await tx
				.insertInto('event_log')
				.values({
					concertation_id: concertation.id,
					actor: actorKey(actor),
					type: 'screen.rotateKey',
					payload_json: '{}',
					version: concertation.version,
					created_at: now.toISOString()
				})
				.execute();
			// Nothing any audience sees changes (the key is in no section), and the answer holds
			// no key: it is kept in the command log, and the console reads the new link itself.
			return {
				result: {},
				changed: [],
				afterCommit: () => announceScreenKeyEnded(concertation.id)
			};
		}
	}
});
