/**
 * Reads that the many connections of a storm (thousands of phones reconnecting after a Wi-Fi
 * blip) would each make on their own, made once for all those asking at the same moment. On
 * PostgreSQL every query is a round trip; on SQLite, Kysely's building of it costs more than
 * the read. A shared read is never older than one started when it was asked.
 */

/**
 * One read per key at a time: who asks while it runs gets its answer (the concertation's
 * row, the part that runs now).
 */
export class InFlightReads<K, V> {
	private readonly running = new Map<K, Promise<V>>();

	read(key: K, read: () => Promise<V>): Promise<V> {
		let answer = this.running.get(key);
		if (!answer) {
			answer = read().finally(() => this.running.delete(key));
			this.running.set(key, answer);
		}
		return answer;
	}
}

/**
 * Keys asked for during one turn of the event loop (and while the previous batch is read)
 * read together by `readMany`, which answers a map (a key it leaves out: `undefined`):
 * a storm's participants found by their tokens with one query per batch.
 */
export class BatchedReads<K, V> {
	private waiting = new Map<
		K,
		{ resolve: (value: V | undefined) => void; reject: (error: unknown) => void }[]
	>();
	private reading = false;

	constructor(
		private readonly readMany: (keys: K[]) => Promise<Map<K, V>>,
		/** Keys per read at most (an `in (…)` list's length). */
		private readonly perRead = 500
	) {}

	read(key: K): Promise<V | undefined> {
		const answer = new Promise<V | undefined>((resolve, reject) => {
			const waiting = this.waiting.get(key) ?? [];
			waiting.push({ resolve, reject });
			this.waiting.set(key, waiting);
		});
		if (!this.reading) {
			this.reading = true;
			setImmediate(() => void this.readWaiting());
		}
		return answer;
	}

	private async readWaiting(): Promise<void> {
		while (this.waiting.size > 0) {
			const batch = this.waiting;
			this.waiting = new Map();
			const keys = [...batch.keys()];
			try {
				for (let start = 0; start < keys.length; start += this.perRead) {
					const chunk = keys.slice(start, start + this.perRead);
					const values = await this.readMany(chunk);
					for (const key of chunk)
						for (const { resolve } of batch.get(key)!) resolve(values.get(key));
				}
			} catch (error) {
				// Those already answered keep their answer; the others get the error.
				for (const waiting of batch.values()) for (const { reject } of waiting) reject(error);
			}
		}
		this.reading = false;
	}
}
