/**
 * What the HTML preview of the restitution (RestitutionPreview.svelte) and each phase kind's
 * part of it (`Summary` in `components/phases/<kind>/`) share: the restitution's labels in
 * French and Dutch whatever the page's language, short dates, and a part's props.
 */
import { translator } from '$lib/i18n';
import { formatDate } from '$lib/i18n/format';
import type { Restitution, SummaryKind, SummarySection } from '$lib/protocol/summary';

/** What a part's `Summary` component gets: its section of the model, and the whole model. */
export interface SummaryProps<K extends SummaryKind> {
	section: SummarySection<K>;
	model: Restitution;
}

export const fr = translator('fr', 'restitution');
export const nl = translator('nl', 'restitution');

/** A label in French and Dutch, "fr · nl" (once when both are the same). */
export function both(key: string, params: Record<string, unknown> = {}): string {
	const a = fr(key, params);
	const b = nl(key, params);
	return a === b ? a : `${a} · ${b}`;
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
