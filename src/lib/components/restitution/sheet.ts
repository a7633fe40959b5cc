/**
 * What the HTML preview of the restitution (RestitutionPreview.svelte) and each phase kind's
 * part of it (`Summary` in `components/phases/<kind>/`) share: the restitution's labels in the
 * document's languages whatever the page's language (`documentLanguages` of the model, as the
 * exports print them: French and Dutch unless the concertation chose others), short dates,
 * and a part's props.
 */
import { translator } from '$lib/i18n';
import { formatDate } from '$lib/i18n/format';
import type { TextLanguage } from '$lib/protocol';
import type {
	DocumentLanguages,
	Restitution,
	SummaryKind,
	SummarySection
} from '$lib/protocol/summary';

export { colon, documentLanguages, foreignTag, printIn } from '$lib/protocol/summary';
export type { DocumentLanguages } from '$lib/protocol/summary';

/** What a part's `Summary` component gets: its section of the model, and the whole model. */
export interface SummaryProps<K extends SummaryKind> {
	section: SummarySection<K>;
	model: Restitution;
}

type Translate = ReturnType<typeof translator>;
const namespaces = new Map<string, Record<TextLanguage, Translate>>();

/** A namespace's strings in each language (the restitution's by default). */
export function labelsOf(namespace = 'restitution'): Record<TextLanguage, Translate> {
	let labels = namespaces.get(namespace);
	if (!labels) {
		labels = {
			fr: translator('fr', namespace),
			nl: translator('nl', namespace),
			en: translator('en', namespace)
		};
		namespaces.set(namespace, labels);
	}
	return labels;
}

/** A label in one language (of the restitution namespace unless another is named). */
export function labelIn(
	language: TextLanguage,
	key: string,
	params: Record<string, unknown> = {},
	namespace?: string
): string {
	return labelsOf(namespace)[language](key, params);
}

/**
 * A label in the document's languages, "fr · nl" (once when both are the same), or its one
 * language's alone.
 */
export function both(
	langs: DocumentLanguages,
	key: string,
	params: Record<string, unknown> = {},
	namespace?: string
): string {
	return [...new Set(langs.list.map((language) => labelIn(language, key, params, namespace)))].join(
		' · '
	);
}

/** "23/09/2024". */
export function shortDate(date: string): string {
	return formatDate(date, 'fr', {
		dateStyle: undefined,
		day: '2-digit',
		month: '2-digit',
		year: 'numeric'
	});
}
