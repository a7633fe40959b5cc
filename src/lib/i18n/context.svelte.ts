import { createContext } from 'svelte';
import { translator, type TFunction } from './index';
import type { Locale } from './locales';

/** The interface language of the page, shared down the component tree. */
export class I18n {
	locale = $state<Locale>('fr');
	readonly t: TFunction = $derived(translator(this.locale));

	constructor(locale: Locale) {
		this.locale = locale;
	}

	/** Bilingual content in the reader's language, French when that text is missing. */
	pick(text: { fr: string; nl: string; en?: string }): string {
		const value = this.locale === 'en' ? text.en || text.fr : text[this.locale];
		return value || text.fr || text.nl;
	}
}

export const [getI18n, setI18n] = createContext<I18n>();
