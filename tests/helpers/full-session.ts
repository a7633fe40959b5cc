import Database from 'better-sqlite3';
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

/** Rows per table of the whole database, read from the file by a second connection. */
export function rowCounts(databasePath: string): Record<string, number> {
	const file = new Database(databasePath, { readonly: true });
	try {
		const tables = file
			.prepare(
				"select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name"
			)
			.all() as { name: string }[];
		return Object.fromEntries(
			tables.map(({ name }) => [
				name,
				(file.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n
			])
		);
	} finally {
		file.close();
	}
}

/**
 * A concertation with something in every part of a session: people (who consented to the
 * attendance list), their submissions, a vote, tables with a rapporteur, a restitution and
 * its share link. `track` keeps the phone socket it opens, for the caller to close.
 */
export async function recordFullSession(
	server: RunningServer,
	admin: string,
	track: (socket: TestSocket) => TestSocket,
	options: { number: string; names?: [string, string, string]; organisation?: string }
) {
	const concertation = await createConcertation(server, admin, { number: options.number });
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
		[
			{ fr: 'Accès aux soins', nl: 'Toegang tot zorg' },
			{ fr: 'Logement', nl: 'Huisvesting' },
			{ fr: 'Isolement', nl: 'Vereenzaming' }
		],
		people.map((person, index) => ({
			participantToken: person.token,
			choices: [index % 3, (index + 1) % 3, (index + 2) % 3]
		}))
	);
	const phone = track(connectParticipant(server, concertation.id, anne.token, 'fr'));
	await next(phone, 'snapshot');
	await goTo('tour');
	await runCommand(phone, 'tour.expectations', { expectations: 'Mieux se connaître' });
	await command('tour.spotlight', { participantId: anne.participantId });
	await goTo('news');
	await runCommand(phone, 'news.submit', { title: 'Journée portes ouvertes' });
	await command('news.save', { titleFr: 'Nouveau service', titleNl: 'Nieuwe dienst' });
	await command('news.display', { mode: 'list' });
	await command('needs.targetGroups', { groups: [{ labelFr: 'Jeunes', labelNl: 'Jongeren' }] });
	await command('needs.saveTheme', { labelFr: 'Santé mentale', labelNl: 'Geestelijke', count: 12 });
	await goTo('topics');
	await runCommand(phone, 'topics.propose', { text: 'La pair-aidance' });
	phone.disconnect();
	await openTablesPhase(server, admin, concertation.id, false);
	const { tableId } = await command<{ tableId: number }>('tables.create', {
		name: '1',
		priority: { fr: 'Accès aux soins', nl: 'Toegang tot zorg' },
		capacity: null
	});
	await command('tables.item.add', { tableId, category: 'barrier', text: 'Listes d’attente' });
	await command('tables.autoAssign', { seed: 1 });
	await command('tables.spotlight', { tableId });
	await command('tables.seat', { participantId: bram.participantId, tableId });
	await command('tables.seat', { participantId: chloe.participantId, tableId });
	await command('tables.rapporteur.take', { tableId, participantId: chloe.participantId });
	const texts = await formAction(server, admin, `/r/${concertation.id}?/texts`, {
		introductionFr: 'Bonjour',
		introductionNl: 'Hallo',
		conclusionFr: '',
		conclusionNl: ''
	});
	expect(texts.type).toBe('success');
	const share = await formAction(server, admin, `/r/${concertation.id}?/share`, {});
	const shareToken = /\/r\/share\/([A-Za-z0-9_-]+)/.exec(share.data ?? '')?.[1];
	if (!shareToken) throw new Error(`no share link in ${share.data}`);
	return { concertation, people, tableId, shareToken, command };
}
