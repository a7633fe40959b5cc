import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	captureOnFailure,
	closeAllDevices,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { expectLegible } from '../helpers/projector';
import { formAction } from '../helpers/restitution';
import {
	api,
	commandId,
	connectParticipant,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	sendCommand,
	signIn,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Issue 18's "projector in every phase" and "phones in another interface language", for an
 * English-only, a Dutch-only and a French–English concertation: every step of the default
 * programme, a Q&A step and the closing screen, filled as a meeting fills them (organisers'
 * texts in the content languages, participants' texts typed on phones in their own language,
 * some of them in none of the content languages), on a 1920×1080 and a 1280×720 projector at
 * once. In every state: the projector's languages are the concertation's; no text of another
 * language shows, except a participant's text carrying its language tag; no text under 24 px
 * (at 1080 lines), the content at 32 px or more, nothing cut, no word broken, nothing off the
 * screen. A phone in an interface language that is not a content language reads the texts in
 * the main content language. Screenshots under /tmp/content-languages-steps.
 */

const SHOTS = process.env.LANGUAGE_SHOTS ?? '/tmp/content-languages-steps';
type Lang = 'fr' | 'nl' | 'en';

interface Case {
	name: string;
	label: string;
	languages: Lang[];
	/** A phone language that is none of the content languages (its participants' text is tagged). */
	other: Lang;
	/** Organisers' texts, one per content language. */
	text: (values: Partial<Record<Lang, string>>) => Partial<Record<Lang, string>>;
}

/** Each organiser text in the three languages; a case keeps its content languages'. */
const T = {
	title: {
		fr: 'Visite d’étude européenne',
		nl: 'Europees studiebezoek',
		en: 'European study visit'
	},
	news: {
		title: {
			fr: 'Nouveau service de logement d’urgence',
			nl: 'Nieuwe dienst voor noodhuisvesting',
			en: 'New emergency housing service'
		},
		text: {
			fr: 'Vingt places pour les personnes sortant d’hospitalisation, dès novembre.',
			nl: 'Twintig plaatsen voor mensen die uit het ziekenhuis komen, vanaf november.',
			en: 'Twenty places for people leaving hospital, from November on.'
		}
	},
	needs: [
		[
			{
				fr: 'Santé mentale des jeunes',
				nl: 'Geestelijke gezondheid van jongeren',
				en: 'Young people’s mental health'
			},
			61
		],
		[{ fr: 'Accès au logement', nl: 'Toegang tot huisvesting', en: 'Access to housing' }, 54],
		[
			{
				fr: 'Isolement des personnes âgées',
				nl: 'Vereenzaming van ouderen',
				en: 'Loneliness of older people'
			},
			39
		]
	] as const,
	groups: [
		{ fr: 'Familles monoparentales', nl: 'Eenoudergezinnen', en: 'Single-parent families' },
		{ fr: 'Personnes sans abri', nl: 'Daklozen', en: 'Homeless people' }
	],
	questions: [
		{
			fr: 'Quels relais après une hospitalisation ?',
			nl: 'Welke opvang na een ziekenhuisopname?',
			en: 'What support after a hospital stay?'
		},
		{
			fr: 'Comment joindre les familles isolées ?',
			nl: 'Hoe geïsoleerde gezinnen bereiken?',
			en: 'How to reach isolated families?'
		}
	],
	candidates: [
		{
			fr: 'Continuité des soins entre l’hôpital et le domicile',
			nl: 'Zorgcontinuïteit tussen ziekenhuis en thuis',
			en: 'Continuity of care between hospital and home'
		},
		{
			fr: 'Accès au logement pour les personnes fragilisées',
			nl: 'Toegang tot huisvesting voor kwetsbare mensen',
			en: 'Housing for vulnerable people'
		},
		{
			fr: 'Soutien aux proches aidants',
			nl: 'Ondersteuning van mantelzorgers',
			en: 'Support for informal carers'
		}
	],
	qnaStep: {
		fr: 'Questions aux experts',
		nl: 'Vragen aan de experts',
		en: 'Questions to the experts'
	},
	nextDate: { fr: 'Prochaine concertation', nl: 'Volgend overleg', en: 'Next concertation' }
};

/** What people type on their phones, in their phone's language. */
const TYPED: Record<Lang, { news: string; topic: string; item: string; question: string }> = {
	fr: {
		news: 'Permanence sociale le mardi',
		topic: 'La pair-aidance',
		item: 'Les délais d’attente dépassent souvent trois mois',
		question: 'Qui finance les équipes mobiles après la phase pilote ?'
	},
	nl: {
		news: 'Sociale permanentie op dinsdag',
		topic: 'Ervaringsdeskundigheid',
		item: 'Lange wachtlijsten in de centra voor geestelijke gezondheidszorg',
		question: 'Wie financiert de mobiele teams na de proefperiode?'
	},
	en: {
		news: 'Drop-in advice on Tuesdays',
		topic: 'Peer support',
		item: 'Waiting times are often longer than three months',
		question: 'Who funds the mobile teams after the pilot?'
	}
};

const CASES: Case[] = [
	{
		name: 'en',
		label: 'English only',
		languages: ['en'],
		other: 'fr',
		text: (v) => ({ en: v.en })
	},
	{ name: 'nl', label: 'Dutch only', languages: ['nl'], other: 'en', text: (v) => ({ nl: v.nl }) },
	{
		name: 'fr-en',
		label: 'French and English',
		languages: ['fr', 'en'],
		other: 'nl',
		text: (v) => ({ fr: v.fr, en: v.en })
	}
];

/** The projector's namespaces, and the common ones it speaks (join block, connection). */
const SCREEN_NAMESPACES = [
	'screen',
	'tour',
	'news',
	'needs',
	'topics',
	'vote',
	'tables',
	'qna',
	'followup',
	'actions',
	'parts'
];
const LOCALES = path.resolve('src/lib/i18n/locales');

function leaves(value: unknown, into: string[] = []): string[] {
	if (typeof value === 'string') into.push(value);
	else if (value && typeof value === 'object')
		for (const child of Object.values(value)) leaves(child, into);
	return into;
}

/** Every sentence the projector's interface can say in `lang`. */
function interfaceStrings(lang: Lang): string[] {
	const files = readdirSync(path.join(LOCALES, lang)).filter((file) =>
		SCREEN_NAMESPACES.includes(file.replace(/\.json$/, ''))
	);
	const strings = files.flatMap((file) =>
		leaves(JSON.parse(readFileSync(path.join(LOCALES, lang, file), 'utf8')))
	);
	const common = JSON.parse(readFileSync(path.join(LOCALES, lang, 'common.json'), 'utf8')) as {
		screen: unknown;
		connection: unknown;
	};
	return [...strings, ...leaves(common.screen), ...leaves(common.connection)];
}

/** The default programme's step names: each language's own. */
const STEP_NAMES: Record<Lang, string[]> = {
	fr: [
		'Tour de table',
		'Actualités du secteur',
		'Veille des besoins',
		'Vote des priorités',
		'Tables de discussion'
	],
	nl: [
		'Inleiding',
		'Voorstellingsronde',
		'Nieuws uit de sector',
		'Monitoring van de behoeften',
		'Stemming over de prioriteiten',
		'Discussietafels',
		'Terugkoppeling'
	],
	en: [
		'Round of introductions',
		'Sector news',
		'Needs monitoring',
		'Priority vote',
		'Discussion tables',
		'Report-back'
	]
};

/**
 * What must not show on a projector in `languages`: the other languages' interface sentences
 * (pieces of four words or more between their placeholders, that no content language says
 * too), their step names, and the organisers' texts in them.
 */
function foreignTexts(languages: Lang[]): string[] {
	const own = languages.flatMap(interfaceStrings).join('\n');
	const others = (['fr', 'nl', 'en'] as const).filter((lang) => !languages.includes(lang));
	const pieces = others
		.flatMap(interfaceStrings)
		.flatMap((text) => text.split(/\{\{[^}]+\}\}/))
		.map((piece) =>
			piece
				.replace(/[\s:·/(),.]+$/u, '')
				.replace(/^[\s:·/(),.]+/u, '')
				.trim()
		)
		.filter((piece) => piece.split(/\s+/).length >= 3 && !own.includes(piece));
	const organisers = others.flatMap((lang) => [
		T.title[lang],
		T.news.title[lang],
		...T.needs.map(([label]) => label[lang]),
		...T.candidates.map((label) => label[lang]),
		T.qnaStep[lang]
	]);
	return [...new Set([...pieces, ...others.flatMap((lang) => STEP_NAMES[lang]), ...organisers])];
}

interface LanguageReport {
	languages: string;
	/** `lang` values of elements that are neither a content language nor tagged. */
	untagged: string[];
	/** Every `lang` shown. */
	langs: string[];
	/** The text shown as the content languages' (not a participant's tagged text, not a tag). */
	text: string;
}

/** The projector's languages as the room sees them. */
function languageReport(page: Page, languages: Lang[]): Promise<LanguageReport> {
	return page.evaluate((content: string[]) => {
		const main = document.querySelector('main.screen') as HTMLElement;
		const untagged: string[] = [];
		const langs = new Set<string>();
		for (const element of main.querySelectorAll<HTMLElement>('[lang]')) {
			if (element.closest('.lang-tag')) continue;
			const lang = element.getAttribute('lang') ?? '';
			langs.add(lang);
			if (content.includes(lang)) continue;
			const tag = `.lang-tag[data-lang="${lang}"]`;
			if (element.querySelector(tag) || element.parentElement?.querySelector(tag)) continue;
			untagged.push(`${lang}: ${(element.textContent ?? '').trim().slice(0, 60)}`);
		}
		const parts: string[] = [];
		const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const element = node.parentElement;
			if (!element || element.closest('.lang-tag')) continue;
			const lang = element.closest('[lang]')?.getAttribute('lang');
			if (lang && !content.includes(lang)) continue;
			if (!element.checkVisibility()) continue;
			parts.push(node.textContent ?? '');
		}
		return {
			languages: main.dataset.languages ?? '',
			untagged,
			langs: [...langs].sort(),
			text: parts.join(' ').replace(/\s+/g, ' ')
		};
	}, languages);
}

let server: RunningServer;
let token: string;
let big: Device;
let small: Device;
const sockets: TestSocket[] = [];
const figures: string[] = [];

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
	[big, small] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: { width: 1280, height: 720 } })
	]);
});

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await closeAllDevices();
	await server?.stop();
});

/** `{ fr, nl, en }` as a command's `xFr`, `xNl`, `xEn` fields. */
function fields(prefix: string, value: Partial<Record<Lang, string>>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(value)
			.filter(([, text]) => text)
			.map(([lang, text]) => [`${prefix}${lang[0]!.toUpperCase()}${lang[1]}`, text!])
	);
}

describe.each(CASES.map((testCase) => [testCase.label, testCase] as const))(
	'a concertation in %s',
	(_label, testCase) => {
		it('shows every step in its languages only, legibly, on both projectors, and a phone reads it in them', async () => {
			captureOnFailure(`content-languages-steps-${testCase.name}`);
			const { languages, other } = testCase;
			const forbidden = foreignTexts(languages);
			const keep = <K extends Lang>(value: Record<K, string>) =>
				testCase.text(value as Partial<Record<Lang, string>>);
			const created = await api<{
				concertation: { id: number; joinCode: string; screenKey: string };
			}>(server, 'POST', '/api/concertations', {
				token,
				body: { date: '2026-03-02', languages, ...fields('title', keep(T.title)) }
			});
			expect(created.status, JSON.stringify(created.body)).toBe(201);
			const concertation = created.body.concertation;
			const command = async (name: string, body: Record<string, unknown> = {}) => {
				const { status, body: answer } = await api<{ data: Record<string, unknown> }>(
					server,
					'POST',
					`/api/concertations/${concertation.id}/commands/${name}`,
					{ token, body: { ...body, commandId: commandId(name) } }
				);
				expect(status, `${name}: ${JSON.stringify(answer)}`).toBe(200);
				return answer.data;
			};
			const onBoth = (action: (page: Page) => Promise<unknown>) =>
				Promise.all([big, small].map((device) => action(device.page)));
			const goTo = async (kind: string, phaseId?: number) => {
				await command('phase.goto', {
					phaseId: phaseId ?? (await phaseOf(server, token, concertation.id, kind))
				});
				await onBoth((page) =>
					page.locator(`[data-testid="screen-phase"][data-phase-kind="${kind}"]`).waitFor()
				);
			};
			/** Both projectors: languages, sizes, nothing cut; a screenshot of each. */
			const check = async (step: string, content: string[] = [], shown: string[] = []) => {
				for (const device of [big, small]) {
					const page = device.page;
					const size = `${page.viewportSize()?.width}x${page.viewportSize()?.height}`;
					const label = `${testCase.name} ${step} at ${size}`;
					for (const text of shown) await page.getByText(text).first().waitFor();
					await page.waitForTimeout(400);
					await page.screenshot({ path: `${SHOTS}/${testCase.name}-${step}-${size}.png` });
					const report = await languageReport(page, languages);
					expect.soft(report.languages, label).toBe(languages.join(','));
					expect.soft(report.untagged, `${label}: every other language tagged`).toEqual([]);
					for (const text of forbidden)
						expect.soft(report.text, `${label}: no "${text}"`).not.toContain(text);
					const measure = await expectLegible(page, label, content);
					figures.push(
						`${label}: smallest ${measure.minFont.toFixed(1)} px, content ${Math.min(
							...measure.primary.filter((p) => p.size > 0).map((p) => p.size),
							Infinity
						).toFixed(1)} px, langs ${report.langs.join(',')}`
					);
				}
			};

			const qna = await api<{ phase: { id: number } }>(
				server,
				'POST',
				`/api/concertations/${concertation.id}/phases`,
				{
					token,
					body: {
						kind: 'qna',
						title: { fr: '', nl: '', en: '', ...keep(T.qnaStep) },
						durationMinutes: 30
					}
				}
			);
			expect(qna.status, JSON.stringify(qna.body)).toBe(201);

			await onBoth(async (page) => {
				await page.goto(
					`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
				);
				await waitForHydration(page);
			});
			await check('01-welcome');

			// People arrive: phones in each content language, and one in another language.
			await command('session.start');
			const phoneLanguages: Lang[] = [...languages, other, languages[0]!];
			const people: { socket: TestSocket; lang: Lang; id: number }[] = [];
			for (const [index, lang] of phoneLanguages.entries()) {
				const person = await joinAsParticipant(server, concertation.joinCode, {
					displayName: ['Anne Dubois', 'Bram Peeters', 'Chloé Martin', 'Dirk Janssens'][index],
					sector: ['mental_health', 'social', 'primary_care', 'housing'][index],
					locale: lang
				});
				const socket = connectParticipant(server, concertation.id, person.token, lang);
				sockets.push(socket);
				await next(socket, 'snapshot');
				await runCommand(socket, 'tour.expectations', { expectations: TYPED[lang].topic });
				people.push({ socket, lang, id: person.participantId });
			}
			const foreigner = people.find((person) => person.lang === other)!;
			await onBoth((page) => page.locator('[data-phase-kind="introduction"]').waitFor());
			await check('02-introduction');

			await goTo('tour');
			await check('03-tour', ['[data-testid="screen-expectations"] li']);
			await command('tour.spotlight', { participantId: foreigner.id });
			await onBoth((page) => page.getByTestId('screen-spotlight').waitFor());
			await check('04-tour-speaker');
			await command('tour.spotlight', { participantId: null });

			// News: the organisers' item, and one a phone in another language sent (tagged).
			await goTo('news');
			const newsId = Number(
				(
					await command('news.save', {
						...fields('title', keep(T.news.title)),
						...fields('text', keep(T.news.text)),
						startDate: '14/10/2026',
						place: 'Brussels'
					})
				).id
			);
			const submitted = await runCommand(foreigner.socket, 'news.submit', {
				title: TYPED[other].news
			});
			await command('news.moderate', { id: submitted.id, status: 'approved' });
			await onBoth((page) => page.getByText(TYPED[other].news).waitFor());
			await check('05-news', ['[data-testid="screen-news"] .news-title']);

			// A phone set to a language the concertation is not written in: its interface in its
			// own language, the concertation's texts in the main content language.
			const phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
			const mobile = phone.page;
			await mobile.goto(`${server.url}/j/${concertation.joinCode}`);
			await waitForHydration(mobile);
			await mobile.locator('#displayName').fill('Élise Lambert');
			await mobile.locator('#sector').selectOption('addiction');
			await mobile.locator(`input[name="locale"][value="${other}"]`).check();
			await mobile.locator('input[name="consentAttendance"]').check();
			await mobile.locator('main form button[type="submit"]').click();
			await mobile.getByTestId('phone-news').waitFor();
			expect(await mobile.locator('html').getAttribute('lang')).toBe(other);
			const main = languages[0]!;
			const newsCard = mobile.getByTestId('phone-news');
			await newsCard.getByText(T.news.title[main]).waitFor();
			expect(
				await newsCard.locator(`[lang="${main}"]`, { hasText: T.news.title[main] }).count()
			).toBe(1);
			for (const lang of (['fr', 'nl', 'en'] as const).filter((l) => l !== main))
				expect(await newsCard.innerText()).not.toContain(T.news.title[lang]);
			// The item typed on a phone in another language: as typed, with its language's tag.
			expect(await newsCard.innerText()).toContain(TYPED[other].news);
			expect(await newsCard.locator(`.lang-tag[data-lang="${other}"]`).count()).toBe(1);
			await mobile.screenshot({ path: `${SHOTS}/${testCase.name}-phone-${other}-news.png` });
			for (const device of [big, small])
				expect(
					await device.page
						.locator(`[data-testid="screen-news"] .lang-tag[data-lang="${other}"]`)
						.count()
				).toBeGreaterThan(0);
			await command('news.display', { mode: 'single', currentId: newsId });
			await check('06-news-single', ['[data-testid="screen-news"] .news-title']);

			await goTo('needs');
			for (const [label, count] of T.needs)
				await command('needs.saveTheme', {
					labelFr: '',
					labelNl: '',
					...fields('label', keep(label)),
					count
				});
			await command('needs.targetGroups', {
				groups: T.groups.map((group) => ({
					labelFr: '',
					labelNl: '',
					...fields('label', keep(group))
				}))
			});
			await check(
				'07-needs',
				['[data-testid="screen-needs-chart"] .label'],
				[keep(T.needs[0]![0])[languages[0]!]!]
			);

			await goTo('topics');
			for (const question of T.questions)
				await command('topics.saveQuestion', {
					textFr: '',
					textNl: '',
					...fields('text', keep(question))
				});
			const topic = await runCommand(foreigner.socket, 'topics.propose', {
				text: TYPED[other].topic
			});
			await command('topics.moderate', { id: topic.id, status: 'approved' });
			await onBoth((page) =>
				page.getByTestId('screen-candidates').getByText(TYPED[other].topic).waitFor()
			);
			await check('08-topics', ['[data-testid="screen-candidates"] li > span[lang]']);

			await goTo('vote');
			const candidateIds: number[] = [];
			for (const label of T.candidates)
				candidateIds.push(
					Number(
						(
							await command('vote.candidates.add', {
								labelFr: '',
								labelNl: '',
								...fields('label', keep(label))
							})
						).candidateId
					)
				);
			await command('vote.open');
			await mobile.getByTestId('vote-phone').waitFor();
			await mobile.getByTestId('vote-phone').getByText(T.candidates[0]![main]).first().waitFor();
			expect(await mobile.getByTestId('vote-phone').innerText()).not.toContain(
				T.candidates[0]![other]
			);
			await mobile.screenshot({ path: `${SHOTS}/${testCase.name}-phone-${other}-vote.png` });
			await phone.close();
			await check(
				'09-vote-open',
				['[data-testid="vote-screen"] .candidates li > span > span[lang]'],
				[keep(T.candidates[2]!)[languages[0]!]!]
			);
			for (const [index, person] of people.entries())
				await runCommand(person.socket, 'vote.cast', {
					choices: [0, 1, 2].map((offset, position) => ({
						candidateId: candidateIds[(index + offset) % candidateIds.length]!,
						weight: 3 - position
					}))
				});
			await command('vote.reveal', { revealed: true });
			await command('vote.close');
			await onBoth((page) =>
				page.locator('[data-testid="vote-bars"][data-ranked="true"]').waitFor()
			);
			await check('10-vote-ranked', [
				'[data-testid="vote-bar"] .name > span[lang]',
				'[data-testid="vote-points"]'
			]);

			await goTo('tables');
			const tableIds: number[] = [];
			for (const [index, label] of T.candidates.slice(0, 2).entries())
				tableIds.push(
					Number(
						(
							await command('tables.create', {
								name: String(index + 1),
								priority: { fr: '', nl: '', ...keep(label) },
								capacity: null
							})
						).tableId
					)
				);
			await command('tables.autoAssign', { seed: 7 });
			// Each person notes what their table says, on their phone, in their language (a table
			// they do not sit at refuses it).
			let noted = 0;
			for (const person of people)
				for (const tableId of tableIds) {
					const ack = await sendCommand(person.socket, 'tables.item.add', {
						tableId,
						category: 'barrier',
						text: TYPED[person.lang].item
					});
					if (ack.ok) noted += 1;
				}
			expect(noted).toBe(people.length);
			await check(
				'11-tables',
				['[data-testid="screen-table"] .priority'],
				[keep(T.candidates[1]!)[languages[0]!]!]
			);

			await goTo('restitution');
			await onBoth((page) => page.getByTestId('restitution-table').first().waitFor());
			await check('12-restitution', [
				'[data-testid="restitution-table"] li:not(:has(.lang-tag))',
				'[data-testid="restitution-table"] .priority'
			]);

			// Questions to the experts: one in a content language, one in another (tagged).
			await goTo('qna', qna.body.phase.id);
			const mine = await runCommand(people[0]!.socket, 'qna.ask', {
				text: TYPED[languages[0]!].question,
				anonymous: false
			});
			const asked = await runCommand(foreigner.socket, 'qna.ask', {
				text: TYPED[other].question,
				anonymous: true
			});
			if (mine.status === 'pending')
				await command('qna.moderate', { id: mine.id, status: 'approved' });
			if (asked.status === 'pending')
				await command('qna.moderate', { id: asked.id, status: 'approved' });
			await command('qna.pin', { phaseId: qna.body.phase.id, id: asked.id });
			await onBoth((page) => page.getByTestId('screen-qna-pinned').waitFor());
			await check(
				'13-qna',
				[
					'[data-testid="screen-qna-pinned"] .text > span[lang]',
					'[data-testid="screen-qna-top"] .text > span[lang]'
				],
				[TYPED[languages[0]!].question]
			);
			for (const device of [big, small]) {
				const pinned = device.page.getByTestId('screen-qna-pinned');
				expect(await pinned.locator(`.lang-tag[data-lang="${other}"]`).count()).toBe(1);
			}

			// The end: thanks and the next date, in the content languages.
			const added = await formAction(server, token, `/r/${concertation.id}?/addDate`, {
				...fields('label', keep(T.nextDate)),
				date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
				time: '09:30',
				endTime: '12:30',
				place: 'Maison de quartier Helmet'
			});
			expect(added.type, JSON.stringify(added)).toBe('success');
			await command('session.close');
			await onBoth((page) => page.getByTestId('screen-closing').waitFor());
			await check('14-closed');
			for (const device of [big, small])
				expect(
					device.logs.filter((line) => /^\[(pageerror|error)\]/.test(line)),
					'page errors'
				).toEqual([]);
			globalThis.console.info(figures.splice(0).join('\n'));
		}, 240_000);
	}
);
