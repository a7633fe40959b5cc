import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PhaseKind } from '../../src/lib/protocol';
import { waitForHydration } from './browser';
import {
	api,
	commandId,
	connectParticipant,
	createConcertation,
	joinAsParticipant,
	next,
	phaseOf,
	type RunningServer
} from './server';

/**
 * What the projector tests share: a session started at the step under test, driven through
 * the JSON API; people who join and write their expectations from their phones' sockets; the
 * projector showing that step; and the checks that a page of it fits 1920×1080.
 */

export interface StartedSession {
	concertation: { id: number; joinCode: string; screenKey: string };
	/** A facilitator command through the JSON API: fails the test unless it is accepted. */
	command(name: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** A new concertation, started and at its step of `kind`. */
export async function sessionAtStep(
	server: RunningServer,
	token: string,
	kind: PhaseKind
): Promise<StartedSession> {
	const concertation = await createConcertation(server, token);
	const command: StartedSession['command'] = async (name, body = {}) => {
		const { status, body: answer } = await api<{ data: Record<string, unknown> }>(
			server,
			'POST',
			`/api/concertations/${concertation.id}/commands/${name}`,
			{ token, body: { ...body, commandId: commandId(name) } }
		);
		expect(status, `${name}: ${JSON.stringify(answer)}`).toBe(200);
		return answer.data;
	};
	const phaseId = await phaseOf(server, token, concertation.id, kind);
	await command('session.start');
	await command('phase.goto', { phaseId });
	return { concertation, command };
}

/** Someone joins from a phone and writes their expectations; returns their participant id. */
export async function joinWithExpectations(
	server: RunningServer,
	concertation: StartedSession['concertation'],
	displayName: string,
	expectations: string
): Promise<number> {
	const person = await joinAsParticipant(server, concertation.joinCode, { displayName });
	const socket = connectParticipant(server, concertation.id, person.token, 'fr');
	try {
		await next(socket, 'snapshot');
		const ack = await (
			socket.emitWithAck as unknown as (name: string, payload: unknown) => Promise<{ ok: boolean }>
		)('tour.expectations', { expectations, commandId: commandId('tour') });
		expect(ack.ok).toBe(true);
	} finally {
		socket.disconnect();
	}
	return person.participantId;
}

/** The projector's page opened on `concertation`, hydrated, showing its step of `kind`. */
export async function showOnProjector(
	page: Page,
	server: RunningServer,
	concertation: StartedSession['concertation'],
	kind: PhaseKind
): Promise<void> {
	await page.goto(
		`${server.url}/s/${concertation.id}?key=${encodeURIComponent(concertation.screenKey)}`
	);
	await waitForHydration(page);
	await page.locator(`[data-testid="screen-phase"][data-phase-kind="${kind}"]`).waitFor();
}

/** The pager reads "page n/total · pagina n/total". */
export async function expectPages(page: Page, total: number): Promise<void> {
	await expect
		.poll(() => page.getByTestId('screen-page').textContent())
		.toMatch(new RegExp(`page \\d+/${total} · pagina \\d+/${total}`));
}

/**
 * The phase area clips what overflows, above and below: the phase title's top and the
 * bottom of every element named by its test id must both be inside it.
 */
export async function expectFitsPhaseArea(
	page: Page,
	testIds: string[],
	label: string
): Promise<void> {
	const fit = await page.evaluate((ids) => {
		const box = (selector: string) => document.querySelector(selector)?.getBoundingClientRect();
		const area = box('[data-testid="screen-phase"]')!;
		const found = ids.map((id) => box(`[data-testid="${id}"]`));
		return {
			area: { top: area.top, bottom: area.bottom },
			top: box('[data-testid="screen-phase"] h1')?.top ?? area.top,
			bottom: Math.max(...found.map((element) => element?.bottom ?? 0)),
			missing: ids.filter((_, index) => !found[index])
		};
	}, testIds);
	expect(fit.missing, `${label}: shown`).toEqual([]);
	expect(fit.top, `${label}: title visible`).toBeGreaterThanOrEqual(fit.area.top);
	expect(fit.bottom, `${label}: ${testIds.join(', ')} visible`).toBeLessThanOrEqual(
		fit.area.bottom
	);
}

/** Nothing is clipped anywhere in the phase area. */
export async function expectPhaseAreaHoldsAll(page: Page, label: string): Promise<void> {
	const area = await page
		.getByTestId('screen-phase')
		.evaluate((element) => ({ content: element.scrollHeight, visible: element.clientHeight }));
	expect(area.content, `${label}: nothing clipped`).toBeLessThanOrEqual(area.visible);
}
