import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	captureOnFailure,
	closeAllDevices,
	launchDevice,
	VIEWPORTS,
	waitForHydration,
	type Device
} from '../helpers/browser';
import { sessionAtStep } from '../helpers/projector';
import {
	commandId,
	connectParticipant,
	joinAsParticipant,
	next,
	signIn,
	startServer,
	type RunningServer
} from '../helpers/server';

/**
 * Text people type is not always made of short words: a pasted link, a long compound name.
 * At every step that shows typed text, a 360 px phone still has nothing to scroll sideways.
 */

let server: RunningServer;
let token: string;
let phone: Device;

beforeAll(async () => {
	server = await startServer();
	token = await signIn(server);
	phone = await launchDevice({ viewport: VIEWPORTS.phone, isMobile: true });
});

afterAll(async () => {
	await closeAllDevices();
	await server?.stop();
});

const LINK =
	'https://www.example.org/un-tres-long-lien-sans-espaces-vers-une-page-de-documentation-du-reseau';
const NAME = 'Jean-Baptiste-Emmanuel-Zorgvlietvandenbroucke-Vanderstraeten';

describe('long unbroken words on a 360 px phone', () => {
	it.each(['tour', 'news', 'topics', 'vote', 'tables'] as const)(
		'the %s step has nothing to scroll sideways',
		async (kind) => {
			captureOnFailure(`long-words-${kind}`);
			const { concertation, command } = await sessionAtStep(server, token, kind);
			let tableId: number | null = null;
			if (kind === 'news')
				await command('news.save', {
					titleFr: LINK,
					titleNl: LINK,
					textFr: LINK,
					textNl: LINK,
					place: LINK,
					link: LINK
				});
			if (kind === 'topics') await command('topics.saveQuestion', { textFr: LINK, textNl: LINK });
			if (kind === 'vote') {
				for (const index of [1, 2, 3])
					await command('vote.candidates.add', { labelFr: `${LINK}-${index}`, labelNl: LINK });
				await command('vote.open');
			}
			if (kind === 'tables')
				tableId = Number(
					(
						await command('tables.create', {
							name: 'Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
							capacity: null,
							priority: { fr: LINK, nl: LINK }
						})
					).tableId
				);
			const person = await joinAsParticipant(server, concertation.joinCode, {
				displayName: NAME,
				organisation: LINK.slice(0, 100)
			});
			const width = async () => {
				await phone.page.goto(`${server.url}/j/${concertation.joinCode}`);
				await waitForHydration(phone.page);
				await phone.page.getByTestId('current-phase').waitFor();
				return phone.page.evaluate(() => document.documentElement.scrollWidth);
			};
			await phone.context.addCookies([
				{ name: `concertation_p${concertation.id}`, value: person.token, url: server.url }
			]);
			expect(await width(), `${kind}: choosing`).toBeLessThanOrEqual(VIEWPORTS.phone.width);

			// Then what the person writes themselves, shown back on their phone.
			const socket = connectParticipant(server, concertation.id, person.token, 'fr');
			try {
				await next(socket, 'snapshot');
				const send = (name: string, payload: Record<string, unknown>) =>
					(socket.emitWithAck as unknown as (n: string, p: unknown) => Promise<{ ok: boolean }>)(
						name,
						{ ...payload, commandId: commandId(name) }
					);
				if (kind === 'tour')
					expect((await send('tour.expectations', { expectations: LINK })).ok).toBe(true);
				if (kind === 'tables') {
					expect((await send('tables.join', { tableId })).ok).toBe(true);
					for (const category of ['barrier', 'lever', 'collaboration', 'actor'])
						expect(
							(await send('tables.item.add', { tableId, category, text: `${LINK} ${LINK}` })).ok
						).toBe(true);
				}
			} finally {
				socket.disconnect();
			}
			expect(await width(), `${kind}: own text`).toBeLessThanOrEqual(VIEWPORTS.phone.width);
		}
	);
});
