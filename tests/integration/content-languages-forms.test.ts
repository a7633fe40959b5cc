/**
 * Organiser forms ask only for the content languages (issue 18): the commands and the JSON API
 * behind them take the English fields, and require texts in the concertation's languages — an
 * English-only concertation needs English, a French–English one French and English — with
 * errors that name the language in the reader's own; a French–Dutch one answers as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTablesPhase } from '../helpers/restitution';
import {
	api,
	createConcertation,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

let server: RunningServer;
let admin: string;
let sequence = 0;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	await server?.stop();
});

interface Answer<T = Record<string, unknown>> {
	status: number;
	body: {
		ok?: boolean;
		data?: T;
		error?: { code: string; message: string; fields?: { path: string }[] };
	};
}

/** A JSON request in a given interface language (the language errors come back in). */
async function call<T = Record<string, unknown>>(
	method: string,
	pathname: string,
	body?: unknown,
	locale = 'en'
): Promise<Answer<T>> {
	const response = await fetch(`${server.url}${pathname}`, {
		method,
		headers: {
			authorization: `Bearer ${admin}`,
			'accept-language': locale,
			...(body === undefined ? {} : { 'content-type': 'application/json' })
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Runs a command through the JSON API, as a script or the console does (a refusal: 409). */
function command<T = Record<string, unknown>>(
	id: number,
	name: string,
	input: Record<string, unknown>,
	locale = 'en'
) {
	return call<T>(
		'POST',
		`/api/concertations/${id}/commands/${name}`,
		{ ...input, commandId: `forms-${name}-${++sequence}` },
		locale
	);
}

async function sections(id: number) {
	const { body } = await api<{ sections: Record<string, unknown> }>(
		server,
		'GET',
		`/api/concertations/${id}`,
		{ token: admin }
	);
	return body.sections as {
		needs: { themes: { label: object }[]; targetGroups: { label: object }[] };
		topics: { items: { id: number; source: string; text: object }[] };
		tables: { tables: { priority: object }[] };
	};
}

async function created(languages: string[], titles: Record<string, string>): Promise<number> {
	const made = await api<{ concertation: { id: number } }>(server, 'POST', '/api/concertations', {
		token: admin,
		body: { ...titles, languages, date: '2026-04-20' }
	});
	expect(made.status).toBe(201);
	return made.body.concertation.id;
}

describe('an English-only concertation', () => {
	let id: number;
	beforeAll(async () => {
		id = await created(['en'], { titleEn: 'Study visit: mental health in Brussels' });
	});

	it('takes needs themes and target groups in English, and refuses a theme without English', async () => {
		const saved = await command(id, 'needs.saveTheme', {
			labelFr: '',
			labelNl: '',
			labelEn: 'Housing',
			count: 4
		});
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		const groups = await command(id, 'needs.targetGroups', {
			groups: [{ labelEn: 'Young people' }, { labelFr: '', labelNl: '', labelEn: '' }]
		});
		expect(groups.status).toBe(200);
		const needs = (await sections(id)).needs;
		expect(needs.themes.map((theme) => theme.label)).toEqual([{ fr: '', nl: '', en: 'Housing' }]);
		expect(needs.targetGroups.map((group) => group.label)).toEqual([
			{ fr: '', nl: '', en: 'Young people' }
		]);

		// French and Dutch are not this concertation's languages: English is what is missing.
		const french = await command(
			id,
			'needs.saveTheme',
			{ labelFr: 'Logement', labelNl: 'Huisvesting', count: 2 },
			'fr'
		);
		expect(french.status).toBe(409);
		expect(french.body.error?.code).toBe('needs_label_required');
		expect(french.body.error?.message).toBe('Le libellé est obligatoire en anglais.');
		const english = await command(id, 'needs.saveTheme', {
			labelFr: 'Logement',
			labelNl: '',
			labelEn: ' ',
			count: 2
		});
		expect(english.body.error?.message).toBe('The label is required in English.');
		const dutch = await command(
			id,
			'needs.saveTheme',
			{ labelFr: '', labelNl: '', count: 2 },
			'nl'
		);
		expect(dutch.body.error?.message).toBe('Het label is verplicht in het Engels.');
		expect((await sections(id)).needs.themes).toHaveLength(1);
	});

	it('imports a needs file with one English column, and names that header when it is wrong', async () => {
		const imported = await call<{ count: number }>(
			'POST',
			`/api/concertations/${id}/needs/import`,
			{
				csv: 'theme_en,count\nHousing,4\nEmployment,2\n'
			}
		);
		expect(imported.status, JSON.stringify(imported.body)).toBe(200);
		expect((await sections(id)).needs.themes.map((theme) => theme.label)).toEqual([
			{ fr: '', nl: '', en: 'Housing' },
			{ fr: '', nl: '', en: 'Employment' }
		]);
		const old = await call('POST', `/api/concertations/${id}/needs/import`, {
			csv: 'theme_fr,theme_nl,count\nLogement,Huisvesting,4\n'
		});
		expect(old.status).toBe(400);
		expect(JSON.stringify(old.body)).toContain('theme_en,count');
		expect((await sections(id)).needs.themes).toHaveLength(2);
	});

	it('takes the questions of the day in English and refuses one in French only', async () => {
		const added = await command<{ id: number }>(id, 'topics.saveQuestion', {
			textEn: 'How can we refer people better?'
		});
		expect(added.status, JSON.stringify(added.body)).toBe(200);
		const questionId = added.body.data!.id;
		const refused = await command(id, 'topics.saveQuestion', {
			textFr: 'Comment mieux orienter ?'
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error?.code).toBe('topics_question_required');
		expect(refused.body.error?.message).toBe('Enter the question in English.');

		const edited = await command(id, 'topics.edit', {
			id: questionId,
			textEn: 'How can we refer people sooner?'
		});
		expect(edited.status, JSON.stringify(edited.body)).toBe(200);
		// Emptying the English empties the question: refused, and nothing changes.
		const emptied = await command(id, 'topics.edit', { id: questionId, textEn: '' }, 'nl');
		expect(emptied.body.error?.message).toBe('Vul de vraag in het Engels in.');
		const question = (await sections(id)).topics.items.find((item) => item.id === questionId);
		expect(question?.text).toEqual({ fr: '', nl: '', en: 'How can we refer people sooner?' });
	});

	it('takes a meeting part’s title in English, and refuses one without', async () => {
		const part = { date: '2026-04-20', startTime: '09:00', endTime: '12:00' };
		const made = await command(id, 'parts.create', {
			...part,
			title: { fr: '', nl: '', en: 'Morning' }
		});
		expect(made.status, JSON.stringify(made.body)).toBe(200);
		const refused = await command(
			id,
			'parts.create',
			{ ...part, title: { fr: 'Matin', nl: 'Ochtend' } },
			'fr'
		);
		expect(refused.status).toBe(409);
		expect(refused.body.error?.code).toBe('title_required');
		expect(refused.body.error?.message).toBe('Donnez un titre à la partie en anglais.');
	});

	it('opens a table on a priority typed in English, and refuses one in French only', async () => {
		await openTablesPhase(server, admin, id);
		const table = await command(id, 'tables.create', {
			name: 'A',
			priority: { fr: '', nl: '', en: 'Access to care' },
			capacity: null
		});
		expect(table.status, JSON.stringify(table.body)).toBe(200);
		const refused = await command(id, 'tables.create', {
			name: 'B',
			priority: { fr: 'Accès aux soins', nl: '' },
			capacity: null
		});
		expect(refused.status).toBe(409);
		expect(refused.body.error?.code).toBe('tables_priority_empty');
		expect(refused.body.error?.message).toBe('Give the table’s priority (in English).');
		expect((await sections(id)).tables.tables.map((t) => t.priority)).toEqual([
			{ fr: '', nl: '', en: 'Access to care' }
		]);
	});

	it('writes the restitution’s texts and next dates in English, keeping them through a script of before', async () => {
		const base = `/api/concertations/${id}/restitution`;
		const texts = await call('PUT', `${base}/texts`, {
			introductionEn: 'Partners from five countries met Brussels care professionals.',
			thanksEn: 'Thank you for taking part'
		});
		expect(texts.status, JSON.stringify(texts.body)).toBe(200);
		// A script of before sends only French and Dutch: the English stays.
		expect((await call('PUT', `${base}/texts`, { conclusionFr: '' })).status).toBe(200);
		const date = await call('POST', `${base}/next-dates`, {
			labelEn: 'Return visit',
			date: '2026-10-05',
			descriptionEn: 'In Leuven.'
		});
		expect(date.status, JSON.stringify(date.body)).toBe(201);
		const refused = await call(
			'POST',
			`${base}/next-dates`,
			{ labelFr: 'Visite retour', date: '2026-10-06' },
			'fr'
		);
		expect(refused.status).toBe(400);
		expect(refused.body.error?.message).toBe('Indiquez ce qui a lieu, en anglais.');

		const { body } = await api<{
			texts: Record<string, string>;
			restitution: { introduction?: object; thanks?: object; nextDates: object[] };
		}>(server, 'GET', base, { token: admin });
		expect(body.texts).toMatchObject({
			introductionEn: 'Partners from five countries met Brussels care professionals.',
			thanksEn: 'Thank you for taking part'
		});
		expect(body.restitution.introduction).toEqual({
			en: 'Partners from five countries met Brussels care professionals.'
		});
		expect(body.restitution.thanks).toEqual({ fr: '', nl: '', en: 'Thank you for taking part' });
		expect(body.restitution.nextDates).toEqual([
			{
				label: { fr: '', nl: '', en: 'Return visit' },
				date: '2026-10-05',
				description: { en: 'In Leuven.' }
			}
		]);
	});
});

describe('a French–English concertation', () => {
	let id: number;
	beforeAll(async () => {
		id = await created(['fr', 'en'], { titleFr: 'Visite d’étude', titleEn: 'Study visit' });
	});

	it('needs a theme in French and in English, and a question in either', async () => {
		const missing = await command(id, 'needs.saveTheme', {
			labelFr: 'Logement',
			labelNl: 'Huisvesting',
			count: 1
		});
		expect(missing.body.error?.message).toBe('The label is required in English.');
		expect(missing.body.error?.fields?.[0]?.path).toBe('labelEn');
		const both = await command(id, 'needs.saveTheme', {
			labelFr: 'Logement',
			labelNl: '',
			labelEn: 'Housing',
			count: 1
		});
		expect(both.status, JSON.stringify(both.body)).toBe(200);

		expect((await command(id, 'topics.saveQuestion', { textEn: 'Why?' })).status).toBe(200);
		const none = await command(id, 'topics.saveQuestion', { textNl: 'Waarom?' }, 'fr');
		expect(none.body.error?.message).toBe(
			'Indiquez la question en français, en anglais ou dans les deux langues.'
		);
	});
});

describe('a French–Dutch concertation', () => {
	it('answers as before: both labels of a theme, a question in French or Dutch', async () => {
		const { id } = await createConcertation(server, admin);
		const missing = await command(
			id,
			'needs.saveTheme',
			{ labelFr: 'Logement', labelNl: '', count: 1 },
			'fr'
		);
		expect(missing.body.error?.code).toBe('needs_label_required');
		expect(missing.body.error?.message).toBe(
			'Le libellé est obligatoire en français et en néerlandais.'
		);
		const saved = await command(id, 'needs.saveTheme', {
			labelFr: 'Logement',
			labelNl: 'Huisvesting',
			count: 1
		});
		expect(saved.status).toBe(200);
		expect((await sections(id)).needs.themes.map((theme) => theme.label)).toEqual([
			{ fr: 'Logement', nl: 'Huisvesting' }
		]);
		expect((await command(id, 'topics.saveQuestion', { textNl: 'Waarom?' })).status).toBe(200);
		const none = await command(id, 'topics.saveQuestion', { textEn: 'Why?' });
		expect(none.body.error?.message).toBe('Enter the question in French, in Dutch or in both.');
	});
});
