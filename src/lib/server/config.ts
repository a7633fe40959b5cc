import path from 'node:path';
import { configuredPublicUrl } from './http/public-address.js';

/**
 * Configuration from the environment, read once. Plain `process.env` (not `$env`) so the
 * same modules run in the server, the tests and the command-line scripts.
 */
export interface AppConfig {
	databasePath: string;
	adminEmail: string | null;
	adminPassword: string | null;
	/** Public base URL used in join links and QR codes; else the request's own origin. */
	publicUrl: string | null;
	/** The address the server listens on (HOST): a loopback one means phones cannot reach it. */
	listenHost: string;
	/** Extra origins allowed to open sockets and call the JSON API (comma-separated). */
	allowedOrigins: string[];
	sessionDays: number;
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
		adminEmail: env.ADMIN_EMAIL?.trim().toLowerCase() || null,
		adminPassword: env.ADMIN_PASSWORD || null,
		publicUrl,
		listenHost: env.HOST?.trim() ?? '0.0.0.0',
		allowedOrigins: [...list(env.ALLOWED_ORIGINS), ...(publicUrl ? [publicUrl] : [])],
		sessionDays: Number(env.SESSION_DAYS) > 0 ? Number(env.SESSION_DAYS) : 14
	};
}

export const config = readConfig();
