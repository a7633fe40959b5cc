import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Restitution } from '../../src/lib/protocol/summary';
import { parseRestitutionJson } from '../../src/lib/server/restitution/render-json';
import { coordinatorAccount, formAction } from '../helpers/restitution';
import {
	api,
	createConcertation,
	joinAsParticipant,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Next dates with their details through the JSON API and the review page's form, and their
 * calendar files over the real server: who may read them (phones of the concertation,
 * reviewers, share-link holders) and who may not.
 */

let server: RunningServer;
let admin: string;

beforeAll(async () => {
	server = await startServer();
	admin = await signIn(server);
});

afterAll(async () => {
	await server?.stop();
});

const inDays = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text));
	for (const zone of calendar.getAllSubcomponents('vtimezone'))
		ICAL.TimezoneService.register(new ICAL.Timezone(zone));
	return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

async function nextDates(id: number): Promise<Restitution['nextDates']> {
	const response = await fetch(`${server.url}/api/concertations/${id}/restitution.json`, {
		headers: { authorization: `Bearer ${admin}` }
	});
	return parseRestitutionJson(await response.text()).nextDates;
}

async function screenDates(id: number) {
	const { body } = await api<{
		sections: { screen: { nextDates: { key: string; label: { fr: string } }[] } };
	}>(server, 'GET', `/api/concertations/${id}`, { token: admin });
	return body.sections.screen.nextDates;
}

function addDate(id: number, token: string, body: Record<string, string>) {
	return api<{
		ok: boolean;
		error?: { code: string; message: string; fields?: { path: string }[] };
	}>(server, 'POST', `/api/concertations/${id}/restitution/next-dates`, { token, body });
}

async function makeShare(id: number): Promise<{ id: number; token: string }> {
	const made = await api<{ share: { id: number; token: string } }>(
		server,
		'POST',
		`/api/concertations/${id}/restitution/shares`,
		{ token: admin }
	);
	return made.body.share;
}

async function makeSeries(titleFr: string): Promise<number> {
	const created = await api<{ series: { id: number } }>(server, 'POST', '/api/series', {
		token: admin,
		body: { titleFr, titleNl: `${titleFr} (nl)` }
	});
	return created.body.series.id;
}

async function concertationIn(seriesId: number) {
	const concertation = await createConcertation(server, admin);
	const moved = await api(server, 'PATCH', `/api/concertations/${concertation.id}`, {
		token: admin,
		body: { seriesId }
	});
	expect(moved.status).toBe(200);
	return concertation;
}

describe('next dates with a time span, a link and a description', () => {
	it('are added through the JSON API and the review page, and refused with translated, named errors', async () => {
		const concertation = await createConcertation(server, admin);
		const added = await addDate(concertation.id, admin, {
			labelFr: 'Conseil de l’action',
			labelNl: 'Actieraad',
			date: inDays(40),
			time: '09:30',
			endTime: '12:30',
			link: 'https://meet.example.org/actieraad',
			descriptionFr: 'Définir ensemble le périmètre',
			descriptionNl: 'Samen de reikwijdte bepalen'
		});
		expect(added.status).toBe(201);
		const form = await formAction(server, admin, `/r/${concertation.id}?/addDate`, {
			key: 'nextDates',
			labelFr: 'Concertation N°3',
			labelNl: 'Overleg nr. 3',
			date: inDays(80),
			time: '14:00',
			place: 'Maison de quartier Helmet'
		});
		expect(form.type).toBe('success');
		expect(await nextDates(concertation.id)).toEqual([
			{
				label: { fr: 'Conseil de l’action', nl: 'Actieraad' },
				date: inDays(40),
				time: '09:30',
				endTime: '12:30',
				link: 'https://meet.example.org/actieraad',
				description: { fr: 'Définir ensemble le périmètre', nl: 'Samen de reikwijdte bepalen' }
			},
			{
				label: { fr: 'Concertation N°3', nl: 'Overleg nr. 3' },
				date: inDays(80),
				time: '14:00',
				place: 'Maison de quartier Helmet'
			}
		]);

		// Refusals: translated in the caller's language, naming the field, nothing stored.
		const badLink = await addDate(concertation.id, admin, {
			labelFr: 'X',
			date: inDays(10),
			link: 'javascript:alert(1)'
		});
		expect(badLink.status).toBe(400);
		expect(badLink.body.error).toMatchObject({ code: 'nextDate_link', fields: [{ path: 'link' }] });
		expect(badLink.body.error?.message).toContain('https://');
		const badSpan = await addDate(concertation.id, admin, {
			labelFr: 'X',
			date: inDays(10),
			time: '12:00',
			endTime: '11:00'
		});
		expect(badSpan.body.error).toMatchObject({
			code: 'nextDate_endBeforeStart',
			fields: [{ path: 'endTime' }]
		});
		const refusedForm = await formAction(server, admin, `/r/${concertation.id}?/addDate`, {
			key: 'nextDates',
			labelFr: 'Y',
			date: inDays(10),
			link: 'ftp://example.org'
		});
		expect(refusedForm.status).toBe(400);
		// The form gets the message, the field to point at, and what was typed back.
		expect(refusedForm.data).toContain('https://');
		expect(refusedForm.data).toContain('ftp://example.org');
		expect(await nextDates(concertation.id)).toHaveLength(2);
	});
});

describe('a next date’s calendar file', () => {
	it('opens for the concertation’s phones, reviewers and share links, and no one else', async () => {
		const concertation = await createConcertation(server, admin);
		const other = await createConcertation(server, admin);
		expect(
			(
				await addDate(concertation.id, admin, {
					labelFr: 'Groupe de travail',
					labelNl: 'Werkgroep',
					date: '2027-11-04',
					time: '09:30',
					endTime: '11:00',
					place: 'Rue Haute 1, Bruxelles'
				})
			).status
		).toBe(201);
		const [dated] = await screenDates(concertation.id);
		expect(dated?.key).toMatch(/^[0-9a-f]{16}$/);
		const path = `/api/concertations/${concertation.id}/next-dates/${dated?.key}.ics`;

		// A phone that joined, with its cookie.
		const phone = await joinAsParticipant(server, concertation.joinCode, { locale: 'nl' });
		const cookie = `concertation_p${concertation.id}=${phone.token}; concertation_lang=nl`;
		const byPhone = await fetch(`${server.url}${path}`, { headers: { cookie } });
		expect(byPhone.status).toBe(200);
		expect(byPhone.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		expect(byPhone.headers.get('content-disposition')).toBe(
			'attachment; filename="next-date-2027-11-04-09h30.ics"'
		);
		const text = await byPhone.text();
		expect(text).toContain('DTSTART;TZID=Europe/Brussels:20271104T093000');
		const [event] = parse(text);
		expect(event?.summary).toBe('Werkgroep');
		expect(event?.location).toBe('Rue Haute 1, Bruxelles');
		expect(event?.startDate.toJSDate().toISOString()).toBe('2027-11-04T08:30:00.000Z');
		expect(event?.endDate.toJSDate().toISOString()).toBe('2027-11-04T10:00:00.000Z');

		// An account that reviews it, in French.
		const byAdmin = await fetch(`${server.url}${path}`, {
			headers: { authorization: `Bearer ${admin}`, 'accept-language': 'fr' }
		});
		expect(byAdmin.status).toBe(200);
		expect(parse(await byAdmin.text())[0]?.summary).toBe('Groupe de travail');

		// A share link, then revoked.
		const share = await makeShare(concertation.id);
		expect((await fetch(`${server.url}${path}?share=${share.token}`)).status).toBe(200);
		// The share link's page links it.
		const sharePage = await (await fetch(`${server.url}/r/share/${share.token}`)).text();
		expect(sharePage).toContain(`${path}?share=${share.token}`);
		await api(
			server,
			'DELETE',
			`/api/concertations/${concertation.id}/restitution/shares/${share.id}`,
			{
				token: admin
			}
		);
		expect((await fetch(`${server.url}${path}?share=${share.token}`)).status).toBe(404);

		// Refused: nobody, a phone of another concertation, a share of another concertation,
		// a coordinator who does not follow its series, an unknown date or concertation.
		expect((await fetch(`${server.url}${path}`)).status).toBe(401);
		const stranger = await joinAsParticipant(server, other.joinCode);
		expect(
			(
				await fetch(`${server.url}${path}`, {
					headers: { cookie: `concertation_p${other.id}=${stranger.token}` }
				})
			).status
		).toBe(401);
		expect(
			(
				await fetch(`${server.url}${path}`, {
					headers: { cookie: `concertation_p${concertation.id}=${stranger.token}` }
				})
			).status
		).toBe(401);
		const otherShare = await makeShare(other.id);
		expect((await fetch(`${server.url}${path}?share=${otherShare.token}`)).status).toBe(404);
		const coordinator = await coordinatorAccount(server, 'dates-elsewhere@example.org');
		const byCoordinator = await api<{ error: { message: string } }>(server, 'GET', path, {
			token: coordinator
		});
		expect(byCoordinator.status).toBe(403);
		expect(byCoordinator.body.error.message).toBeTruthy();
		const unknown = await fetch(
			`${server.url}/api/concertations/${concertation.id}/next-dates/0123456789abcdef.ics`,
			{ headers: { cookie } }
		);
		expect(unknown.status).toBe(404);
		expect((await fetch(`${server.url}/api/concertations/999999/next-dates/x.ics`)).status).toBe(
			401
		);
	});
});

describe('a series’ calendar of coming dates', () => {
	it('gathers the coming dates of every concertation of the series, each once', async () => {
		const seriesId = await makeSeries('Zone Nord-Est');
		const otherSeries = await makeSeries('Zone Sud');
		const first = await concertationIn(seriesId);
		const second = await concertationIn(seriesId);
		const elsewhere = await concertationIn(otherSeries);
		const date = (labelFr: string, when: string, time = '') => ({
			labelFr,
			labelNl: `${labelFr} (nl)`,
			date: when,
			time
		});
		for (const [id, body] of [
			[first.id, date('Passée', inDays(-10), '10:00')],
			[first.id, date('Conseil de l’action', inDays(20), '09:30')],
			[second.id, date('Conseil de l’action', inDays(20), '09:30')],
			[second.id, date('Concertation N°3', inDays(60))],
			[elsewhere.id, date('Ailleurs', inDays(30))]
		] as const)
			expect((await addDate(id, admin, body)).status).toBe(201);

		const path = `/api/series/${seriesId}/next-dates.ics`;
		const response = await fetch(`${server.url}${path}`, {
			headers: { authorization: `Bearer ${admin}`, 'accept-language': 'fr' }
		});
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toBe(
			`attachment; filename="series-${seriesId}-next-dates.ics"`
		);
		const events = parse(await response.text());
		expect(events.map((event) => event.summary)).toEqual([
			'Conseil de l’action',
			'Concertation N°3'
		]);
		expect(events[1]?.startDate.isDate).toBe(true);
		expect(new Set(events.map((event) => event.uid)).size).toBe(2);

		// The series' coordinator, and a share link of one of its concertations.
		const follower = await coordinatorAccount(server, 'dates-follower@example.org');
		await api(server, 'POST', `/api/series/${seriesId}/coordinators`, {
			token: admin,
			body: { email: 'dates-follower@example.org' }
		});
		expect(
			(await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${follower}` } }))
				.status
		).toBe(200);
		const share = await makeShare(second.id);
		expect((await fetch(`${server.url}${path}?share=${share.token}`)).status).toBe(200);

		// Refused: nobody, a share of another series' concertation, a coordinator of another
		// series, a phone of the series (phones get their date's own file), an unknown series.
		expect((await fetch(`${server.url}${path}`)).status).toBe(401);
		const foreign = await makeShare(elsewhere.id);
		expect((await fetch(`${server.url}${path}?share=${foreign.token}`)).status).toBe(404);
		expect(
			(await api(server, 'GET', `/api/series/${otherSeries}/next-dates.ics`, { token: follower }))
				.status
		).toBe(403);
		const phone = await joinAsParticipant(server, first.joinCode);
		expect(
			(
				await fetch(`${server.url}${path}`, {
					headers: { cookie: `concertation_p${first.id}=${phone.token}` }
				})
			).status
		).toBe(401);
		expect(
			(await api(server, 'GET', '/api/series/999999/next-dates.ics', { token: admin })).status
		).toBe(404);
	});
});
