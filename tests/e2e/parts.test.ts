import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestitutionEnvelope } from '../../src/lib/protocol/summary';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { expectLegible } from '../helpers/projector';
import { confirmOnConsole, onlineIs } from '../helpers/remote';
import { httpCommand, pdfText } from '../helpers/restitution';
import {
	api,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * A virtual study visit in three parts on three dates, as the room sees it: the third part
 * added in the programme editor, the console moving from part to part (each move asked
 * first), a phone and two projectors showing the current part in their small line (legible,
 * not cut, in the first viewport), attendance that differs from part to part, and a
 * restitution that covers the three parts (PDF pages, Markdown). Screenshots under
 * /tmp/parts-shots.
 */

const SHOTS = '/tmp/parts-shots';
let server: RunningServer;
let token: string;
let id: number;
let joinCode: string;
let screenKey: string;
let desk: Device;
let big: Device;
let small: Device;
let phone: Device;
const sockets: TestSocket[] = [];
let programme: { id: number }[] = [];

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
	const concertation = await createConcertation(server, token, {
		titleFr: 'Visite d’étude virtuelle',
		titleNl: 'Virtueel studiebezoek'
	});
	({ id, joinCode, screenKey } = concertation);
	[desk, big, small, phone] = await Promise.all([
		launchDevice({ viewport: { width: 1366, height: 768 } }),
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: { width: 1280, height: 720 } }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true })
	]);
	await desk.context.addCookies([{ name: 'concertation_session', value: token, url: server.url }]);
	const snapshot = await api<{ sections: { programme: { id: number }[] } }>(
		server,
		'GET',
		`/api/concertations/${id}`,
		{ token }
	);
	programme = snapshot.body.sections.programme;
});

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await closeAllDevices();
	await server?.stop();
});

/** A participant present from their phone (a socket) until `leave`. */
async function present(participantToken: string): Promise<TestSocket> {
	const socket = connectParticipant(server, id, participantToken);
	sockets.push(socket);
	await next(socket, 'snapshot');
	return socket;
}

describe('a study visit in three parts', () => {
	it('is planned in the programme editor', async () => {
		captureOnFailure('parts-editor');
		for (const [fr, nl, date] of [
			['Accueil et enjeux', 'Onthaal en uitdagingen', '2026-03-03'],
			['Visite de terrain', 'Terreinbezoek', '2026-03-10']
		]) {
			await httpCommand(server, token, id, 'parts.create', {
				title: { fr, nl },
				date,
				startTime: '09:30',
				endTime: '12:30',
				link: 'https://meet.example.org/visite'
			});
		}
		const page = desk.page;
		await page.goto(`${server.url}/f/${id}/edit`);
		await waitForHydration(page);
		const add = page.getByTestId('part-add');
		await add.locator('input[name="titleFr"]').fill('Bilan et suites');
		await add.locator('input[name="titleNl"]').fill('Evaluatie en vervolg');
		await add.locator('input[name="date"]').fill('2026-03-17');
		await add.locator('input[name="startTime"]').fill('13:30');
		await add.locator('input[name="endTime"]').fill('16:30');
		await add.locator('input[name="place"]').fill('Maison des Associations, Bruxelles');
		await add.locator('button[type="submit"]').click();
		await expect.poll(() => page.getByTestId('part-card').count()).toBe(3);
		// Steps 4–6 to part 2, the rest to part 3, with the editor's own selects.
		for (const [index, step] of programme.entries()) {
			if (index < 3) continue;
			const target = index < 6 ? 'Partie 2 sur 3' : 'Partie 3 sur 3';
			const select = page.locator(`#assign-${step.id}`);
			await select.selectOption({ label: target });
			await Promise.all([
				page.waitForResponse((r) => r.url().includes('?/part') && r.request().method() === 'POST'),
				select.locator('xpath=..').locator('button[type="submit"]').click()
			]);
		}
		const parts = await api<{ sections: { parts: { parts: { stepIds: number[] }[] } } }>(
			server,
			'GET',
			`/api/concertations/${id}`,
			{ token }
		);
		expect(parts.body.sections.parts.parts.map((part) => part.stepIds.length)).toEqual([
			3,
			3,
			programme.length - 6
		]);
		await page.getByTestId('parts-editor').screenshot({ path: `${SHOTS}/editor-1366.png` });
		await expectNoAxeViolations(page, 'programme editor with parts');
	});

	it('runs part 1, then part 2 and part 3 on their dates, with the room in each', async () => {
		captureOnFailure('parts-run');
		const people = await Promise.all(
			['Anne Dubois', 'Bram Peeters', 'Chloé Martin', 'Dirk Janssens'].map((name) =>
				joinAsParticipant(server, joinCode, { displayName: name })
			)
		);
		const console_ = desk.page;
		await console_.goto(`${server.url}/f/${id}`);
		await waitForHydration(console_);
		await Promise.all(
			[big, small].map(async ({ page }) => {
				await page.goto(`${server.url}/s/${id}?key=${encodeURIComponent(screenKey)}`);
				await waitForHydration(page);
			})
		);
		// The phone joins in the browser, on part 1.
		await phone.page.goto(`${server.url}/j/${joinCode}`);
		await waitForHydration(phone.page);
		await phone.page.locator('#displayName').fill('Élise Lambert');
		await phone.page.locator('#organisation').fill('Projet Lama');
		await phone.page.locator('input[name="consentAttendance"]').check();
		await phone.page.locator('main form button[type="submit"]').click();
		await phone.page.getByTestId('phone-part').waitFor();

		// Day 1: Anne and Bram (and Élise's phone).
		const day1 = [await present(people[0]!.token), await present(people[1]!.token)];
		await console_.getByTestId('console-start').click();
		await expect
			.poll(() => console_.getByTestId('console-part-position').textContent())
			.toBe('Partie 1 sur 3');
		await expect
			.poll(() => console_.getByTestId('console-part-attendance-1').textContent())
			.toBe('3 présent·es');
		for (const device of [big, small]) {
			await device.page.getByTestId('screen-part').waitFor();
			const text = await device.page.getByTestId('screen-part').textContent();
			expect(text).toContain('Partie 1 sur 3');
			expect(text).toContain('Deel 1 van 3');
			expect(text).toContain('mardi 3 mars 2026');
			await expectLegible(device.page, `projector ${device.page.viewportSize()?.width}: part 1`);
			const box = await device.page.getByTestId('screen-part').boundingBox();
			expect(box!.y + box!.height).toBeLessThanOrEqual(device.page.viewportSize()!.height);
			await device.page.screenshot({
				path: `${SHOTS}/projector-${device.page.viewportSize()!.width}-part1.png`
			});
		}
		await expect
			.poll(() => phone.page.getByTestId('phone-part').textContent())
			.toContain('Partie 1 sur 3');
		// Next stops at the part's last step.
		await console_.getByTestId('console-next').click();
		await console_.getByTestId('console-next').click();
		await expect.poll(() => console_.getByTestId('console-next').isDisabled()).toBe(true);
		await console_.screenshot({ path: `${SHOTS}/console-1366-part1.png` });
		await phone.page.screenshot({ path: `${SHOTS}/phone-360-part1.png`, fullPage: true });

		// End of day 1 (asked first).
		await console_.getByTestId('console-part-end').click();
		await confirmOnConsole(desk.page);
		await expect
			.poll(() => console_.getByTestId('console-part-position').textContent())
			.toBe('Aucune partie en cours.');
		await expect
			.poll(() => big.page.getByTestId('screen-part').textContent())
			.toContain('Prochaine partie\u00a0: Partie 2 sur 3');
		await expectLegible(big.page, 'projector 1920: between parts');
		await big.page.screenshot({ path: `${SHOTS}/projector-1920-between.png` });
		await expect
			.poll(() => phone.page.getByTestId('phone-part').textContent())
			.toContain('Prochaine partie');
		await phone.page.screenshot({ path: `${SHOTS}/phone-360-between.png`, fullPage: true });
		for (const socket of day1) socket.disconnect();
		await phone.close();
		await onlineIs(server, token, id, 0);

		// Day 2: Anne, Chloé and Dirk.
		const day2 = await Promise.all([0, 2, 3].map((n) => present(people[n]!.token)));
		await console_.getByTestId('console-part-start').click();
		await confirmOnConsole(desk.page);
		await expect
			.poll(() => console_.getByTestId('console-part-position').textContent())
			.toBe('Partie 2 sur 3');
		await expect
			.poll(() => console_.getByTestId('console-part-attendance-2').textContent())
			.toBe('3 présent·es');
		await expect
			.poll(() => big.page.getByTestId('screen-part').textContent())
			.toContain('Partie 2 sur 3');

		// Day 3, started straight from part 2 (which it ends): Dirk only.
		for (const socket of day2.slice(0, 2)) socket.disconnect();
		await onlineIs(server, token, id, 1);
		await console_.getByTestId('console-part-start').click();
		await confirmOnConsole(desk.page);
		await expect
			.poll(() => console_.getByTestId('console-part-position').textContent())
			.toBe('Partie 3 sur 3');
		await expect
			.poll(() => console_.getByTestId('console-part-attendance-3').textContent())
			.toBe('1 présent·e');
		await expect
			.poll(() => console_.getByTestId('console-part-attendance-1').textContent())
			.toBe('3 présent·es');
		for (const device of [big, small]) {
			await expect
				.poll(() => device.page.getByTestId('screen-part').textContent())
				.toContain('Partie 3 sur 3');
			await expectLegible(device.page, `projector ${device.page.viewportSize()?.width}: part 3`);
			await device.page.screenshot({
				path: `${SHOTS}/projector-${device.page.viewportSize()!.width}-part3.png`
			});
		}
		await console_.screenshot({ path: `${SHOTS}/console-1366-part3.png` });
		await expectNoAxeViolations(console_, 'console with parts');
	});

	it('gives a restitution that covers the three parts', async () => {
		await api(server, 'PUT', `/api/concertations/${id}/restitution/attendance-names`, {
			token,
			body: { listed: true }
		});
		const get = (format: string) =>
			fetch(`${server.url}/api/concertations/${id}/restitution.${format}`, {
				headers: { authorization: `Bearer ${token}` }
			});
		const envelope = (await (await get('json')).json()) as RestitutionEnvelope;
		expect(envelope.restitution.meetingParts!.map((part) => part.present)).toEqual([3, 3, 1]);
		const md = await (await get('md')).text();
		expect(md).toContain(
			'#### Partie 1 sur 3 · Deel 1 van 3 — Accueil et enjeux / Onthaal en uitdagingen'
		);
		expect(md).toContain(
			'#### Partie 3 sur 3 · Deel 3 van 3 — Bilan et suites / Evaluatie en vervolg'
		);
		expect(md).toContain('- Élise Lambert (Projet Lama)');
		const pdf = Buffer.from(await (await get('pdf')).arrayBuffer());
		writeFileSync(`${SHOTS}/restitution.pdf`, pdf);
		const { pages, text } = await pdfText(pdf);
		expect(pages).toBe(4);
		expect(text).toContain('Partie 2 sur 3 · Deel 2 van 3');
		expect(text).toContain('Maison des Associations, Bruxelles');
	});
});
