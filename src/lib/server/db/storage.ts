/**
 * When the disk is full or failing, every write fails the same way, thousands of times a
 * minute during a session. Those failures are not bugs: people get a translated
 * `storage_unavailable` (503) and keep what was already stored; `/healthz` answers 503 while
 * it lasts; and the log gets one line when it starts, then one line a minute with a count,
 * never a stack trace per failed write.
 */

/**
 * SQLite's codes for a store that cannot take writes (full, I/O errors, read-only, file gone
 * or damaged), and the system's for the same reasons (e.g. writing the screen key secret).
 */
const STORAGE_CODE =
	/^(SQLITE_(FULL|IOERR|READONLY|CANTOPEN|NOLFS|CORRUPT|NOTADB)|ENOSPC|EDQUOT|EROFS|EIO)/;

export function isStorageFailure(error: unknown): boolean {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && STORAGE_CODE.test(code);
}

/** How long after the last failed write `/healthz` still answers 503. */
const FAILING_FOR_MS = 30_000;
/** Repeated failures are counted and logged once per interval. */
const LOG_INTERVAL_MS = 60_000;

class StorageFailures {
	private lastFailureAt = 0;
	private repeated = 0;
	private lastDescription = '';
	private timer: NodeJS.Timeout | null = null;

	/** Notes a failure; logs the first of a series at once, the others once a minute, counted. */
	report(error: unknown, where: string): void {
		this.lastFailureAt = Date.now();
		const code = (error as { code?: string }).code ?? 'storage';
		const message = error instanceof Error ? error.message : String(error);
		this.lastDescription = `${code}: ${message}`;
		if (this.timer) {
			this.repeated += 1;
			return;
		}
		console.error(
			`Storage failure (${this.lastDescription}) during ${where}. ` +
				'Writes are refused with storage_unavailable until it is fixed (free some disk space?); ' +
				'further failures are counted once a minute.'
		);
		this.startInterval();
	}

	private startInterval(): void {
		this.timer = setTimeout(() => {
			this.timer = null;
			if (this.repeated === 0) return;
			console.error(
				`Storage failures: ${this.repeated} more in the last minute (last: ${this.lastDescription})`
			);
			this.repeated = 0;
			this.startInterval();
		}, LOG_INTERVAL_MS);
		this.timer.unref();
	}

	/** Whether a write failed for a storage reason in the last half minute. */
	failingRecently(now = Date.now()): boolean {
		return now - this.lastFailureAt < FAILING_FOR_MS;
	}
}

/** One per process: every path that writes reports here, `/healthz` reads it. */
export const storageFailures = new StorageFailures();
