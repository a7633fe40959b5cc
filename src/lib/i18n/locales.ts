/** The languages of the interface. French first: it is the fallback everywhere. */
export const LOCALES = ['fr', 'nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** The two languages in which organisers write bilingual content. */
export const CONTENT_LOCALES = ['fr', 'nl'] as const;

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tags for Intl: Brussels conventions for fr and nl, British for en (24 h clock). */
export const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/**
 * Picks the interface language: an explicit choice wins, then the browser's
 * Accept-Language (by quality), then French.
 */
export function negotiateLocale(
	choice: string | null | undefined,
	acceptLanguage: string | null
): Locale {
	if (isLocale(choice)) return choice;
	if (acceptLanguage) {
		const ranked = acceptLanguage
			.split(',')
			.map((part, index) => {
				const [tag = '', ...params] = part.trim().split(';');
				const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
				const quality = q ? Number(q.slice(2)) : 1;
				return {
					base: tag.toLowerCase().split('-')[0],
					quality: Number.isFinite(quality) ? quality : 0,
					index
				};
			})
			.filter((entry) => entry.quality > 0)
			.sort((a, b) => b.quality - a.quality || a.index - b.index);
		for (const entry of ranked) if (isLocale(entry.base)) return entry.base;
	}
	return DEFAULT_LOCALE;
}
