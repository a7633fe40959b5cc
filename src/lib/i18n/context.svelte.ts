import { createContext } from 'svelte';
import { translator, type TFunction } from './index';
import type { Locale } from './locales';

/** The interface language of the page, shared down the component tree. */
export class I18n {
	locale = $state<Locale>('fr');
	readonly t: TFunction = $derived(translator(this.locale));
	/**
	 * The content languages of the concertation the page shows (protocol/localized.ts), set by
	 * pages that show its texts in one language (phones): texts are then picked in the
	 * interface language when it is one of them, else in the main one. Unset: the reader's.
	 */
	content = $state<readonly Locale[] | undefined>(undefined);

	constructor(locale: Locale) {
		this.locale = locale;
	}

	/** The language a text is read in on this page (see `content`). */
	get reading(): Locale {
		if (!this.content || this.content.includes(this.locale)) return this.locale;
		return this.content[0] ?? this.locale;
	}

	/** Content in the reading language, else in the other content languages, else any. */
	pick(text: { fr: string; nl: string; en?: string }): string {
		const first = this.reading;
		const order: Locale[] = [first, ...(this.content ?? []), 'fr', 'nl', 'en'];
		for (const lang of order) if (text[lang]) return text[lang] ?? '';
		return '';
	}
}

export const [getI18n, setI18n] = createContext<I18n>();
