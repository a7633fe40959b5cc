import path from 'node:path';
import { configuredPublicUrl } from './http/public-address.js';

/**
 * Configuration from the environment, read once. Plain `process.env` (not `$env`) so the
 * same modules run in the server, the tests and the command-line scripts.
 */
export interface AppConfig {
	/** The SQLite file (DATABASE_PATH): the embedded default, and where the projector secret is kept. */
	databasePath: string;
	/** A PostgreSQL server (DATABASE_URL, `postgres://…`) used instead of the SQLite file. */
	databaseUrl: string | null;
	adminEmail: string | null;
	adminPassword: string | null;
	/** Public base URL used in join links and QR codes; else the request's own origin. */
	publicUrl: string | null;
	/** The address the server listens on (HOST): a loopback one means phones cannot reach it. */
	listenHost: string;
	/** Extra origins allowed to open sockets and call the JSON API (comma-separated). */
	allowedOrigins: string[];
	sessionDays: number;
	limits: LimitsConfig;
	/** How long the logs are kept (see README, "Limits and abuse"). */
	retention: RetentionConfig;
	/**
	 * The secret projector keys are derived from (SCREEN_KEY_SECRET); null: a random one kept
	 * in a file beside the database (see concertation/screen-key.ts).
	 */
	screenKeySecret: string | null;
}

/** Abuse limits; every figure is an environment variable (README, "Limits and abuse"). */
export interface LimitsConfig {
	/** Failed sign-ins from one client address per hour, whatever the e-mail addresses. */
	signInFailuresPerAddress: number;
	/** Unknown join codes looked up from one address, then from one network, per window. */
	joinFailuresPerAddress: number;
	joinFailuresPerNetwork: number;
	joinFailureWindowSeconds: number;
	/** Commands (and `sync`) from a phone or the projector: per connection and per participant. */
	commandsPerSecond: number;
	commandBurst: number;
	/** The same for a facilitator's console, per connection. */
	consoleCommandsPerSecond: number;
	consoleCommandBurst: number;
	/** Participants who may join one concertation. */
	maxParticipants: number;
}

export interface RetentionConfig {
	/** Idempotency answers: kept while their concertation is live, then this long. */
	commandLogHours: number;
	/** Audit log entries. */
	auditLogDays: number;
}

/** A positive whole number from the environment, or the default when unset or unusable. */
function positive(value: string | undefined, fallback: number): number {
	const number = Number(value);
	return value !== undefined && value.trim() !== '' && Number.isFinite(number) && number > 0
		? Math.floor(number)
		: fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
	const list = (value: string | undefined) =>
		(value ?? '')
			.split(',')
			.map((entry) => entry.trim().replace(/\/$/, ''))
			.filter(Boolean);
	const publicUrl = configuredPublicUrl(env);
	return {
		databasePath: path.resolve(env.DATABASE_PATH?.trim() || './data/concertation.sqlite'),
		databaseUrl: env.DATABASE_URL?.trim() || null,
		adminEmail: env.ADMIN_EMAIL?.trim().toLowerCase() || null,
		adminPassword: env.ADMIN_PASSWORD || null,
		publicUrl,
		listenHost: env.HOST?.trim() ?? '0.0.0.0',
		allowedOrigins: [...list(env.ALLOWED_ORIGINS), ...(publicUrl ? [publicUrl] : [])],
		sessionDays: Number(env.SESSION_DAYS) > 0 ? Number(env.SESSION_DAYS) : 14,
		limits: {
			signInFailuresPerAddress: positive(env.SIGN_IN_FAILURES_PER_ADDRESS, 50),
			joinFailuresPerAddress: positive(env.JOIN_FAILURES_PER_ADDRESS, 30),
			joinFailuresPerNetwork: positive(env.JOIN_FAILURES_PER_NETWORK, 100),
			joinFailureWindowSeconds: positive(env.JOIN_FAILURE_WINDOW_SECONDS, 60),
			commandsPerSecond: positive(env.COMMANDS_PER_SECOND, 10),
			commandBurst: positive(env.COMMAND_BURST, 30),
			consoleCommandsPerSecond: positive(env.CONSOLE_COMMANDS_PER_SECOND, 50),
			consoleCommandBurst: positive(env.CONSOLE_COMMAND_BURST, 200),
			maxParticipants: positive(env.MAX_PARTICIPANTS, 5000)
		},
		retention: {
			commandLogHours: positive(env.COMMAND_LOG_HOURS, 24),
			auditLogDays: positive(env.AUDIT_LOG_DAYS, 365)
		},
		screenKeySecret: env.SCREEN_KEY_SECRET?.trim() || null
	};
}

export const config = readConfig();
