import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck } from '../../src/lib/protocol';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS
} from '../helpers/browser';
import {
	commandId,
	connect,
	createConcertation,
	joinAsParticipant,
	next,
	signIn,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Two tables in real browsers: two phones each join a table and add items, which appear on
 * the facilitator's console and on the projector; one phone goes offline, its item shows as
 * "not sent yet" and is stored once when the connection returns; the restitution shows the
 * tables' lists on the projector.
 */

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(tmpdir(), 'concertation-tables-shots');

let server: RunningServer;
let token: string;
let facilitator: TestSocket;

async function device(
	viewport: { width: number; height: number },
	isMobile = false,
	locale = 'fr-BE'
) {
	const opened = await launchDevice({ viewport, isMobile, locale });
	// Deleting an item asks for confirmation.
	opened.page.on('dialog', (dialog) => void dialog.accept());
	return opened;
}

async function command(name: string, input: Record<string, unknown>) {
	const raw = facilitator as unknown as {
		emitWithAck: (event: string, payload: unknown) => Promise<CommandAck<{ tableId: number }>>;
	};
	const ack = await raw.emitWithAck(name, { ...input, commandId: commandId(name) });
	if (!ack.ok) throw new Error(`${name}: ${ack.error.message}`);
	return ack.data;
}

async function shot(page: Page, name: string) {
	mkdirSync(SHOTS, { recursive: true });
	await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
});

afterAll(async () => {
	facilitator?.disconnect();
	await closeAllDevices();
	await server?.stop();
});

describe('discussion tables in the browser', () => {
	it('shows items added from two phones on the console and the projector, offline ones as pending', async () => {
		captureOnFailure('tables');
		const concertation = await createConcertation(server, token);
		facilitator = connect(
			server,
			{ concertationId: concertation.id, role: 'facilitator' },
			`concertation_session=${token}`
		);
		const snapshot = await next(facilitator, 'snapshot');
		const programme = snapshot.sections.programme!;
		const tablesPhase = programme.find((p) => p.kind === 'tables')!;
		const restitution = programme.find((p) => p.kind === 'restitution')!;
		await command('session.start', {});
		await command('phase.goto', { phaseId: tablesPhase.id });
		const table1 = await command('tables.create', {
			name: '1',
			priority: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
			capacity: 10
		});
		await command('tables.create', {
			name: '2',
			priority: { fr: 'Continuité des soins', nl: 'Zorgcontinuïteit' },
			capacity: null
		});

		const anne = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Anne' });
		const bram = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Bram',
			locale: 'nl',
			sector: 'social'
		});
		const participantCookie = (value: string) => [
			{ name: `concertation_p${concertation.id}`, value, url: server.url }
		];

		const phoneA = await device(VIEWPORTS.phone, true);
		await phoneA.context.addCookies(participantCookie(anne.token));
		const phoneB = await device(VIEWPORTS.phone, true, 'nl-BE');
		await phoneB.context.addCookies(participantCookie(bram.token));
		const desk = await device(VIEWPORTS.console);
		await desk.context.addCookies([
			{ name: 'concertation_session', value: token, url: server.url }
		]);
		const projector = await device(VIEWPORTS.projector);

		await desk.page.goto(`${server.url}/f/${concertation.id}`);
		await projector.page.goto(`${server.url}/s/${concertation.id}?key=${concertation.screenKey}`);
		await phoneA.page.goto(`${server.url}/j/${concertation.joinCode}`);
		await phoneB.page.goto(`${server.url}/j/${concertation.joinCode}`);

		// Each phone chooses its table.
		await phoneA.page.getByRole('button', { name: /Rejoindre cette table.*1/ }).click();
		await phoneB.page.getByRole('button', { name: /Aan deze tafel gaan.*2/ }).click();
		await phoneA.page.getByTestId('my-table').waitFor();
		await phoneB.page.getByTestId('my-table').waitFor();
		await shot(phoneA.page, 'phone-table-empty');

		await phoneA.page.locator('#phone-add-barrier').fill('Loyers <trop> élevés');
		await phoneA.page.getByRole('button', { name: 'Ajouter' }).first().click();
		await phoneB.page.locator('#phone-add-actor').fill('OCMW / CPAS');
		await phoneB.page.getByRole('button', { name: 'Toevoegen' }).last().click();
		await phoneA.page.getByText('Loyers <trop> élevés', { exact: true }).waitFor();
		await phoneB.page.getByText('OCMW / CPAS', { exact: true }).waitFor();
		// Each phone sees its own table only.
		expect(await phoneA.page.getByText('OCMW / CPAS', { exact: true }).count()).toBe(0);

		// The console's overview counts them, and its details show the items as typed.
		const rows = desk.page.getByTestId('overview-row');
		await expect
			.poll(() => rows.nth(0).getByTestId('count-barrier').textContent(), { timeout: 5000 })
			.toBe('1');
		await expect
			.poll(() => rows.nth(1).getByTestId('count-actor').textContent(), { timeout: 5000 })
			.toBe('1');
		await desk.page.getByTestId('table-detail').nth(0).locator('summary').click();
		await desk.page.getByText('Loyers <trop> élevés', { exact: true }).waitFor();

		// The projector shows each table's name, priority and counts.
		const screenTables = projector.page.getByTestId('screen-table');
		await expect.poll(() => screenTables.count()).toBe(2);
		await expect
			.poll(() => screenTables.nth(0).getByTestId('screen-count-barrier').textContent())
			.toBe('1');
		await expect
			.poll(() => screenTables.nth(1).getByTestId('screen-count-actor').textContent())
			.toBe('1');
		expect(await projector.page.getByText('Accès au logement', { exact: true }).count()).toBe(1);

		// Offline: the item waits on the phone, marked as not sent, then is stored once.
		await phoneA.context.setOffline(true);
		await phoneA.page.locator('.banner.offline').waitFor({ timeout: 15_000 });
		await phoneA.page.locator('#phone-add-lever').fill('Capteur logement');
		await phoneA.page.getByRole('button', { name: 'Ajouter' }).nth(1).click();
		await phoneA.page.getByTestId('pending-item').waitFor();
		await shot(phoneA.page, 'phone-offline-pending');
		await phoneA.context.setOffline(false);
		await expect
			.poll(() => phoneA.page.getByTestId('pending-item').count(), { timeout: 20_000 })
			.toBe(0);
		await phoneA.page.getByText('Capteur logement', { exact: true }).waitFor();
		await expect
			.poll(() => rows.nth(0).getByTestId('count-lever').textContent(), { timeout: 5000 })
			.toBe('1');

		await shot(phoneA.page, 'phone-table');
		// No horizontal scroll on a 360 px phone, even with every list open.
		expect(
			await phoneA.page.evaluate(() => document.documentElement.scrollWidth)
		).toBeLessThanOrEqual(VIEWPORTS.phone.width);
		await shot(desk.page, 'console-tables');
		await shot(projector.page, 'projector-tables');
		await expectNoAxeViolations(phoneA.page, 'phone at a table');
		await expectNoAxeViolations(desk.page, 'console, tables panel');
		await expectNoAxeViolations(projector.page, 'projector, tables');

		// Restitution: the projector shows each table's lists, then one table alone.
		await command('tables.rapporteur.take', {
			tableId: table1.tableId,
			participantId: anne.participantId
		});
		await command('tables.justification.set', {
			tableId: table1.tableId,
			text: 'Sans logement, pas de soins.',
			baseRevision: 1
		});
		await command('phase.goto', { phaseId: restitution.id });
		await projector.page.getByTestId('restitution-tables').waitFor();
		await expect.poll(() => projector.page.getByTestId('restitution-table').count()).toBe(2);
		await projector.page.getByText('Capteur logement', { exact: true }).waitFor();
		await projector.page.getByText('OCMW / CPAS', { exact: true }).waitFor();
		await shot(projector.page, 'projector-restitution');
		await command('tables.spotlight', { tableId: table1.tableId });
		await expect.poll(() => projector.page.getByTestId('restitution-table').count()).toBe(1);
		await projector.page.getByText('Sans logement, pas de soins.', { exact: true }).waitFor();
		await shot(projector.page, 'projector-restitution-one');
		await expectNoAxeViolations(projector.page, 'projector, restitution');

		// Closed: the phone shows its table read-only.
		expect(await phoneA.page.locator('#phone-add-barrier').count()).toBe(0);
	});
});
