import { INTL_LOCALE, type Locale } from '../../i18n/locales';
import { TOUR_LIMITS } from '../../protocol';
import { refusals, type Refusal } from '../errors';
import { cleanBlock, textLength as length } from '../text';

/**
 * Tour de table: who is in the room (by sector), who speaks next and for how long, and
 * what people expect from the day. Pure rules, no I/O.
 */

export const SPEAKER_SECONDS = { default: 60, min: 10, max: 600 } as const;

const fail: Refusal = refusals('tour');

// ---------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------

/** What someone hopes to get from the day; optional, may span a few lines. */
export function validateExpectations(raw: unknown): string {
	const expectations = cleanBlock(raw);
	if (length(expectations) > TOUR_LIMITS.expectations) {
		fail('tour_expectations_too_long', { field: 'expectations', max: TOUR_LIMITS.expectations });
	}
	return expectations;
}

// ---------------------------------------------------------------------------------------
// Roll by sector
// ---------------------------------------------------------------------------------------

export interface SectorGroup<S> {
	/** null: no sector chosen, or one since removed from the list ("other" on screen). */
	sectorId: string | null;
	sector: S | null;
	count: number;
}

export interface SectorRoll<S> {
	/** Non-empty groups, largest first, ties in the sector list's order, "other" last. */
	groups: SectorGroup<S>[];
	/** Participants shown in the groups. */
	total: number;
	/** Participants who asked not to appear: counted, never listed. */
	hidden: number;
}

export function rollBySector<S extends { id: string }>(
	participants: readonly { sectorId: string | null; hidden: boolean }[],
	sectors: readonly S[]
): SectorRoll<S> {
	const order = new Map(sectors.map((sector, index) => [sector.id, index]));
	const counts = new Map<number, number>();
	const other = sectors.length;
	let hidden = 0;
	for (const participant of participants) {
		if (participant.hidden) {
			hidden++;
			continue;
		}
		const index =
			participant.sectorId === null ? other : (order.get(participant.sectorId) ?? other);
		counts.set(index, (counts.get(index) ?? 0) + 1);
	}
	const groups = [...counts.entries()]
		.sort(([ia, ca], [ib, cb]) => cb - ca || ia - ib)
		.map(([index, count]): SectorGroup<S> => {
			const sector = sectors[index] ?? null;
			return { sectorId: sector?.id ?? null, sector, count };
		});
	return { groups, total: participants.length - hidden, hidden };
}

// ---------------------------------------------------------------------------------------
// Speaker spotlight
// ---------------------------------------------------------------------------------------

/**
 * Who speaks after `current`: the next one in join order who has not spoken yet, wrapping
 * round to those skipped earlier (late arrivals, people who stepped out). `current` is
 * treated as having spoken: handing over never gives the floor back to the same person.
 * null when everyone has spoken.
 */
export function nextSpeaker<Id>(
	order: readonly Id[],
	spoken: ReadonlySet<Id>,
	current: Id | null
): Id | null {
	const start = current === null ? -1 : order.indexOf(current);
	for (let step = 1; step <= order.length; step++) {
		const candidate = order[(start + step + order.length) % order.length];
		if (candidate !== undefined && candidate !== current && !spoken.has(candidate)) {
			return candidate;
		}
	}
	return null;
}

/** Speaking time per person; missing means the default minute. */
export function validateSpeakerSeconds(value: unknown): number {
	if (value === undefined || value === null || value === '') return SPEAKER_SECONDS.default;
	const seconds =
		typeof value === 'number'
			? value
			: typeof value === 'string' && /^\s*\d+\s*$/.test(value)
				? Number(value)
				: NaN;
	if (
		!Number.isInteger(seconds) ||
		seconds < SPEAKER_SECONDS.min ||
		seconds > SPEAKER_SECONDS.max
	) {
		fail('tour_bad_speaker_seconds', { min: SPEAKER_SECONDS.min, max: SPEAKER_SECONDS.max });
	}
	return seconds;
}

// ---------------------------------------------------------------------------------------
// Expectations grouped by keyword
// ---------------------------------------------------------------------------------------

// Short on purpose: words under three letters are dropped anyway, and the aim is only to
// keep grammar words off the screen. Accents folded, as the words they are matched with.
const STOP_WORDS = new Set(
	[
		// fr
		'les des une aux pour par sur dans avec sans que qui quoi quel quelle quels quelles cet',
		'cette ces son ses leur leurs nos notre vos votre mon mes ton tes nous vous ils elles est',
		'sont etre avoir ont fait faire plus moins pas comme mais aussi tout tous toute toutes',
		'tres bien peu entre chez car donc alors ainsi afin meme autre autres encore deja etc',
		'celle celui ceux cela ceci dont lors avant apres sous vers pendant depuis selon peut',
		'peuvent doit sera avons avez suis etait ici',
		// nl
		'het een van voor aan door dat die dit deze niet ook als maar meer naar bij uit zijn',
		'wordt worden kan kunnen hebben heeft onze ons wij jullie hoe wat wie waar over tot dan',
		'nog mijn met zich hun haar zou zouden moet moeten wil willen graag veel elkaar andere',
		'ander welke omdat wel geen alle iets heel zeer binnen tussen sinds tijdens',
		// en
		'the and for with from that this these those are was were have has had not but also',
		'more into about our your their what how who which will can could would should want',
		'like get some any all other others very much many its they them you there here than',
		'then been being each such only just between during within'
	]
		.join(' ')
		.split(' ')
);

const foldForMatching = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '');

// Phones make people drop accents, rarely add wrong ones: on a tie, the accented form wins.
const accents = (word: string) => word.normalize('NFD').match(/\p{M}/gu)?.length ?? 0;

/** Meaningful words of a text: display form (lower case) with its matching key. */
function words(text: string): { key: string; form: string }[] {
	return text
		.normalize('NFC')
		.toLowerCase()
		.split(/[^\p{L}\p{N}-]+/u)
		.map((token) => token.replace(/^-+|-+$/g, ''))
		.map((form) => ({ form, key: foldForMatching(form) }))
		.filter(({ key }) => length(key) >= 3 && !/^[\p{N}-]+$/u.test(key) && !STOP_WORDS.has(key));
}

export interface KeywordGroup<Id> {
	/** The form most people wrote (accents kept), for display. */
	keyword: string;
	/** Lower case, accents folded: what was matched. */
	key: string;
	/** Who mentioned it, in input order. */
	ids: Id[];
}

interface Tally<Id> {
	ids: Id[];
	forms: Map<string, number>;
}

export const KEYWORD_GROUPS = { max: 8, minMentions: 2 } as const;

/**
 * Up to eight words that several people used, most shared first, each with the ids of the
 * expectations mentioning it (one expectation counts once per word). A plural in -s joins
 * its singular when both appear (`besoins` with `besoin`). Same input, same output.
 */
export function groupExpectationsByKeyword<Id>(
	expectations: readonly { id: Id; text: string }[],
	locale: Locale
): KeywordGroup<Id>[] {
	const tallies = new Map<string, Tally<Id>>();
	for (const { id, text } of expectations) {
		const seen = new Set<string>();
		for (const { key, form } of words(text)) {
			const tally: Tally<Id> = tallies.get(key) ?? { ids: [], forms: new Map() };
			tallies.set(key, tally);
			tally.forms.set(form, (tally.forms.get(form) ?? 0) + 1);
			if (!seen.has(key)) tally.ids.push(id);
			seen.add(key);
		}
	}
	mergePlurals(tallies, expectations);

	const collator = new Intl.Collator(INTL_LOCALE[locale]);
	const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	return [...tallies.entries()]
		.filter(([, tally]) => tally.ids.length >= KEYWORD_GROUPS.minMentions)
		.sort(([ka, ta], [kb, tb]) => tb.ids.length - ta.ids.length || byCodePoint(ka, kb))
		.slice(0, KEYWORD_GROUPS.max)
		.map(([key, tally]) => {
			const [keyword = key] = [...tally.forms.entries()]
				.sort(
					([fa, na], [fb, nb]) =>
						nb - na || accents(fb) - accents(fa) || collator.compare(fa, fb) || byCodePoint(fa, fb)
				)
				.map(([form]) => form);
			return { keyword, key, ids: tally.ids };
		});
}

function mergePlurals<Id>(
	tallies: Map<string, Tally<Id>>,
	expectations: readonly { id: Id; text: string }[]
): void {
	// Input order of ids survives the merge: rank each id by where it first appears.
	const rank = new Map<Id, number>();
	expectations.forEach(({ id }, index) => {
		if (!rank.has(id)) rank.set(id, index);
	});
	for (const [key, plural] of [...tallies.entries()]) {
		const singular =
			key.endsWith('s') && length(key) > 4 ? tallies.get(key.slice(0, -1)) : undefined;
		if (!singular) continue;
		const ids = new Set([...singular.ids, ...plural.ids]);
		singular.ids = [...ids].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0));
		for (const [form, n] of plural.forms) {
			singular.forms.set(form, (singular.forms.get(form) ?? 0) + n);
		}
		tallies.delete(key);
	}
}
