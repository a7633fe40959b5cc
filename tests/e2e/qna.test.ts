import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import frQna from '../../src/lib/i18n/locales/fr/qna.json';
import frSubmissions from '../../src/lib/i18n/locales/fr/submissions.json';
import { SESSION_COOKIE } from '../../src/lib/server/auth/sessions';
import {
	captureOnFailure,
	closeAllDevices,
	expectNoAxeViolations,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { expectFitsPhaseArea, expectLegible, showOnProjector } from '../helpers/projector';
import { questionOn } from '../helpers/remote';
import {
	api,
	commandId,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	runCommand as ok,
	signIn,
	startServer,
	type RunningServer,
	type TestSocket
} from '../helpers/server';

/**
 * Q&A with experts in real browsers: the console (1366×768), two projectors (1920×1080 and
 * 1280×720) and a phone (360×740), with two more people on their phones' sockets. The phone
 * asks, people upvote, the facilitator pins a question and marks it answered (and undoes it);
 * the projectors stay legible from the back of the room throughout. Screenshots in
 * /tmp/qna-shots.
 */

const SHOTS = process.env.QNA_SHOTS ?? '/tmp/qna-shots';
/** As long as the form allows (300 characters). */
const LONG_QUESTION =
	'Hoe kunnen de mobiele teams geestelijke gezondheidszorg structureel gefinancierd worden, zodat ze ook na de proefperiode gezinnen in de wijk blijven volgen, en welke rol spelen de OCMW’s en de eerstelijnszorg daarin wanneer een opname in het ziekenhuis vermeden moet worden en de wachtlijst lang is?';

let server: RunningServer;
let token: string;
let concertation: { id: number; joinCode: string; screenKey: string };
let qnaId: number;
let desk: Device;
let big: Device;
let small: Device;
let phone: Device;
const sockets: TestSocket[] = [];

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	server = await startServer();
	token = await signIn(server);
	concertation = await createConcertation(server, token);
	const added = await api<{ phase: { id: number } }>(
		server,
		'POST',
		`/api/concertations/${concertation.id}/phases`,
		{
			token,
			body: {
				kind: 'qna',
				title: { fr: 'Questions aux experts', nl: 'Vragen aan de experts' },
				durationMinutes: 45
			}
		}
	);
	qnaId = added.body.phase.id;
	[desk, big, small, phone] = await Promise.all([
		launchDevice({ viewport: { width: 1366, height: 768 } }),
		launchDevice({ viewport: VIEWPORTS.projector }),
		launchDevice({ viewport: { width: 1280, height: 720 } }),
		launchDevice({ viewport: VIEWPORTS.phone, isMobile: true })
	]);
	await desk.context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url }]);
});

afterAll(async () => {
	for (const socket of sockets) socket.disconnect();
	await closeAllDevices();
	await server?.stop();
});

async function command(name: string, body: Record<string, unknown> = {}) {
	const answer = await api(
		server,
		'POST',
		`/api/concertations/${concertation.id}/commands/${name}`,
		{
			token,
			body: { ...body, commandId: commandId(name) }
		}
	);
	expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(200);
}

/** Someone on their phone's socket. */
async function person(displayName: string, locale: 'fr' | 'nl') {
	const joined = await joinAsParticipant(server, concertation.joinCode, { displayName, locale });
	const socket = connectParticipant(server, concertation.id, joined.token, locale);
	sockets.push(socket);
	await next(socket, 'snapshot');
	return socket;
}

const shot = (page: Page, name: string) =>
	page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });

const PROJECTOR_CONTENT = [
	'[data-testid="screen-qna-pinned"] .text > span[lang]',
	'[data-testid="screen-qna-top"] .text > span[lang]'
];

describe('Q&A with experts', () => {
	it('asks, upvotes, pins and answers on a phone, the console and two projectors', async () => {
		captureOnFailure('qna');
		const console_ = desk.page;
		const anne = phone.page;
		await command('session.start');
		await command('phase.goto', { phaseId: qnaId });
		const bram = await person('Bram Peeters', 'nl');
		const chloe = await person('Chloé Martin', 'fr');

		await console_.goto(`${server.url}/f/${concertation.id}`);
		await anne.goto(`${server.url}/j/${concertation.joinCode}`);
		await Promise.all([
			waitForHydration(console_),
			waitForHydration(anne),
			showOnProjector(big.page, server, concertation, 'qna'),
			showOnProjector(small.page, server, concertation, 'qna')
		]);
		await anne.locator('#displayName').fill('Anne Dubois');
		await anne.locator('#organisation').fill('SSM Le Méridien');
		await anne.locator('#sector').selectOption('mental_health');
		await anne.locator('input[name="consentAttendance"]').check();
		await anne.locator('main form button[type="submit"]').click();
		await anne.locator('[data-testid="current-phase"][data-phase-kind="qna"]').waitFor();

		// Nothing asked yet: the projector invites the room to ask.
		await expect
			.poll(() => big.page.getByTestId('screen-qna').innerText())
			.toContain(frQna.screenNone);

		// The facilitator lets questions through at once (reading first is the default).
		const review = console_.getByTestId('qna-review');
		await expect.poll(() => review.isChecked()).toBe(true);
		await review.uncheck();
		await console_.getByText(frQna.reviewOffHint).waitFor();

		// Anne asks from her phone; Bram asks in Dutch with the longest question there is.
		await anne.locator('#qna-text').fill('Quel financement pour les équipes mobiles en 2025 ?');
		await anne.getByRole('button', { name: frQna.submit }).click();
		await anne.getByText(frQna.sentShown).waitFor();
		await expect
			.poll(() => questionOn(anne, 'phone-qna-open', 'équipes mobiles').innerText())
			.toContain(frQna.yoursBadge);
		const bramsQuestion = await ok(bram, 'qna.ask', { text: LONG_QUESTION, anonymous: false });
		await ok(chloe, 'qna.ask', { text: 'Et les familles ?', anonymous: true });

		// Anne upvotes Bram's question; Chloé upvotes Anne's. The counts reach everyone.
		const bramsOnPhone = questionOn(anne, 'phone-qna-open', 'mobiele teams');
		await bramsOnPhone.getByRole('button', { name: new RegExp(frQna.support) }).click();
		await expect
			.poll(() =>
				bramsOnPhone
					.getByRole('button', { name: new RegExp(frQna.support) })
					.getAttribute('aria-pressed')
			)
			.toBe('true');
		// Taken back with another tap, then given again.
		const toggle = bramsOnPhone.getByRole('button', { name: new RegExp(frQna.support) });
		await toggle.click();
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
		await toggle.click();
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
		const annesId = Number(
			await questionOn(anne, 'phone-qna-open', 'équipes mobiles').getAttribute('data-question-id')
		);
		await ok(chloe, 'qna.vote', { id: annesId, on: true });
		await ok(bram, 'qna.vote', { id: annesId, on: true });
		await expect
			.poll(() => bramsOnPhone.getByTestId('qna-votes').getAttribute('data-votes'))
			.toBe('1');
		await expect
			.poll(() =>
				questionOn(anne, 'phone-qna-open', 'équipes mobiles')
					.getByTestId('qna-votes')
					.getAttribute('data-votes')
			)
			.toBe('2');
		// Most votes first on the projector; the anonymous question names nobody.
		await expect
			.poll(() => big.page.getByTestId('screen-qna-top').locator('li').first().innerText())
			.toContain('équipes mobiles');
		expect(await big.page.getByTestId('screen-qna-top').innerText()).toContain('Anne Dubois');
		const familles = big.page.getByTestId('screen-qna-top').locator('li', { hasText: 'familles' });
		expect(await familles.innerText()).not.toContain('Chloé');
		await shot(anne, 'phone-questions');
		await shot(big.page, 'projector-1080-top');
		for (const device of [big, small])
			await expectLegible(
				device.page,
				`top questions ${device.page.viewportSize()?.width}`,
				PROJECTOR_CONTENT
			);

		// The facilitator pins Bram's question: large on the projector, on top on the phone.
		const bramsOnConsole = questionOn(console_, 'qna-console-open', 'mobiele teams');
		await bramsOnConsole.getByRole('button', { name: new RegExp(frQna.pin) }).click();
		for (const device of [big, small])
			await expect
				.poll(() => device.page.getByTestId('screen-qna-pinned').innerText())
				.toContain('structureel gefinancierd');
		await expect
			.poll(() => anne.getByTestId('phone-qna-pinned').innerText())
			.toContain('mobiele teams');
		await shot(big.page, 'projector-1080-pinned');
		await shot(small.page, 'projector-720-pinned');
		await shot(console_, 'console-pinned');
		await shot(anne, 'phone-pinned');
		for (const device of [big, small]) {
			const label = `pinned ${device.page.viewportSize()?.width}`;
			await expectLegible(device.page, label, PROJECTOR_CONTENT);
			await expectFitsPhaseArea(device.page, ['screen-qna-pinned', 'screen-qna-top'], label);
			// The pinned question reads larger than the list under it.
			const sizes = await device.page.evaluate(() => {
				const size = (selector: string) =>
					parseFloat(getComputedStyle(document.querySelector(selector)!).fontSize);
				return {
					pinned: size('[data-testid="screen-qna-pinned"] .text'),
					top: size('[data-testid="screen-qna-top"] .text')
				};
			});
			expect(sizes.pinned, label).toBeGreaterThan(sizes.top * 1.3);
		}
		// Being answered, Bram can no longer change it.
		const locked = await (
			bram.emitWithAck as unknown as (
				e: string,
				p: unknown
			) => Promise<{ ok: boolean; error: { code: string } }>
		)('qna.withdraw', { id: bramsQuestion.id, commandId: commandId('late') });
		expect(locked.error.code).toBe('qna_locked');

		// Answered: off the projector's pin, listed as answered on the phone; then undone.
		const pinnedOnConsole = console_.getByTestId('qna-console-pinned');
		await pinnedOnConsole.getByRole('button', { name: new RegExp(frQna.markAnswered) }).click();
		await big.page.getByTestId('screen-qna-pinned').waitFor({ state: 'detached' });
		await expect
			.poll(() => anne.getByTestId('phone-qna-answered').innerText())
			.toContain('mobiele teams');
		await expect
			.poll(() => console_.getByTestId('qna-console-answered').innerText())
			.toContain('mobiele teams');
		await shot(console_, 'console-answered');
		await console_
			.getByTestId('qna-console-answered')
			.getByRole('button', { name: new RegExp(frQna.undoAnswered) })
			.click();
		await expect
			.poll(() => big.page.getByTestId('screen-qna-top').innerText())
			.toContain('mobiele teams');
		await anne.getByTestId('phone-qna-answered').waitFor({ state: 'detached' });

		// A busy Q&A: five more questions as long as allowed, and the longest one pinned. The
		// projectors show the top ones whole, a page at a time when they do not all fit, still
		// legible from the back of the room.
		for (const [index, socket] of [bram, chloe, bram, chloe, bram].entries())
			await ok(socket, 'qna.ask', {
				text: `${index + 1}. ${LONG_QUESTION}`.slice(0, 300),
				anonymous: index % 2 === 0
			});
		await command('qna.pin', { phaseId: qnaId, id: bramsQuestion.id });
		for (const device of [big, small]) {
			const label = `busy ${device.page.viewportSize()?.width}`;
			await expect
				.poll(() => device.page.getByTestId('screen-qna-pinned').innerText())
				.toContain('structureel gefinancierd');
			// The top five (the two short ones, then the first three long ones by age): on one
			// page, or on pages that take turns.
			await expect
				.poll(
					async () =>
						(await device.page.getByTestId('screen-page').count()) > 0 ||
						(await device.page.getByTestId('screen-qna-top').innerText()).includes('3. Hoe')
				)
				.toBe(true);
			await expectLegible(device.page, label, PROJECTOR_CONTENT);
			await expectFitsPhaseArea(device.page, ['screen-qna-pinned', 'screen-qna-top'], label);
			await shot(device.page, `projector-${device.page.viewportSize()?.width}-busy`);
		}
		await command('qna.pin', { phaseId: qnaId, id: null });

		// Reading first again: Anne asks anonymously, fixes her question while it waits, the
		// facilitator approves it, the room sees it without her name; then she withdraws it.
		await review.check();
		await console_.getByText(frQna.reviewOnHint).waitFor();
		await anne.locator('#qna-text').fill('Et le logement des jeune ?');
		await anne.getByLabel(frQna.anonymous).check();
		await anne.getByText(frQna.anonymousHint).waitFor();
		await anne.getByRole('button', { name: frQna.submit }).click();
		await anne.getByText(frQna.sentReview).waitFor();
		const own = anne.getByTestId('phone-qna-own').locator('li', { hasText: 'logement des jeune' });
		await expect.poll(() => own.innerText()).toContain(frSubmissions.status.pending);
		await own.getByRole('button', { name: new RegExp(frSubmissions.actions.edit) }).click();
		await anne.getByRole('heading', { name: frQna.editOwnTitle }).waitFor();
		await anne.locator('#qna-text').fill('Et le logement des jeunes ?');
		await anne.getByRole('button', { name: frSubmissions.own.saveChanges }).click();
		await anne.getByText(frQna.saved).waitFor();
		const waiting = questionOn(console_, 'qna-console-review', 'logement des jeunes');
		await expect.poll(() => waiting.innerText()).toContain(frQna.anonymousAuthor);
		await shot(anne, 'phone-own');
		await waiting.getByRole('button', { name: new RegExp(frSubmissions.actions.approve) }).click();
		// Newest with no vote: among the room's questions, not yet in the projector's top five.
		const shownToRoom = questionOn(console_, 'qna-console-open', 'logement des jeunes');
		await expect.poll(() => shownToRoom.count()).toBe(1);
		expect(await shownToRoom.innerText()).toContain(frQna.anonymousAuthor);
		expect(await shownToRoom.innerText()).not.toContain('Anne');
		const shown = anne
			.getByTestId('phone-qna-own')
			.locator('li', { hasText: 'logement des jeunes' });
		await shown.getByRole('button', { name: new RegExp(frSubmissions.own.withdraw) }).click();
		await shown
			.getByRole('button', { name: new RegExp(frSubmissions.own.confirmWithdraw) })
			.click();
		await expect.poll(() => shownToRoom.count()).toBe(0);

		// Every page is usable with a keyboard and a screen reader, and the phone never scrolls
		// sideways.
		await expectNoAxeViolations(anne, 'phone: Q&A');
		await expectNoAxeViolations(console_, 'console: Q&A');
		await expectNoAxeViolations(big.page, 'projector: Q&A');
		const width = await anne.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width);

		// The review page's preview of the restitution lists the questions with their votes,
		// the answered one marked, and names nobody.
		await command('qna.answered', { id: bramsQuestion.id, answered: true });
		await console_.goto(`${server.url}/r/${concertation.id}`);
		await waitForHydration(console_);
		const summary = console_.getByTestId('summary-qna');
		await expect.poll(() => summary.innerText()).toContain('structureel gefinancierd');
		const printed = await summary.innerText();
		expect(printed).toContain('Questions aux experts · Vragen aan de experts');
		expect(printed).toContain('(répondue · beantwoord)');
		for (const name of ['Anne', 'Bram', 'Chloé']) expect(printed).not.toContain(name);
		await summary.scrollIntoViewIfNeeded();
		await shot(console_, 'review-summary');
		await expectNoAxeViolations(console_, 'review page with the Q&A');
	}, 120_000);
});
