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

/** What `measureScreen` reports of the projector as the room sees it. */
export interface ScreenMeasure {
	viewport: { width: number; height: number };
	/** The smallest computed font size of any visible text, in px, and where. */
	minFont: number;
	smallest: { text: string; size: number }[];
	/** Elements whose text is cut: clipped by overflow, or ended with an ellipsis. */
	cut: string[];
	/** Words broken across two lines although they would fit the width on one. */
	broken: string[];
	/** Visible text outside the viewport. */
	offscreen: string[];
	/**
	 * For each string asked for, and each selector of content (every visible text in it): the
	 * smallest font size it is shown in (0: not shown).
	 */
	primary: { text: string; size: number }[];
	/** The join block's height as a share of the screen's, and its mode. */
	joinShare: number;
	joinMode: string | null;
}

/**
 * Measures the projector as the room sees it: every visible text node's computed font size,
 * every element whose text is cut (overflow that clips, "…"), every word split over two lines
 * (a Range per word: more than one line box), text outside the viewport, the font size of
 * the strings named in `primary` (the content the room came for), and the join block's share
 * of the height. Text kept for screen readers only (clipped to 1 px) does not count.
 */
export async function measureScreen(
	page: Page,
	primary: string[] = [],
	selectors: string[] = []
): Promise<ScreenMeasure> {
	return page.evaluate(
		([wanted, contentSelectors]) => {
			// The projector page, or the projector's box in a remote participant's page.
			const root =
				document.querySelector('main.screen, [data-testid="remote-screen"]') ?? document.body;
			const describe = (element: Element) =>
				`${element.tagName.toLowerCase()}.${[...element.classList].join('.')} "${(element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60)}"`;
			const srOnly = (element: Element | null): boolean => {
				for (let e = element; e && e !== document.body; e = e.parentElement) {
					const style = getComputedStyle(e);
					const box = e.getBoundingClientRect();
					if (style.position === 'absolute' && style.clip !== 'auto') return true;
					if (style.overflow !== 'visible' && (box.width <= 1 || box.height <= 1)) return true;
				}
				return false;
			};
			const visible = (element: Element) =>
				element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) &&
				!srOnly(element);
			const sizes: { text: string; size: number; node: Text }[] = [];
			const broken: string[] = [];
			const offscreen: string[] = [];
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (
				let node = walker.nextNode() as Text | null;
				node;
				node = walker.nextNode() as Text | null
			) {
				const text = node.data.trim();
				const element = node.parentElement;
				if (!text || !element || !visible(element)) continue;
				const range = document.createRange();
				range.selectNodeContents(node);
				const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
				if (rects.length === 0) continue;
				const size = parseFloat(getComputedStyle(element).fontSize);
				sizes.push({ text, size, node });
				if (
					rects.some(
						(r) =>
							r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1
					)
				)
					offscreen.push(text.slice(0, 60));
				// Words: runs without spaces, a hyphen or a slash ending one (a normal break point).
				const width = element
					.closest('li, p, div, dd, h1, h2, h3, span')
					?.getBoundingClientRect().width;
				for (const match of node.data.matchAll(/[^\s\-‐/–—]+[-‐/–—]?/g)) {
					if (match[0].length < 2) continue;
					const word = document.createRange();
					word.setStart(node, match.index);
					word.setEnd(node, match.index + match[0].length);
					const lines = new Set(
						[...word.getClientRects()]
							.filter((r) => r.width > 0)
							.map((r) => Math.round(r.bottom / 4))
					);
					if (lines.size > 1) {
						// Only a word wider than its whole line may break.
						const probe = document.createElement('span');
						probe.textContent = match[0];
						probe.style.whiteSpace = 'nowrap';
						element.append(probe);
						const own = probe.getBoundingClientRect().width;
						probe.remove();
						if (width === undefined || own <= width) broken.push(match[0]);
					}
				}
			}
			const cut: string[] = [];
			for (const element of root.querySelectorAll('*')) {
				if (!(element instanceof HTMLElement) || !visible(element)) continue;
				if (!(element.textContent ?? '').trim()) continue;
				const style = getComputedStyle(element);
				const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
				const over =
					element.scrollHeight > element.clientHeight + 1 ||
					element.scrollWidth > element.clientWidth + 1;
				if (clips && over) cut.push(describe(element));
				else if (style.textOverflow === 'ellipsis' && element.scrollWidth > element.clientWidth + 1)
					cut.push(describe(element));
			}
			const normal = (value: string) => value.replace(/\s+/g, ' ').trim();
			// A string may be split over several text nodes (a name, then what they said): a node
			// holding most of it counts too.
			const holds = (data: string, text: string) =>
				data.includes(text) || (text.includes(data) && data.length >= 0.6 * text.length);
			const found = wanted.map((text) => {
				const matches = sizes.filter((entry) => holds(normal(entry.node.data), normal(text)));
				return { text, size: matches.length ? Math.min(...matches.map((m) => m.size)) : 0 };
			});
			for (const selector of contentSelectors) {
				// A language tag ("FR") beside a text is a label, measured as the smallest type only.
				const matches = sizes.filter(
					(entry) =>
						entry.node.parentElement?.closest(selector) &&
						!entry.node.parentElement.closest('.lang-tag')
				);
				found.push({
					text: `${selector} (${matches.length} texts)`,
					size: matches.length ? Math.min(...matches.map((m) => m.size)) : 0
				});
			}
			const join = document.querySelector('footer.join');
			const minFont = sizes.length ? Math.min(...sizes.map((entry) => entry.size)) : 0;
			return {
				viewport: { width: innerWidth, height: innerHeight },
				minFont,
				smallest: sizes
					.filter((entry) => entry.size < minFont + 0.5)
					.slice(0, 5)
					.map(({ text, size }) => ({ text: text.slice(0, 60), size })),
				cut,
				broken,
				offscreen,
				primary: found,
				joinShare: join ? join.getBoundingClientRect().height / innerHeight : 0,
				joinMode: join?.getAttribute('data-join') ?? null
			};
		},
		[primary, selectors] as const
	);
}

/** The smallest text and the content's size the projector must keep, for this screen's height. */
export function legibleSizes(page: Page): { text: number; content: number } {
	const scale = (page.viewportSize()?.height ?? 1080) / 1080;
	return { text: 24 * scale, content: 32 * scale };
}

/**
 * Read from the back of the room: no visible text under 24 px (at 1080 lines; scaled to the
 * screen's height), the texts inside `content` selectors at 32 px or more, nothing cut, no word
 * broken inside, nothing off the screen. Soft assertions: one run reports every problem.
 */
export async function expectLegible(
	page: Page,
	label: string,
	content: string[] = []
): Promise<ScreenMeasure> {
	const sizes = legibleSizes(page);
	const measure = await measureScreen(page, [], content);
	expect
		.soft(measure.minFont, `${label}: smallest text ${JSON.stringify(measure.smallest)}`)
		.toBeGreaterThanOrEqual(sizes.text - 0.05);
	// Each selector present on this page (a page may have no justification), and some content.
	const shown = measure.primary.filter((entry) => entry.size > 0);
	if (content.length > 0) expect.soft(shown.length, `${label}: content shown`).toBeGreaterThan(0);
	for (const entry of shown)
		expect
			.soft(entry.size, `${label}: ${entry.text} at ≥ ${sizes.content} px`)
			.toBeGreaterThanOrEqual(sizes.content - 0.05);
	expect.soft(measure.cut, `${label}: nothing cut`).toEqual([]);
	expect.soft(measure.broken, `${label}: no word broken`).toEqual([]);
	expect.soft(measure.offscreen, `${label}: nothing off the screen`).toEqual([]);
	return measure;
}

/** How many pages the pager says the list has (1 when there is no pager). */
export async function pageCount(page: Page): Promise<number> {
	const pager = page.getByTestId('screen-page');
	if ((await pager.count()) === 0) return 1;
	const text = (await pager.textContent()) ?? '';
	return Number(/page \d+\/(\d+)/.exec(text)?.[1] ?? 1);
}
