import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandAck, Snapshot } from '../../src/lib/protocol';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS
} from '../helpers/browser';
import {
	commandId,
	connectFacilitator,
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

/** A new concertation in its tables phase, driven by a fresh facilitator socket. */
async function startTablesPhase() {
	const concertation = await createConcertation(server, token);
	facilitator?.disconnect();
	facilitator = connectFacilitator(server, token, concertation.id);
	const programme = (await next(facilitator, 'snapshot')).sections.programme!;
	await command('session.start', {});
	await command('phase.goto', { phaseId: programme.find((p) => p.kind === 'tables')!.id });
	return { concertation, programme };
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
		facilitator = connectFacilitator(server, token, concertation.id);
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

	it('keeps the restitution legible at 1920×1080: side by side with +N, one table in pages', async () => {
		captureOnFailure('tables-restitution');
		const { concertation, programme } = await startTablesPhase();
		const tableIds: number[] = [];
		for (const [name, fr, nl] of [
			[
				'1',
				'Accès au logement pour les personnes en situation de précarité',
				'Toegang tot huisvesting voor mensen in een precaire situatie'
			],
			[
				'2',
				'Continuité des soins entre hôpital et domicile',
				'Zorgcontinuïteit tussen ziekenhuis en thuis'
			],
			['3', 'Santé mentale des jeunes', 'Geestelijke gezondheid van jongeren']
		]) {
			const { tableId } = await command('tables.create', {
				name,
				priority: { fr, nl },
				capacity: null
			});
			tableIds.push(tableId);
		}
		// Two heavy tables (4 categories × 6 items of up to 500 characters) and a light one.
		const sentence =
			'Les délais d’attente pour un premier rendez-vous dépassent souvent trois mois, et les familles renoncent faute de relais de proximité. ';
		const long = (n: number) => sentence.repeat(4).slice(0, n).trim();
		for (const tableId of tableIds.slice(0, 2)) {
			for (const category of ['barrier', 'lever', 'collaboration', 'actor']) {
				for (let n = 0; n < 6; n++) {
					await command('tables.item.add', {
						tableId,
						category,
						text: `${n + 1}. ${long(n % 2 ? 497 : 220)}`
					});
				}
			}
			await command('tables.justification.set', {
				tableId,
				text: long(500) + ' ' + long(500),
				baseRevision: 1
			});
		}
		await command('tables.item.add', {
			tableId: tableIds[2],
			category: 'barrier',
			text: 'Stigmatisation'
		});
		await command('tables.item.add', {
			tableId: tableIds[2],
			category: 'actor',
			text: 'PMS / CLB'
		});

		// Rapporteurs: one volunteered and agreed, one named by the facilitator (not confirmed).
		const anne = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Anne Dupont'
		});
		const bram = await joinAsParticipant(server, concertation.joinCode, {
			displayName: 'Bram Peeters'
		});
		const anneSocket = connectParticipant(server, concertation.id, anne.token, 'fr');
		await next(anneSocket, 'snapshot');
		const anneSays = async (name: string, input: Record<string, unknown>) => {
			const raw = anneSocket as unknown as {
				emitWithAck: (event: string, payload: unknown) => Promise<CommandAck>;
			};
			const ack = await raw.emitWithAck(name, { ...input, commandId: commandId(name) });
			if (!ack.ok) throw new Error(`${name}: ${ack.error.message}`);
		};
		await anneSays('tables.join', { tableId: tableIds[0] });
		await anneSays('tables.rapporteur.take', { tableId: tableIds[0], showName: true });
		await command('tables.seat', { participantId: bram.participantId, tableId: tableIds[1] });
		await command('tables.rapporteur.take', {
			tableId: tableIds[1],
			participantId: bram.participantId
		});

		await command('phase.goto', { phaseId: programme.find((p) => p.kind === 'restitution')!.id });
		const projector = await device(VIEWPORTS.projector);
		const desk = await device(VIEWPORTS.console);
		await desk.context.addCookies([
			{ name: 'concertation_session', value: token, url: server.url }
		]);
		await projector.page.goto(`${server.url}/s/${concertation.id}?key=${concertation.screenKey}`);
		await projector.page.getByTestId('restitution-tables').waitFor();
		await expect.poll(() => projector.page.getByTestId('restitution-table').count()).toBe(3);

		// Side by side: counts, the first items, "+N", the consented name only.
		await expect.poll(() => projector.page.getByTestId('restitution-more').count()).toBe(8);
		await projector.page.getByText('+4 autres', { exact: true }).first().waitFor();
		await projector.page.getByText('Anne Dupont', { exact: true }).waitFor();
		expect(await projector.page.getByText('Bram Peeters').count()).toBe(0);
		await projector.page.getByText('Rapporteur·euse (table 2)', { exact: true }).waitFor();
		const sideBySide = await clipping(projector.page);
		expect(sideBySide.clipped).toEqual([]);
		await shot(projector.page, 'projector-restitution-heavy-side-by-side');

		// One heavy table: pages the facilitator steps through from the console.
		await desk.page.goto(`${server.url}/f/${concertation.id}`);
		// The restitution has no console panel of its own here: the facilitator opens the tables'.
		await desk.page
			.locator('#panel-choice')
			.selectOption(String(programme.find((p) => p.kind === 'tables')!.id));
		await desk.page.locator('#spotlight').selectOption(String(tableIds[0]));
		await projector.page.getByTestId('restitution-page').waitFor();
		const pageLabel = await projector.page.getByTestId('restitution-page').textContent();
		const pages = Number(/Page 1 \/ (\d+)/.exec(pageLabel ?? '')?.[1]);
		expect(pages).toBeGreaterThan(2);
		await desk.page.getByTestId('spotlight-page').getByText(`1 / ${pages}`).waitFor();
		const seen: number[] = [];
		for (let page = 1; page <= pages; page++) {
			if (page > 1) await desk.page.getByRole('button', { name: /Page suivante/ }).click();
			await projector.page
				.getByTestId('restitution-page')
				.getByText(`Page ${page} / ${pages}`, { exact: true })
				.waitFor();
			const measured = await clipping(projector.page);
			expect(measured.clipped, `page ${page}`).toEqual([]);
			seen.push(measured.scale);
			if (page <= 2) await shot(projector.page, `projector-restitution-heavy-one-page-${page}`);
		}
		// The last page stays the last.
		expect(await desk.page.getByRole('button', { name: /Page suivante/ }).isDisabled()).toBe(true);
		globalThis.console.info(
			`heavy table: ${pages} projector pages, type scale per page ${seen.join(', ')}`
		);

		// The light table fits on one page, without a pager.
		await desk.page.locator('#spotlight').selectOption(String(tableIds[2]));
		await projector.page.getByText('PMS / CLB', { exact: true }).waitFor();
		expect(await projector.page.getByTestId('restitution-page').count()).toBe(0);
		expect((await clipping(projector.page)).clipped).toEqual([]);
		await shot(projector.page, 'projector-restitution-light-one');
		await expectNoAxeViolations(projector.page, 'projector, paged restitution');
		anneSocket.disconnect();
	}, 120_000);

	it('shows an offline edit refused after a reload, and saves it on "keep mine"', async () => {
		captureOnFailure('tables-offline-conflict');
		const { concertation } = await startTablesPhase();
		const { tableId } = await command('tables.create', {
			name: '1',
			priority: { fr: 'Accès au logement', nl: 'Toegang tot huisvesting' },
			capacity: null
		});
		const anne = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Anne' });
		const bram = await joinAsParticipant(server, concertation.joinCode, { displayName: 'Bram' });
		await command('tables.seat', { participantId: anne.participantId, tableId });
		await command('tables.seat', { participantId: bram.participantId, tableId });
		const { item } = (await command('tables.item.add', {
			tableId,
			category: 'barrier',
			text: 'Texte d’origine'
		})) as unknown as { item: { id: number } };
		// The facilitator names Anne: her phone asks before her name goes on the projector.
		await command('tables.rapporteur.take', { tableId, participantId: anne.participantId });

		const phone = await device(VIEWPORTS.phone, true);
		await phone.context.addCookies([
			{ name: `concertation_p${concertation.id}`, value: anne.token, url: server.url }
		]);
		const page = phone.page;
		await page.goto(`${server.url}/j/${concertation.joinCode}`);
		await page.getByText('Texte d’origine', { exact: true }).waitFor();
		await page
			.getByTestId('name-consent')
			.getByRole('button', { name: 'Oui, afficher mon nom' })
			.click();
		await page.getByText('Votre nom est affiché à l’écran et dans la synthèse.').waitFor();

		// Offline, Anne rewrites the item; the edit waits in localStorage.
		await phone.context.setOffline(true);
		await page.locator('.banner.offline').waitFor({ timeout: 15_000 });
		await page
			.getByRole('button', { name: /^Modifier/ })
			.first()
			.click();
		await page.locator(`#phone-edit-${item.id}`).fill('Ma version hors ligne');
		await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
		await page.getByText('Ma version hors ligne', { exact: true }).waitFor();
		// The page goes away (reloaded, closed tab): nobody is left waiting for the answer.
		await page.goto('about:blank');

		// Meanwhile Bram edits the same item.
		const bramSocket = connectParticipant(server, concertation.id, bram.token, 'fr');
		await next(bramSocket, 'snapshot');
		const raw = bramSocket as unknown as {
			emitWithAck: (event: string, payload: unknown) => Promise<CommandAck>;
		};
		const bramEdit = await raw.emitWithAck('tables.item.edit', {
			itemId: item.id,
			text: 'La version de Bram',
			baseRevision: 1,
			commandId: commandId('bram')
		});
		expect(bramEdit.ok).toBe(true);
		bramSocket.disconnect();

		// Back online, the phone reopens and replays its queue: the refusal is shown, not lost.
		await phone.context.setOffline(false);
		await page.goto(`${server.url}/j/${concertation.joinCode}`);
		const rejected = page.getByTestId('rejected-change');
		await rejected.waitFor({ timeout: 15_000 });
		await rejected.getByText('Ma version hors ligne', { exact: true }).waitFor();
		await rejected.getByText('La version de Bram', { exact: true }).waitFor();
		await shot(page, 'phone-rejected-replay');
		await expectNoAxeViolations(page, 'phone, rejected offline change');

		await rejected.getByRole('button', { name: 'Garder la mienne' }).click();
		await expect.poll(() => page.getByTestId('rejected-change').count()).toBe(0);
		const stored = async () =>
			((await facilitator.emitWithAck('sync')) as Snapshot).sections.tables!.details![0]!;
		await expect
			.poll(async () => (await stored()).items.find((i) => i.id === item.id)?.text)
			.toBe('Ma version hors ligne');
		expect((await stored()).rapporteur?.showName).toBe(true);
		await page
			.getByTestId('items-barrier')
			.getByText('Ma version hors ligne', { exact: true })
			.waitFor();
	}, 90_000);
});

/**
 * Elements of the restitution that do not fit the projector: below the visible part of the
 * phase area (which clips) or below 1080 px, above it, or past the right edge.
 */
async function clipping(page: Page): Promise<{ clipped: string[]; scale: number }> {
	// Let the shrink-to-fit settle.
	await page.waitForTimeout(300);
	return page.evaluate(() => {
		const phase = document.querySelector('[data-testid="screen-phase"]')!.getBoundingClientRect();
		const root = document.querySelector<HTMLElement>('[data-testid="restitution-tables"]')!;
		const bottom = Math.min(phase.bottom, window.innerHeight);
		const clipped: string[] = [];
		for (const element of [root, ...root.querySelectorAll('*')]) {
			const box = element.getBoundingClientRect();
			if (box.height === 0) continue;
			if (box.bottom > bottom + 0.5 || box.top < phase.top - 0.5 || box.right > window.innerWidth)
				clipped.push(
					`${element.tagName} ${Math.round(box.top)}–${Math.round(box.bottom)} (limit ${Math.round(bottom)})`
				);
		}
		return { clipped: clipped.slice(0, 5), scale: Number(root.dataset.scale) };
	});
}
