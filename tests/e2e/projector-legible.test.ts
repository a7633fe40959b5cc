import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { measureScreen, type ScreenMeasure } from '../helpers/projector';
import { formAction } from '../helpers/restitution';
import {
	api,
	commandId,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	signIn,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * The projector as the back of the room sees it, through a whole session with realistic
 * bilingual content, on a 1920×1080 and a 1280×720 projector at once: in every step, no
 * visible text under 24 px (16 px at 720p: the same size relative to the screen), the content
 * the room came for at 32 px or more (21.3 px at 720p), nothing cut, no word broken inside, the
 * join block a slim strip after the opening steps and whole again when the console asks for
 * it, twelve short topics on one page, one discussion table at a time in the restitution
 * stepped from the console, and a closing screen. Screenshots of every step of both screens
 * are saved under /tmp/projector-shots.
 */

const SHOTS = process.env.PROJECTOR_SHOTS ?? '/tmp/projector-shots';
/** Sizes at 1080 lines, scaled by the screen's height (720/1080 for a 720p projector). */
const MIN_TEXT = 24;
const MIN_PRIMARY = 32;

let server: RunningServer;
let token: string;
let big: Device;
let small: Device;
let desk: Device;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
	[big, small, desk] = await Promise.all([
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: { width: 1280, height: 720 } }),
		launchDevice({ viewport: { width: 1366, height: 768 } })
	]);
	await desk.context.addCookies([{ name: 'concertation_session', value: token, url: server.url }]);
});

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await closeAllDevices();
	await server?.stop();
});

const PEOPLE = [
	['Anne Dubois', 'SSM Le Méridien', 'mental_health', 'Mieux connaître le réseau du quartier.'],
	[
		'Bram Peeters',
		'OCMW Schaarbeek',
		'social',
		'Samenwerkingsmogelijkheden met de geestelijke gezondheidszorg verkennen en elkaar beter leren kennen.'
	],
	['Chloé Martin', 'Maison médicale Botanique', 'primary_care', 'Des contacts directs.'],
	[
		'Dirk Janssens',
		'Thuiszorg Brussel',
		'home_care',
		'Weten wie wat doet in de wijk, zodat we mensen na een ziekenhuisopname sneller kunnen doorverwijzen.'
	],
	[
		'Élise Lambert',
		'Projet Lama',
		'addiction',
		'Comprendre comment orienter les familles sans les perdre entre deux institutions, et partager nos difficultés de suivi après une hospitalisation.'
	],
	['Fatima El Amrani', 'Similes', 'users_relatives', 'Que la voix des proches soit entendue.'],
	['Geert Van den Bossche', 'Huurdersbond', 'housing', 'Huisvesting en zorg samenbrengen.'],
	[
		'Hélène Wauters',
		'Commune de Schaerbeek',
		'public_authority',
		'Identifier les besoins prioritaires pour le plan social-santé intégré.'
	],
	['Ilse De Smet', 'CAW Brussel', 'social', 'Netwerken.'],
	[
		'Jean-Philippe Vanderlinden',
		'Centre de santé mentale Antonin Artaud',
		'mental_health',
		'Construire avec les associations d’usagers des pistes concrètes de collaboration pour les mois qui viennent, avec des contacts directs et des réunions régulières entre équipes de terrain.'
	]
] as const;

const NEWS = [
	{
		titleFr: 'Journée portes ouvertes du réseau santé mentale',
		titleNl: 'Opendeurdag van het netwerk geestelijke gezondheid',
		textFr: 'Présentation des services du quartier et rencontre avec les équipes de terrain.',
		textNl: 'Voorstelling van de diensten in de wijk en kennismaking met de teams.',
		startDate: '14/10/2025',
		startTime: '9h30',
		place: 'Maison de quartier Helmet',
		price: 'Gratuit / Gratis'
	},
	{
		titleFr: 'Nouveau service de logement d’urgence',
		titleNl: 'Nieuwe dienst voor noodhuisvesting',
		textFr: 'Vingt places pour les personnes sortant d’hospitalisation, dès novembre.',
		textNl: 'Twintig plaatsen voor mensen die uit het ziekenhuis komen, vanaf november.',
		startDate: '01/11/2025'
	},
	{
		titleFr: 'Formation : premiers secours en santé mentale',
		titleNl: 'Opleiding: EHBO voor geestelijke gezondheid',
		textFr: 'Deux jours pour repérer une détresse psychique et orienter la personne.',
		textNl: 'Twee dagen om psychische nood te herkennen en de persoon door te verwijzen.',
		startDate: '20/11/2025',
		endDate: '21/11/2025',
		place: 'Brussel / Bruxelles'
	}
];

const NEEDS: [string, string, number][] = [
	['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren', 61],
	['Accès au logement', 'Toegang tot huisvesting', 54],
	['Continuité des soins après hospitalisation', 'Zorgcontinuïteit na ziekenhuisopname', 47],
	['Isolement des personnes âgées', 'Vereenzaming van ouderen', 39],
	['Pistes de collaboration entre secteurs', 'Samenwerkingsmogelijkheden tussen sectoren', 33],
	['Assuétudes', 'Verslavingszorg', 28],
	['Soutien aux proches aidants', 'Ondersteuning van mantelzorgers', 22],
	['Accès aux soins de première ligne', 'Toegang tot de eerstelijnszorg', 17]
];

/** Twelve short questions of the day: all on one page. */
const TOPICS: [string, string][] = [
	['Quels relais après une hospitalisation ?', 'Welke opvang na een ziekenhuisopname?'],
	['Comment joindre les familles isolées ?', 'Hoe geïsoleerde gezinnen bereiken?'],
	['Le logement d’abord', 'Housing First'],
	['Partage d’informations et secret professionnel', 'Informatiedeling en beroepsgeheim'],
	['La pair-aidance', 'Ervaringsdeskundigheid'],
	['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren'],
	['Délais d’attente en SSM', 'Wachttijden in de CGG'],
	['Mobilité des personnes âgées', 'Mobiliteit van ouderen'],
	['Accueil des personnes sans papiers', 'Opvang van mensen zonder papieren'],
	['Coordination entre CPAS et SSM', 'Coördinatie tussen OCMW en CGG'],
	['Prévention des expulsions', 'Preventie van uithuiszettingen'],
	['Soutien aux proches aidants', 'Ondersteuning van mantelzorgers']
];

const CANDIDATES: [string, string][] = [
	[
		'Continuité des soins entre l’hôpital et le domicile',
		'Zorgcontinuïteit tussen ziekenhuis en thuis'
	],
	[
		'Accès au logement pour les personnes fragilisées',
		'Toegang tot huisvesting voor kwetsbare mensen'
	],
	[
		'Pistes de collaboration entre la santé mentale et l’action sociale',
		'Samenwerkingsmogelijkheden tussen geestelijke gezondheidszorg en welzijnswerk'
	],
	['Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren'],
	['Isolement des personnes âgées', 'Vereenzaming van ouderen'],
	['Soutien aux proches aidants', 'Ondersteuning van mantelzorgers']
];

const TABLE_ITEMS: Record<string, [string, string][]> = {
	barrier: [
		['nl', 'Lange wachtlijsten in de centra voor geestelijke gezondheidszorg'],
		['fr', 'Les délais d’attente dépassent souvent trois mois'],
		['fr', 'Manque de relais de proximité après la sortie de l’hôpital']
	],
	lever: [
		['fr', 'Un référent unique par famille, connu de tous les services'],
		['nl', 'Samenwerkingsmogelijkheden met de eerstelijnszorg benutten']
	],
	collaboration: [
		['fr', 'Réunions mensuelles entre SSM, CPAS et maisons médicales'],
		['nl', 'Gezamenlijke intake met het OCMW en de thuiszorg']
	],
	actor: [
		['fr', 'Hôpitaux psychiatriques du quartier'],
		['nl', 'Huisartsenkringen'],
		['fr', 'Associations d’usagers et de proches']
	]
};

const NEWS_CONTENT = [
	'[data-testid="screen-news"] .news-title',
	'[data-testid="screen-news"] .text'
];
const VOTE_CONTENT = ['[data-testid="vote-bar"] .name [lang]', '[data-testid="vote-points"]'];
const RESTITUTION_CONTENT = [
	'[data-testid="restitution-table"] li',
	'[data-testid="restitution-table"] .priority',
	'[data-testid="restitution-table"] .justification p'
];

function limits(page: Page) {
	const scale = (page.viewportSize()?.height ?? 1080) / 1080;
	return { text: MIN_TEXT * scale, primary: MIN_PRIMARY * scale };
}

const figures: string[] = [];

/** Measures both projectors, saves their screenshots and checks the rules of the issue. */
async function check(
	step: string,
	primary: string[],
	options: { join?: 'full' | 'strip' | 'none'; settle?: number; content?: string[] } = {}
): Promise<ScreenMeasure[]> {
	const results: ScreenMeasure[] = [];
	for (const device of [big, small]) {
		const page = device.page;
		const { text, primary: primaryMin } = limits(page);
		const size = `${page.viewportSize()?.width}x${page.viewportSize()?.height}`;
		// The type settles (fit to the area, measured pages) within a few frames.
		await page.waitForTimeout(options.settle ?? 400);
		await page.screenshot({ path: `${SHOTS}/${step}-${size}.png` });
		const measure = await measureScreen(page, primary, options.content);
		results.push(measure);
		const label = `${step} at ${size}`;
		const figure = `${label}: smallest text ${measure.minFont.toFixed(1)} px, content ${Math.min(
			...measure.primary.map((p) => p.size),
			Infinity
		).toFixed(1)} px, join ${measure.joinMode} ${(measure.joinShare * 100).toFixed(1)} %`;
		figures.push(figure);
		expect
			.soft(measure.minFont, `${label}: smallest text ${JSON.stringify(measure.smallest)}`)
			.toBeGreaterThanOrEqual(text - 0.05);
		for (const entry of measure.primary)
			expect
				.soft(entry.size, `${label}: "${entry.text}" shown at ≥ ${primaryMin} px`)
				.toBeGreaterThanOrEqual(primaryMin - 0.05);
		expect.soft(measure.cut, `${label}: nothing cut`).toEqual([]);
		expect.soft(measure.broken, `${label}: no word broken`).toEqual([]);
		expect.soft(measure.offscreen, `${label}: nothing off the screen`).toEqual([]);
		if (options.join === 'strip') {
			expect.soft(measure.joinMode, `${label}: join strip`).toBe('strip');
			expect.soft(measure.joinShare, `${label}: strip height`).toBeLessThanOrEqual(0.15);
		} else if (options.join === 'full') expect.soft(measure.joinMode, label).toBe('full');
		else if (options.join === 'none') expect.soft(measure.joinMode, label).toBeNull();
	}
	return results;
}

async function onBoth(action: (page: Page) => Promise<unknown>): Promise<void> {
	await Promise.all([big, small].map((device) => action(device.page)));
}

const phaseShown = (kind: string) =>
	onBoth((page) =>
		page.locator(`[data-testid="screen-phase"][data-phase-kind="${kind}"]`).waitFor()
	);

describe('the projector, legible from the back of the room', () => {
	it('runs a whole session with bilingual content at 1920×1080 and 1280×720', async () => {
		captureOnFailure('projector-legible');
		const concertation = await createConcertation(server, token, {
			titleFr: 'Santé mentale et logement : coordonner les relais',
			titleNl: 'Geestelijke gezondheid en huisvesting: doorverwijzing coördineren',
			place: 'Maison de quartier Helmet'
		});
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
		const goTo = async (kind: string) => {
			await command('phase.goto', { phaseId: await phaseOf(server, token, concertation.id, kind) });
			await phaseShown(kind);
		};

		await onBoth(async (page) => {
			await page.goto(
				`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
			);
			await waitForHydration(page);
		});
		await check('01-welcome', [], { join: 'full' });

		// The session starts; people arrive and write what they expect.
		await command('session.start');
		await phaseShown('introduction');
		const phones: TestSocket[] = [];
		for (const [displayName, organisation, sector, expectations] of PEOPLE) {
			const person = await joinAsParticipant(server, concertation.joinCode, {
				displayName,
				organisation,
				sector,
				locale: /^[A-Z][a-z]+ (Peeters|Janssens|Van|De)/.test(displayName) ? 'nl' : 'fr'
			});
			const socket = connectParticipant(server, concertation.id, person.token, 'fr');
			sockets.push(socket);
			phones.push(socket);
			await next(socket, 'snapshot');
			await runCommand(socket, 'tour.expectations', { expectations });
		}

		await check('02-introduction', ['Contexte de la concertation'], { join: 'full' });

		await goTo('tour');
		await check('03-tour-expectations', [], {
			join: 'full',
			content: ['[data-testid="screen-expectations"] li']
		});
		const { participantId } = (await api<{
			sections: { roster: { participants: { id: number; displayName: string }[] } };
		}>(server, 'GET', `/api/concertations/${concertation.id}`, { token }).then((answer) => ({
			participantId: answer.body.sections.roster.participants.find(
				(p) => p.displayName === PEOPLE[4][0]
			)!.id
		}))) as { participantId: number };
		await command('tour.spotlight', { participantId });
		await onBoth((page) => page.getByTestId('screen-spotlight').waitFor());
		await check('04-tour-speaker', [PEOPLE[4][0], PEOPLE[4][3]], { join: 'full' });
		await command('tour.spotlight', { participantId: null });

		await goTo('news');
		const newsIds: number[] = [];
		for (const item of NEWS) newsIds.push(Number((await command('news.save', item)).id));
		await onBoth((page) => page.getByText(NEWS[2]!.titleNl).first().waitFor());
		await check('05-news-list', [NEWS[0]!.titleFr, NEWS[0]!.titleNl], {
			join: 'strip',
			content: NEWS_CONTENT
		});
		await command('news.display', { mode: 'single', currentId: newsIds[0] });
		await onBoth((page) => page.getByText(NEWS[0]!.textNl).first().waitFor());
		await check('06-news-single', [NEWS[0]!.titleFr, NEWS[0]!.textFr, NEWS[0]!.textNl], {
			join: 'strip',
			settle: 800,
			content: NEWS_CONTENT
		});

		await goTo('needs');
		for (const [labelFr, labelNl, count] of NEEDS)
			await command('needs.saveTheme', { labelFr, labelNl, count });
		await command('needs.targetGroups', {
			groups: [
				{ labelFr: 'Jeunes de 16 à 24 ans', labelNl: 'Jongeren van 16 tot 24 jaar' },
				{ labelFr: 'Familles monoparentales', labelNl: 'Eenoudergezinnen' },
				{ labelFr: 'Personnes sans abri', labelNl: 'Daklozen' }
			]
		});
		await onBoth((page) => page.getByText('Eenoudergezinnen').waitFor());
		await check('07-needs', [NEEDS[0]![0], NEEDS[0]![1], NEEDS[4]![1]], {
			join: 'strip',
			content: ['[data-testid="screen-needs-chart"] .label']
		});

		await goTo('topics');
		for (const [textFr, textNl] of TOPICS) await command('topics.saveQuestion', { textFr, textNl });
		await onBoth((page) => page.getByText(TOPICS[11]![1]).waitFor());
		await check('08-topics', [TOPICS[0]![0], TOPICS[0]![1], TOPICS[11]![1]], {
			join: 'strip',
			content: ['[data-testid="screen-candidates"] li [lang]']
		});
		// Twelve short topics on one page: no pager, all twelve shown.
		for (const device of [big, small]) {
			expect(await device.page.getByTestId('screen-page').count()).toBe(0);
			expect(await device.page.getByTestId('screen-candidates').locator('li').count()).toBe(12);
		}
		await expectNoAxeViolations(big.page, 'projector: topics with the join strip');

		await goTo('vote');
		const candidateIds: number[] = [];
		for (const [labelFr, labelNl] of CANDIDATES)
			candidateIds.push(
				Number((await command('vote.candidates.add', { labelFr, labelNl })).candidateId)
			);
		await command('vote.open');
		await onBoth((page) => page.getByText(CANDIDATES[5]![1]).waitFor());
		await check('09-vote-hidden', [], {
			join: 'strip',
			content: ['[data-testid="vote-screen"] .candidates [lang]']
		});
		for (const [index, phone] of phones.entries())
			await runCommand(phone, 'vote.cast', {
				choices: [0, 1, 2].map((offset, position) => ({
					candidateId: candidateIds[(index + offset * (1 + (index % 2))) % candidateIds.length]!,
					weight: 3 - position
				}))
			});
		await command('vote.reveal', { revealed: true });
		await onBoth((page) => page.getByTestId('vote-bars').waitFor());
		await check('10-vote-results', [], { join: 'strip', settle: 900, content: VOTE_CONTENT });
		await command('vote.close');
		await onBoth((page) => page.locator('[data-testid="vote-bars"][data-ranked="true"]').waitFor());
		await check('11-vote-ranked', [], { join: 'strip', settle: 900, content: VOTE_CONTENT });

		await goTo('tables');
		const tableIds: number[] = [];
		for (const [index, [fr, nl]] of CANDIDATES.slice(0, 3).entries())
			tableIds.push(
				Number(
					(
						await command('tables.create', {
							name: String(index + 1),
							priority: { fr, nl },
							capacity: null
						})
					).tableId
				)
			);
		for (const tableId of tableIds)
			for (const [category, items] of Object.entries(TABLE_ITEMS))
				for (const [, text] of items) await command('tables.item.add', { tableId, category, text });
		await command('tables.autoAssign', { seed: 7 });
		await onBoth((page) => page.getByTestId('screen-table').nth(2).waitFor());
		await check('12-tables', [CANDIDATES[2]![0], CANDIDATES[2]![1]], {
			join: 'strip',
			content: ['[data-testid="screen-table"] .priority']
		});

		// The restitution: one table at a time, stepped from the console.
		await command('tables.justification.set', {
			tableId: tableIds[0],
			text: 'Sans relais de proximité, la sortie d’hospitalisation reste le moment où les familles décrochent.',
			baseRevision: 1
		});
		await goTo('restitution');
		await onBoth((page) => page.getByTestId('restitution-table').first().waitFor());
		const restitutionItems = TABLE_ITEMS.barrier!.map(([, text]) => text);
		await check('13-restitution-table-1', [CANDIDATES[0]![0], ...restitutionItems], {
			join: 'strip',
			settle: 800,
			content: RESTITUTION_CONTENT
		});
		for (const device of [big, small])
			expect(await device.page.getByTestId('restitution-table').count()).toBe(1);
		await expectNoAxeViolations(big.page, 'projector: restitution, one table');

		const console_ = desk.page;
		await console_.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(console_);
		await console_.getByRole('button', { name: /Table suivante/ }).click();
		await onBoth((page) =>
			page.getByTestId('restitution-table').getByText(CANDIDATES[1]![0]).waitFor()
		);
		await check('14-restitution-table-2', [CANDIDATES[1]![0], ...restitutionItems], {
			join: 'strip',
			settle: 800,
			content: RESTITUTION_CONTENT.slice(0, 2)
		});
		await console_.screenshot({ path: `${SHOTS}/console-restitution-1366x768.png` });

		// The facilitator asks for the join code in full, then for the strip again.
		const toggle = console_.getByRole('button', { name: 'Montrer le code en grand' });
		expect(await toggle.getAttribute('aria-pressed')).toBe('false');
		await toggle.click();
		await onBoth((page) => page.locator('footer.join[data-join="full"]').waitFor());
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
		await console_.evaluate(() => window.scrollTo(0, 0));
		await console_.screenshot({ path: `${SHOTS}/console-join-full-1366x768.png` });
		await check('15-join-full-on-request', [], { join: 'full', settle: 800 });
		// Pages are made for the strip: with the whole block asked for, the table's type may
		// shrink (never under the smallest type, checked above). How much, for the record:
		for (const device of [big, small]) {
			const measure = await measureScreen(device.page, [], RESTITUTION_CONTENT.slice(0, 1));
			figures.push(
				`15-join-full-on-request at ${device.page.viewportSize()?.height}p: table items ${measure.primary[0]?.size.toFixed(1)} px`
			);
		}
		// A projector opened again keeps what was asked.
		await big.page.reload();
		await big.page.locator('footer.join[data-join="full"]').waitFor();
		await toggle.click();
		await onBoth((page) => page.locator('footer.join[data-join="strip"]').waitFor());

		// The next date, then the session ends: the closing screen.
		const added = await formAction(server, token, `/r/${concertation.id}?/addDate`, {
			labelFr: 'Prochaine concertation',
			labelNl: 'Volgend overleg',
			date: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
			time: '09:30',
			endTime: '12:30',
			place: 'Maison de quartier Helmet',
			link: 'https://meet.example.org/overleg'
		});
		expect(added.type).toBe('success');
		await command('session.close');
		await onBoth((page) => page.getByTestId('screen-closing').waitFor());
		await check(
			'16-closed',
			[
				'Merci pour votre participation',
				'Bedankt voor uw deelname',
				'Volgend overleg',
				'9h30–12h30',
				'van 9u30 tot 12u30'
			],
			{ join: 'none' }
		);
		for (const device of [big, small]) {
			expect(await device.page.getByTestId('screen-join-code').count()).toBe(0);
			expect(await device.page.getByRole('timer').count()).toBe(0);
			// Nothing went wrong in the page on the way (measuring, paging, shrinking).
			expect(
				device.logs.filter((line) => /^\[(pageerror|error)\]/.test(line)),
				'page errors'
			).toEqual([]);
		}
		await expectNoAxeViolations(big.page, 'projector: closing screen');
		globalThis.console.info(figures.join('\n'));
	}, 300_000);

	it('shows light tables side by side in the restitution, legibly, the console stepping from the overview', async () => {
		captureOnFailure('projector-legible-overview');
		const concertation = await createConcertation(server, token);
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
		await command('session.start');
		await command('phase.goto', {
			phaseId: await phaseOf(server, token, concertation.id, 'tables')
		});
		for (const [name, fr, nl, item] of [
			['1', 'Accès au logement', 'Toegang tot huisvesting', 'Loyers trop élevés'],
			['2', 'Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren', 'Wachtlijsten']
		]) {
			const { tableId } = await command('tables.create', {
				name,
				priority: { fr, nl },
				capacity: null
			});
			await command('tables.item.add', { tableId, category: 'barrier', text: item });
			await command('tables.item.add', { tableId, category: 'actor', text: 'CPAS / OCMW' });
		}
		await command('phase.goto', {
			phaseId: await phaseOf(server, token, concertation.id, 'restitution')
		});
		await onBoth(async (page) => {
			await page.goto(
				`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
			);
			await waitForHydration(page);
		});
		await onBoth((page) => page.getByTestId('restitution-table').nth(1).waitFor());
		await check('17-restitution-overview', ['Loyers trop élevés', 'Wachtlijsten'], {
			join: 'strip',
			settle: 800,
			content: RESTITUTION_CONTENT.slice(0, 2)
		});
		const console_ = desk.page;
		await console_.goto(`${server.url}/f/${concertation.id}`);
		await waitForHydration(console_);
		await expect
			.poll(() => console_.getByTestId('restitution-shown').textContent())
			.toContain('Toutes les tables');
		await console_.getByRole('button', { name: /Table suivante/ }).click();
		await onBoth(async (page) => {
			await expect.poll(() => page.getByTestId('restitution-table').count()).toBe(1);
		});
		await console_.getByRole('button', { name: /Table précédente/ }).click();
		await onBoth((page) => page.getByTestId('restitution-table').nth(1).waitFor());
	});

	it('keeps every step legible while it is still empty', async () => {
		captureOnFailure('projector-legible-empty');
		const concertation = await createConcertation(server, token);
		await onBoth(async (page) => {
			await page.goto(
				`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
			);
			await waitForHydration(page);
		});
		const send = (name: string, body: Record<string, unknown> = {}) =>
			api(server, 'POST', `/api/concertations/${concertation.id}/commands/${name}`, {
				token,
				body: { ...body, commandId: commandId(name) }
			});
		await send('session.start');
		for (const kind of ['tour', 'news', 'needs', 'topics', 'vote', 'tables', 'restitution']) {
			await send('phase.goto', { phaseId: await phaseOf(server, token, concertation.id, kind) });
			await phaseShown(kind);
			await check(`18-empty-${kind}`, [], {
				join: kind === 'tour' ? 'full' : 'strip',
				settle: 300
			});
		}
		globalThis.console.info(figures.join('\n'));
	});
});
