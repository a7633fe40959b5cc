import { z } from 'zod';
import {
	contentLanguagesSchema,
	DEFAULT_CONTENT_LANGUAGES,
	LIMITS,
	PHASE_KINDS,
	TEXT_LANGUAGES,
	type Bilingual,
	type ContentLanguages,
	type PhaseKind,
	type Sector,
	type TextLanguage
} from '../../protocol';
import type { Queryable } from '../db';

/** A reusable programme: the phases and the sector list, without any session data. */
export interface ProgrammeTemplate {
	format: 'concertation-programme';
	formatVersion: 1;
	/** The content languages; absent: French and Dutch (every file made before issue 18). */
	languages?: ContentLanguages;
	sectors: Sector[];
	phases: PhaseTemplate[];
}

export interface PhaseTemplate {
	kind: PhaseKind;
	title: Bilingual;
	body: Bilingual;
	durationMinutes: number;
	/** The facilitators' notes; absent from templates written before they existed. */
	notes?: string;
}

const text = (max: number) => z.string().trim().max(max);
const bilingual = (max: number) =>
	z.object({ fr: text(max), nl: text(max), en: text(max).default('') });

export const phaseTemplateSchema = z.object({
	kind: z.enum(PHASE_KINDS),
	// A title in at least one language; the concertation's languages say which it needs
	// (checked when a step is added or edited; a copied programme shows what is missing).
	title: bilingual(LIMITS.title).refine((t) => t.fr.length + t.nl.length + t.en.length > 0, {
		message: 'a phase needs a title'
	}),
	body: bilingual(LIMITS.phaseBody).default({ fr: '', nl: '', en: '' }),
	durationMinutes: z.number().int().min(0).max(LIMITS.phaseMinutes),
	notes: text(LIMITS.phaseNotes).optional()
});

export const sectorSchema = z
	.object({
		id: z
			.string()
			.trim()
			.min(1)
			.max(LIMITS.sectorId)
			.regex(/^[a-z0-9_-]+$/),
		// Each content language's label is required where the languages are known (a new
		// concertation's, `updateSectors`); the list itself needs a label in some language.
		fr: text(LIMITS.sectorLabel).default(''),
		nl: text(LIMITS.sectorLabel).default(''),
		en: text(LIMITS.sectorLabel).default('')
	})
	.refine((sector) => Boolean(sector.fr || sector.nl || sector.en), {
		message: 'a sector needs a label',
		path: ['fr']
	});

export const sectorListSchema = z
	.array(sectorSchema)
	.min(1)
	.max(LIMITS.sectors)
	.refine((list) => new Set(list.map((s) => s.id)).size === list.length, {
		message: 'sector ids must be unique'
	});

export const programmeTemplateSchema = z
	.object({
		format: z.literal('concertation-programme'),
		formatVersion: z.literal(1),
		languages: contentLanguagesSchema.optional(),
		sectors: sectorListSchema,
		phases: z.array(phaseTemplateSchema).min(1).max(LIMITS.phases)
	})
	// A programme file has every step's title in its own languages (French and Dutch for a file
	// that names none, as every file made before content languages did).
	.superRefine((programme, context) => {
		const languages = programme.languages ?? DEFAULT_CONTENT_LANGUAGES;
		programme.phases.forEach((phase, index) => {
			for (const lang of languages)
				if (!phase.title[lang])
					context.addIssue({
						code: 'custom',
						path: ['phases', index, 'title', lang],
						message: `a phase needs a title in each of the programme's languages (${lang})`
					});
		});
	});

const b = (fr: string, nl: string, en: string): Bilingual => ({ fr, nl, en });

/** The sectors of a Brussels social-health concertation; editable per concertation. */
export const DEFAULT_SECTORS: Sector[] = [
	{
		id: 'mental_health',
		...b('Santé mentale', 'Geestelijke gezondheidszorg', 'Mental health care')
	},
	{ id: 'social', ...b('Action sociale', 'Welzijnswerk', 'Social work') },
	{ id: 'primary_care', ...b('Soins de première ligne', 'Eerstelijnszorg', 'Primary care') },
	{ id: 'home_care', ...b('Aide et soins à domicile', 'Thuiszorg', 'Home care') },
	{ id: 'addiction', ...b('Assuétudes', 'Verslavingszorg', 'Addiction services') },
	{
		id: 'users_relatives',
		...b('Usagers et proches', 'Gebruikers en naasten', 'Users and relatives')
	},
	{ id: 'housing', ...b('Logement', 'Huisvesting', 'Housing') },
	{ id: 'public_authority', ...b('Pouvoirs publics', 'Overheid', 'Public authorities') },
	{ id: 'other', ...b('Autre', 'Andere', 'Other') }
];

/** The standard programme of a thematic concertation (after the 23/09/2024 programme). */
export const DEFAULT_PHASES: PhaseTemplate[] = [
	{
		kind: 'introduction',
		durationMinutes: 15,
		title: b('Introduction', 'Inleiding', 'Introduction'),
		body: b(
			'Contexte de la concertation, rôles de chacun·e et objectifs de la matinée.',
			'Context van het overleg, ieders rol en de doelstellingen van de voormiddag.',
			'Context of the concertation, everyone’s role and the objectives of the morning.'
		)
	},
	{
		kind: 'tour',
		durationMinutes: 20,
		title: b('Tour de table', 'Voorstellingsronde', 'Round of introductions'),
		body: b(
			'Nom, organisation, secteur et attentes pour cette concertation.',
			'Naam, organisatie, sector en verwachtingen voor dit overleg.',
			'Name, organisation, sector and expectations for this concertation.'
		)
	},
	{
		kind: 'news',
		durationMinutes: 15,
		title: b('Actualités du secteur', 'Nieuws uit de sector', 'Sector news'),
		body: b(
			'Les nouvelles préparées par l’équipe organisatrice et celles que vous souhaitez partager.',
			'Het nieuws van de organisatoren en het nieuws dat u wilt delen.',
			'News prepared by the organisers and the news you want to share.'
		)
	},
	{
		kind: 'needs',
		durationMinutes: 10,
		title: b('Veille des besoins', 'Monitoring van de behoeften', 'Needs monitoring'),
		body: b(
			'Les thèmes prioritaires issus de l’enquête en ligne.',
			'De prioritaire thema’s uit de online bevraging.',
			'The priority themes from the online survey.'
		)
	},
	{
		kind: 'topics',
		durationMinutes: 15,
		title: b(
			'Questions du jour et sujets proposés',
			'Vragen van de dag en voorgestelde onderwerpen',
			'Questions of the day and proposed topics'
		),
		body: b(
			'Les questions de l’équipe organisatrice et les sujets que vous proposez.',
			'De vragen van de organisatoren en de onderwerpen die u voorstelt.',
			'The organisers’ questions and the topics you propose.'
		)
	},
	{
		kind: 'vote',
		durationMinutes: 10,
		title: b('Vote des priorités', 'Stemming over de prioriteiten', 'Priority vote'),
		body: b(
			'Choisissez 3 priorités et donnez-leur 3, 2 et 1 points.',
			'Kies 3 prioriteiten en geef ze 3, 2 en 1 punt.',
			'Pick 3 priorities and give them 3, 2 and 1 points.'
		)
	},
	{
		kind: 'tables',
		durationMinutes: 45,
		title: b('Tables de discussion', 'Discussietafels', 'Discussion tables'),
		body: b(
			'Par priorité\u00a0: freins, leviers, pistes de collaboration et acteurs à impliquer.',
			'Per prioriteit: drempels, hefbomen, samenwerkingsmogelijkheden en te betrekken actoren.',
			'For each priority: barriers, levers, ways to collaborate and actors to involve.'
		)
	},
	{
		kind: 'restitution',
		durationMinutes: 20,
		title: b(
			'Restitution et prochaines étapes',
			'Terugkoppeling en volgende stappen',
			'Report-back and next steps'
		),
		body: b(
			'Chaque table présente ses résultats\u00a0; prochaines dates et contacts.',
			'Elke tafel stelt haar resultaten voor; volgende data en contactgegevens.',
			'Each table presents its results; next dates and contacts.'
		)
	}
];

/**
 * Steps a new concertation's programme is given when its series calls for them, placed after
 * the last of `after` that it has (else first): the facilitator may still remove them. Each
 * kind says when (`proposeWhen`, from its own module); a programme that has the kind already
 * (copied from an earlier concertation) is left as it is.
 */
export const PROPOSED_PHASES: (PhaseTemplate & { after: PhaseKind[] })[] = [
	{
		kind: 'followup',
		after: ['introduction', 'tour', 'news'],
		durationMinutes: 20,
		title: b(
			'Où en sont nos actions\u00a0?',
			'Waar staan we met onze acties?',
			'Where are we with our actions?'
		),
		body: b(
			'Les actions décidées lors des concertations précédentes\u00a0: où elles en sont, et votre avis.',
			'De acties waartoe de vorige overleggen besloten: hoe ver ze staan, en uw mening.',
			'The actions decided at the earlier concertations: where they stand, and your opinion.'
		)
	}
];

type StepCondition = (db: Queryable, seriesId: number) => Promise<boolean>;
const conditions = new Map<PhaseKind, StepCondition>();

/** Registered by a phase kind's module: when its proposed step is wanted for a series. */
export function proposeWhen(kind: PhaseKind, condition: StepCondition): void {
	conditions.set(kind, condition);
}

/** The programme with the proposed steps its series calls for (none without a series). */
export async function withProposedSteps(
	db: Queryable,
	programme: ProgrammeTemplate,
	seriesId: number | null
): Promise<ProgrammeTemplate> {
	if (seriesId === null) return programme;
	const phases = [...programme.phases];
	for (const { after, ...step } of PROPOSED_PHASES) {
		const condition = conditions.get(step.kind);
		if (!condition || phases.some((phase) => phase.kind === step.kind)) continue;
		if (phases.length >= LIMITS.phases || !(await condition(db, seriesId))) continue;
		const anchor = phases.findLastIndex((phase) => after.includes(phase.kind));
		phases.splice(anchor + 1, 0, structuredClone(step));
	}
	return { ...programme, phases };
}

export function defaultProgramme(): ProgrammeTemplate {
	return {
		format: 'concertation-programme',
		formatVersion: 1,
		sectors: structuredClone(DEFAULT_SECTORS),
		phases: structuredClone(DEFAULT_PHASES)
	};
}

/** Reads a programme file; throws a ZodError listing what is wrong. */
export function parseProgrammeTemplate(json: unknown): ProgrammeTemplate {
	return programmeTemplateSchema.parse(json) as ProgrammeTemplate;
}

/**
 * The sector list as facilitators edit it: one line per sector, its labels in the content
 * languages ("Français | Nederlands" by default, "English" alone for an English-only
 * concertation), optionally followed by the other languages in the order fr, nl, en (the old
 * "Français | Nederlands | English" lines read as before). A line whose main-language label is
 * unchanged keeps its id, so participants keep their sector, and its labels in the languages the
 * line leaves out; a new line gets an id made from its main-language label. With two content
 * languages, the second one empty takes the first one's label, as the Dutch always did.
 */
export function parseSectorLines(
	text: string,
	existing: Sector[],
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): Sector[] {
	const used = new Set<string>();
	const [main, second] = languages;
	const columns = [...languages, ...TEXT_LANGUAGES.filter((lang) => !languages.includes(lang))];
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const parts = line.split('|').map((part) => part.trim());
			const typed = (lang: TextLanguage) => parts[columns.indexOf(lang)] ?? '';
			const label = typed(main);
			const known = existing.find((sector) => sector[main] === label);
			let id = known?.id ?? slug(label);
			for (let n = 2; used.has(id); n++) id = `${slug(label)}_${n}`;
			used.add(id);
			const labels = { fr: '', nl: '', en: '' };
			for (const lang of TEXT_LANGUAGES)
				labels[lang] = languages.includes(lang)
					? typed(lang)
					: typed(lang) || (known?.[lang] ?? '');
			if (second && !labels[second]) labels[second] = label;
			return { id, ...labels };
		});
}

/** The sector list as the form shows it: the content languages' labels, one line each. */
export function sectorLines(sectors: readonly Sector[], languages: ContentLanguages): string {
	return sectors
		.map((sector) => languages.map((lang) => sector[lang] ?? '').join(' | '))
		.join('\n');
}

/** A sector without its label in one of the content languages, on that label's path. */
export function sectorLanguageIssues(
	sectors: readonly Sector[],
	languages: ContentLanguages
): { path: (string | number)[] }[] {
	return sectors.flatMap((sector, index) =>
		languages
			.filter((lang) => !(sector[lang] ?? '').trim())
			.map((lang) => ({ path: [index, lang] }))
	);
}

function slug(label: string): string {
	return (
		label
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '_')
			.replace(/^_|_$/g, '')
			.slice(0, 60) || 'sector'
	);
}
