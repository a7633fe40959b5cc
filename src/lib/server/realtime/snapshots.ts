import type { Audience, Sections, SelfView, Snapshot } from '../../protocol';
import { dialectOf, preparedStatements, type Db } from '../db';
import type { Concertation } from '../db/schema';
import { findConcertation } from '../concertation/store';
import { BatchedReads, InFlightReads } from '../db/shared-reads';
import type { SocketData } from './handshake';
import { buildSections, buildSelves } from './sections';

/**
 * How long phones and projectors that (re)connect share one build of the sections, at one
 * version of the concertation: the counts of who is connected (not versioned) may be this
 * old in a snapshot, and updates follow anyway.
 */
const SHARED_FOR_MS = 1000;

interface SharedSections {
	version: number;
	builtAt: number;
	built: Promise<{ concertation: Concertation; sections: Partial<Sections> } | null>;
}

/**
 * What a (re)connecting device is sent: the sections its audience may see, and a
 * participant's own view. The sections of phones and projectors are the same for all of
 * them at one version, so they are built once per concertation version (and at most once a
 * second), not once per connection: after a Wi-Fi blip, 2,000 phones reconnecting cost one
 * build, not 2,000. A facilitator's are built for each console (they are few).
 */
export class Snapshots {
	private readonly shared = new Map<string, SharedSections>();
	private readonly versionReads = new InFlightReads<number, number | undefined>();
	private readonly selves: BatchedReads<number, SelfView>;

	constructor(private readonly db: Db) {
		this.selves = new BatchedReads(async (ids) => {
			const participants = await db
				.selectFrom('participant')
				.selectAll()
				.where('id', 'in', ids)
				.execute();
			const selves = await buildSelves(db, participants);
			return new Map(participants.map((participant, index) => [participant.id, selves[index]!]));
		});
	}

	/**
	 * `versionNow`: the concertation's version as it was just read (the connection's handshake
	 * read it a moment ago), else it is read again (a `sync`, long after the handshake).
	 */
	async build(
		data: Pick<SocketData, 'concertation' | 'audience' | 'actor'>,
		versionNow?: number
	): Promise<Snapshot | null> {
		const audience = data.audience;
		const got =
			audience === 'facilitator'
				? await this.buildNow(data.concertation.id, audience)
				: versionNow !== undefined
					? await this.sharedAt(data.concertation.id, audience, versionNow)
					: await this.sharedSections(data.concertation.id, audience);
		if (!got) return null;
		const self =
			data.actor.kind === 'participant' ? await this.selfOf(data.actor.participantId) : null;
		return {
			concertationId: got.concertation.id,
			audience,
			version: got.concertation.version,
			serverNow: Date.now(),
			sections: got.sections,
			self
		};
	}

	/**
	 * A participant's own view (null: gone). The views asked for while one batch is built are
	 * built together next, one query per table for all of them: a reconnect storm's phones
	 * share their reads as they share the sections.
	 */
	private async selfOf(participantId: number): Promise<SelfView | null> {
		return (await this.selves.read(participantId)) ?? null;
	}

	/**
	 * What the projector shows, for a remote participant's devices: the very build the
	 * projectors share (one per version), without anyone's own view.
	 */
	async screen(concertationId: number): Promise<Snapshot | null> {
		const got = await this.sharedSections(concertationId, 'screen');
		if (!got) return null;
		return {
			concertationId: got.concertation.id,
			audience: 'screen',
			version: got.concertation.version,
			serverNow: Date.now(),
			sections: got.sections,
			self: null
		};
	}

	private sharedSections(concertationId: number, audience: Audience) {
		if (dialectOf(this.db) !== 'sqlite')
			return this.versionNow(concertationId).then((version) =>
				this.sharedAt(concertationId, audience, version)
			);
		const version = (
			preparedStatements(this.db)('select version from concertation where id = ?').get(
				concertationId
			) as { version: number } | undefined
		)?.version;
		return this.sharedAt(concertationId, audience, version);
	}

	/** The build shared by every connection that asks for this version (undefined: gone). */
	private sharedAt(concertationId: number, audience: Audience, version: number | undefined) {
		const key = `${concertationId}:${audience}`;
		if (version === undefined) return Promise.resolve(null);
		const cached = this.shared.get(key);
		if (cached && cached.version === version && Date.now() - cached.builtAt < SHARED_FOR_MS)
			return cached.built;
		const built = this.buildNow(concertationId, audience);
		this.forgetOld();
		this.shared.set(key, { version, builtAt: Date.now(), built });
		// A failed build is not kept for the next connection.
		built.catch(() => this.shared.delete(key));
		return built;
	}

	/**
	 * PostgreSQL: the concertation's version, read once for all the connections asking at the
	 * same moment (a reconnect storm), so that they all find the one build `sharedAt` keeps.
	 */
	private versionNow(concertationId: number): Promise<number | undefined> {
		return this.versionReads.read(concertationId, () =>
			this.db
				.selectFrom('concertation')
				.select('version')
				.where('id', '=', concertationId)
				.executeTakeFirst()
				.then((row) => row?.version)
		);
	}

	/** Builds no longer shared are dropped: finished concertations hold no memory. */
	private forgetOld(): void {
		const now = Date.now();
		for (const [key, entry] of this.shared)
			if (now - entry.builtAt >= SHARED_FOR_MS) this.shared.delete(key);
	}

	/** Every section the audience may see, read in one consistent transaction. */
	private buildNow(concertationId: number, audience: Audience) {
		return this.db.transaction().execute(async (tx) => {
			const concertation = await findConcertation(tx, concertationId);
			if (!concertation) return null;
			return { concertation, sections: await buildSections(tx, concertation, audience) };
		});
	}
}
