/**
 * The words of the glossary (`../shared/GLOSSARY.md`) on every screen: each locale file of
 * each language, read from disk (so a file added later is checked too), and the default
 * programme. One concept, one word; register; elision; plurals; inclusive writing (FR);
 * typography. A failure names the file, the key and the word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PHASES, DEFAULT_SECTORS } from '../../src/lib/server/concertation/programme';

type Language = 'fr' | 'nl' | 'en';
const LANGUAGES: Language[] = ['fr', 'nl', 'en'];
type Tree = { [key: string]: string | Tree };

const localesDirectory = path.resolve(import.meta.dirname, '../../src/lib/i18n/locales');

function leaves(tree: Tree, prefix = ''): [string, string][] {
	return Object.entries(tree).flatMap(([key, value]) =>
		typeof value === 'string' ? [[`${prefix}${key}`, value]] : leaves(value, `${prefix}${key}.`)
	);
}

/** Every string of a language: `namespace:key` → text. */
function texts(language: Language): Map<string, string> {
	const all = new Map<string, string>();
	for (const file of readdirSync(path.join(localesDirectory, language)).sort()) {
		const tree = JSON.parse(readFileSync(path.join(localesDirectory, language, file), 'utf8'));
		for (const [key, value] of leaves(tree))
			all.set(`${file.replace(/\.json$/, '')}:${key}`, value);
	}
	for (const [index, phase] of DEFAULT_PHASES.entries()) {
		all.set(`default programme:${index}.title`, phase.title[language]);
		all.set(`default programme:${index}.body`, phase.body[language]);
	}
	for (const sector of DEFAULT_SECTORS) all.set(`default sectors:${sector.id}`, sector[language]);
	return all;
}

const TEXTS = Object.fromEntries(LANGUAGES.map((l) => [l, texts(l)])) as Record<
	Language,
	Map<string, string>
>;

/** Placeholders and shell commands are names for code, not words for readers. */
const withoutPlaceholders = (text: string) =>
	text.replace(/\{\{\w+\}\}/g, '{{}}').replace(/npm run [\w-]+/g, 'npm');

/**
 * "de {{name}}" gives "de Anne": no "de", "le" or "que" before a variable that holds words.
 * Numbers, dates and times never elide ("de 10 caractères", "le 23/09/2024").
 */
const ELISION_TRAP =
	/\b(de|le|que)\s+\{\{(?!(count|max|min|index|total|page|pages|seconds|line|position|capacity|rank|present|voters|percent|kib|maxKib|firstLine|found|expected|length|assigned|unassigned|time|when|date)\}\})/i;

/** Words that must not appear, with the glossary's reason. Matched case-insensitively. */
const FORBIDDEN: Record<Language, [RegExp, string][]> = {
	fr: [
		[/jeton/i, 'jargon: « votre téléphone se souvient de vous »'],
		[/facilitat/i, 'animateur·rice'],
		[/\bphases?\b/i, 'étape'],
		[/monitoring/i, 'Veille des besoins'],
		[/tables de discussions/i, 'Tables de discussion'],
		[/smartphone|\bappareils?\b/i, 'téléphone'],
		[/projecteur/i, 'écran (the screen, not the projector)'],
		[/modér/i, 'jargon: relecture par l’équipe d’animation'],
		[/\bsessions?\b/i, 'séance (a sign-in is a connexion)'],
		[/chrono|minuteur/i, 'décompte'],
		[/graine/i, 'jargon: leave it out'],
		[/\bkio\b/i, 'Ko'],
		[/\binstance\b/i, 'installation'],
		[/\bdocx\b/i, 'Word'],
		[/actualités des secteurs/i, 'Actualités du secteur (singular)'],
		[/\btu\b|\btoi\b|\bton\b/i, 'vous'],
		[
			/(?<!\p{L})(participants|animateurs?|coordinateurs?|organisateurs?|rapporteurs?|connectés?|(?<!secteurs )présents|votants)(?![\p{L}·])/iu,
			'inclusive writing with the middle dot'
		],
		[/\bparticipant\b(?!·| \d)/i, 'participant·e'],
		[/'/i, 'typography: ’'],
		[/"/i, 'typography: « »'],
		[/ [:;!?%»]/i, 'typography: a no-break space before : ; ! ? % »'],
		[/[\p{L}\d)}][;!?]|\p{L}: /iu, 'typography: a no-break space before ; ! ? :'],
		[/«(?![\u00a0\u202f])/i, 'typography: a no-break space after «']
	],
	nl: [
		[/restitutie/i, 'Terugkoppeling (restitutie is a refund)'],
		[/tafelronde/i, 'Voorstellingsronde'],
		[/gesprekstafel|tafelgesprek|tafelwerk/i, 'Discussietafels'],
		[/toestel|smartphone|\btelefoons?\b/i, 'gsm'],
		[/projector/i, 'scherm (the screen, not the projector)'],
		[/\bjullie\b|\bje\b|\bjij\b|\bjouw\b|\bjou\b/i, 'u/uw'],
		[/\bnoden\b/i, 'behoeften'],
		[/facilitator/i, 'begeleider'],
		[/\bsessies?\b/i, 'bijeenkomst (a sign-in is an aanmelding)'],
		[/\bfasen?\b/i, 'stap'],
		[/samenwerkingspiste/i, 'Samenwerkingsmogelijkheden'],
		[/verantwoording/i, 'motivering'],
		[/\btokens?\b/i, 'jargon: “uw gsm onthoudt u”'],
		[/moderat|gemodereerd/i, 'jargon: nalezen door de begeleiders'],
		[/\bseed\b/i, 'jargon: leave it out'],
		[/\btimer\b|chrono/i, 'aftelling'],
		[/\bkib\b/i, 'kB'],
		[/\bbesluit\b/i, 'Conclusie'],
		[/thematische overleg\b/i, 'thematisch overleg'],
		[/gelijkspel/i, 'gelijkstand'],
		[/\bdocx\b/i, 'Word'],
		[/'|"/i, 'typography: ‘…’ and ’'],
		[/[„“”«»]/i, 'typography: ‘…’']
	],
	en: [
		[/\btokens?\b/i, 'jargon: “your phone remembers you”'],
		[/\bseed\b/i, 'jargon: leave it out'],
		[/\bphases?\b/i, 'step'],
		[/\bsessions?\b/i, 'meeting (a sign-in is a sign-in)'],
		[/restitution/i, 'report-back (the step) or summary (the page)'],
		[/consultation/i, 'concertation'],
		[/smartphone|\bdevices?\b/i, 'phone'],
		[/moderat/i, 'jargon: reviewed by the facilitators'],
		[/\bKiB\b|\bKB\b|\bKiO\b/, 'kB'],
		[/\btimer\b/i, 'countdown'],
		[/tour de table/i, 'Round of introductions'],
		[/collaboration paths/i, 'Ways to collaborate'],
		[/\bdocx\b/i, 'Word'],
		[/'|"/i, 'typography: “…” and ’'],
		[/[„«»]/i, 'typography: “…”']
	]
};

describe('the words of the glossary', () => {
	for (const language of LANGUAGES) {
		it(`uses no word the glossary replaces (${language})`, () => {
			const found: string[] = [];
			for (const [key, value] of TEXTS[language]) {
				const text = withoutPlaceholders(value);
				for (const [pattern, reason] of FORBIDDEN[language]) {
					const match = pattern.exec(text);
					if (match) found.push(`${key}: “${match[0]}” (${reason}) in “${value}”`);
				}
				if (language === 'fr' && ELISION_TRAP.test(value)) {
					found.push(`${key}: elision trap “de/le/que {{…}}” in “${value}”`);
				}
			}
			expect(found).toEqual([]);
		});
	}

	it('gives every text with a count its singular and plural forms, in every language', () => {
		const missing: string[] = [];
		for (const language of LANGUAGES) {
			const all = TEXTS[language];
			for (const [key, value] of all) {
				if (!value.includes('{{count}}')) continue;
				const base = key.replace(/_(zero|one|two|few|many|other)$/, '');
				if (base === key) {
					missing.push(`${language} ${key}: “${value}” has a count but no _one/_other forms`);
					continue;
				}
				for (const form of ['one', 'other']) {
					if (!all.has(`${base}_${form}`)) missing.push(`${language} ${base}_${form}`);
				}
			}
		}
		expect(missing).toEqual([]);
	});

	it('has the same keys in French, Dutch and English', () => {
		const french = [...TEXTS.fr.keys()].sort();
		expect(french.length).toBeGreaterThan(300);
		for (const language of ['nl', 'en'] as const) {
			expect({ language, keys: [...TEXTS[language].keys()].sort() }).toEqual({
				language,
				keys: french
			});
		}
	});

	it('gives each concept of the meeting one word per language', () => {
		const phaseKind = (language: Language) =>
			Object.fromEntries(
				[...TEXTS[language]]
					.filter(([key]) => key.endsWith(':kind'))
					.map(([key, value]) => [key.slice(0, -':kind'.length), value])
			);
		expect(phaseKind('fr')).toMatchObject({
			tour: 'Tour de table',
			news: 'Actualités du secteur',
			needs: 'Veille des besoins',
			tables: 'Tables de discussion',
			restitution: 'Restitution'
		});
		expect(phaseKind('nl')).toMatchObject({
			tour: 'Voorstellingsronde',
			news: 'Nieuws uit de sector',
			needs: 'Monitoring van de behoeften',
			vote: 'Stemming over de prioriteiten',
			tables: 'Discussietafels',
			restitution: 'Terugkoppeling'
		});
		expect(phaseKind('en')).toMatchObject({
			tour: 'Round of introductions',
			needs: 'Needs monitoring',
			restitution: 'Report-back'
		});
		// The phone: "gsm" is the one Dutch word, wherever a phone is named.
		const nlPhones = [...TEXTS.nl.values()].filter((value) => /\bgsm/i.test(value));
		expect(nlPhones.length).toBeGreaterThan(3);
	});
});
