import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales';
import { NAMESPACES, resources } from './resources';

export type { TFunction } from 'i18next';
export * from './locales';

// One instance for the whole process, never switched with changeLanguage(): concurrent
// requests in different languages each take their own fixed `t` from it.
const instance = i18next.createInstance();
void instance.init({
	resources,
	supportedLngs: [...LOCALES],
	fallbackLng: DEFAULT_LOCALE,
	ns: NAMESPACES,
	defaultNS: 'common',
	// Svelte escapes on output; escaping here too would show &amp; to users.
	interpolation: { escapeValue: false },
	initAsync: false,
	returnNull: false
});

/** A translation function bound to one locale (and optionally one namespace). */
export function translator(locale: Locale, namespace?: string): TFunction {
	return instance.getFixedT(locale, namespace ?? 'common');
}

export function hasTranslation(key: string, locale: Locale): boolean {
	return instance.exists(key, { lng: locale, fallbackLng: false });
}
