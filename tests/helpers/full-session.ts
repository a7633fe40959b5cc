import { expect } from 'vitest';
import { formAction, httpCommand, openTablesPhase, runVote } from './restitution';
import {
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	runCommand,
	type RunningServer,
	type TestSocket
} from './server';

type Language = 'fr' | 'nl' | 'en';

/** The session's organiser texts in each language (French and Dutch as they always were). */
const WORDS = {
	title: {
		fr: 'Santé mentale et logement',
		nl: 'Geestelijke gezondheid en huisvesting',
		en: 'Mental health and housing'
	},
	options: [
		{ fr: 'Accès aux soins', nl: 'Toegang tot zorg', en: 'Access to care' },
		{ fr: 'Logement', nl: 'Huisvesting', en: 'Housing' },
		{ fr: 'Isolement', nl: 'Vereenzaming', en: 'Isolation' }
	],
	news: { fr: 'Nouveau service', nl: 'Nieuwe dienst', en: 'New service' },
	group: { fr: 'Jeunes', nl: 'Jongeren', en: 'Young people' },
	theme: { fr: 'Santé mentale', nl: 'Geestelijke', en: 'Mental health' },
	introduction: { fr: 'Bonjour', nl: 'Hallo', en: 'Hello' }
} as const;

/** A text in the given languages only: '' in French and Dutch when not among them. */
function only(text: { fr: string; nl: string; en: string }, languages: readonly Language[]) {
	return {
		fr: languages.includes('fr') ? text.fr : '',
		nl: languages.includes('nl') ? text.nl : '',
		...(languages.includes('en') ? { en: text.en } : {})
	};
}

/**
 * A concertation with something in every part of a session: people (who consented to the
 * attendance list), their submissions, a vote, tables with a rapporteur, a restitution and
 * its share link. `track` keeps the phone socket it opens, for the caller to close.
 * `languages`: the concertation's content languages (French and Dutch when left out), its
 * organiser texts written in those only, and the phone typing in `phoneLocale` (French).
 * `concertation`: record the session in this one (created beforehand, e.g. through the
 * browser's form, in `languages`) instead of creating one.
 */
export async function recordFullSession(
	server: RunningServer,
	admin: string,
	track: (socket: TestSocket) => TestSocket,
	options: {
		number: string;
		names?: [string, string, string];
		organisation?: string;
		languages?: Language[];
		phoneLocale?: Language;
		concertation?: Awaited<ReturnType<typeof createConcertation>>;
	}
) {
	const languages = options.languages ?? ['fr', 'nl'];
	const title = only(WORDS.title, languages);
	const concertation =
		options.concertation ??
		(await createConcertation(server, admin, {
			number: options.number,
			...(options.languages
				? {
						languages,
						titleFr: title.fr,
						titleNl: title.nl,
						...(title.en !== undefined ? { titleEn: title.en } : {})
					}
				: {})
		}));
	const command = <R = Record<string, unknown>>(name: string, input: Record<string, unknown>) =>
		httpCommand<R>(server, admin, concertation.id, name, input);
	const goTo = async (kind: string) =>
		command('phase.goto', { phaseId: await phaseOf(server, admin, concertation.id, kind) });
	const people = [];
	for (const displayName of options.names ?? ['Anne', 'Bram', 'Chloé']) {
		people.push(
			await joinAsParticipant(server, concertation.joinCode, {
				displayName,
				...(options.organisation ? { organisation: options.organisation } : {})
			})
		);
	}
	const [anne, bram, chloe] = people as [
		(typeof people)[0],
		(typeof people)[0],
		(typeof people)[0]
	];
	await runVote(
		server,
		admin,
		concertation.id,
		WORDS.options.map((option) => only(option, languages)),
		people.map((person, index) => ({
			participantToken: person.token,
			choices: [index % 3, (index + 1) % 3, (index + 2) % 3]
		}))
	);
	const phone = track(
		connectParticipant(server, concertation.id, anne.token, options.phoneLocale ?? 'fr')
	);
	await next(phone, 'snapshot');
	await goTo('tour');
	await runCommand(phone, 'tour.expectations', { expectations: 'Mieux se connaître' });
	await command('tour.spotlight', { participantId: anne.participantId });
	await goTo('news');
	await runCommand(phone, 'news.submit', { title: 'Journée portes ouvertes' });
	const news = only(WORDS.news, languages);
	await command('news.save', {
		titleFr: news.fr,
		titleNl: news.nl,
		...(news.en !== undefined ? { titleEn: news.en } : {})
	});
	await command('news.display', { mode: 'list' });
	const group = only(WORDS.group, languages);
	const theme = only(WORDS.theme, languages);
	await command('needs.targetGroups', {
		groups: [
			{
				labelFr: group.fr,
				labelNl: group.nl,
				...(group.en !== undefined ? { labelEn: group.en } : {})
			}
		]
	});
	await command('needs.saveTheme', {
		labelFr: theme.fr,
		labelNl: theme.nl,
		...(theme.en !== undefined ? { labelEn: theme.en } : {}),
		count: 12
	});
	await goTo('topics');
	await runCommand(phone, 'topics.propose', { text: 'La pair-aidance' });
	phone.disconnect();
	await openTablesPhase(server, admin, concertation.id, false);
	const priority = only(WORDS.options[0], languages);
	const { tableId } = await command<{ tableId: number }>('tables.create', {
		name: '1',
		priority: {
			fr: priority.fr,
			nl: priority.nl,
			...(priority.en !== undefined ? { en: priority.en } : {})
		},
		capacity: null
	});
	await command('tables.item.add', { tableId, category: 'barrier', text: 'Listes d’attente' });
	await command('tables.autoAssign', { seed: 1 });
	await command('tables.spotlight', { tableId });
	await command('tables.seat', { participantId: bram.participantId, tableId });
	await command('tables.seat', { participantId: chloe.participantId, tableId });
	await command('tables.rapporteur.take', { tableId, participantId: chloe.participantId });
	// The review page's texts: the content languages' fields (English only when it is one).
	const introduction = only(WORDS.introduction, languages);
	const texts = await formAction(server, admin, `/r/${concertation.id}?/texts`, {
		introductionFr: introduction.fr,
		introductionNl: introduction.nl,
		...(introduction.en !== undefined ? { introductionEn: introduction.en } : {}),
		conclusionFr: '',
		conclusionNl: ''
	});
	expect(texts.type).toBe('success');
	const share = await formAction(server, admin, `/r/${concertation.id}?/share`, {});
	const shareToken = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(share.data ?? '')?.[1];
	if (!shareToken) throw new Error(`no share link in ${share.data}`);
	return { concertation, people, tableId, shareToken, command };
}
