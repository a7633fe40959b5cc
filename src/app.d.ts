import type { Locale } from '$lib/i18n/locales';
import type { Db } from '$lib/server/db';
import type { Facilitator } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: string;
		}
		interface Locals {
			db: Db;
			locale: Locale;
			facilitator: Facilitator | null;
			/** The signed-in account's session token (cookie or bearer), to keep it when others end. */
			sessionToken: string | null;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
