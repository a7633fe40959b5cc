import { z } from 'zod';
import { requireApiAccount, jsonEndpoint, ApiError, readJson } from '$lib/server/http/api';
import {
	concertationDetails,
	concertationDetailsSchema,
	deleteConcertation,
	updateDetails,
	updateSectors
} from '$lib/server/concertation/service';
import { sectorListSchema } from '$lib/server/concertation/programme';
import { findConcertation } from '$lib/server/concertation/store';
import { parseSectors } from '$lib/server/concertation/views';
import { facilitatorActor } from '$lib/server/http/guards';
import { idParam } from '$lib/server/http/params';
import { buildSnapshot } from '$lib/server/realtime/attach';
import { setConcertationSeries } from '$lib/server/restitution/series';
import type { RequestHandler } from './$types';

/**
 * The state a facilitator's console sees: the same snapshot as on a socket connection. It
 * names the participants, so it is for facilitator accounts only (coordinators read the
 * restitution, which prints names only with consent).
 */
export const GET: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const concertation = await findConcertation(locals.db, Number(params.id) || 0);
		if (!concertation) throw new ApiError(404, 'not_found');
		const snapshot = await buildSnapshot(locals.db, {
			actor: { kind: 'facilitator', facilitatorId: account.id, role: account.role },
			audience: 'facilitator',
			concertation,
			locale: locals.locale
		});
		return Response.json({ ok: true, ...snapshot }, { headers: { 'cache-control': 'no-store' } });
	});

/** Any of the details form's fields, the sector list and the series: what the body may hold. */
const patchSchema = z
	.object({
		titleFr: z.string(),
		titleNl: z.string(),
		titleEn: z.string(),
		/** Refused once the session has started (`languages_locked`). */
		languages: z.unknown(),
		number: z.string(),
		date: z.string(),
		startTime: z.string(),
		place: z.string(),
		contactName: z.string(),
		contactEmail: z.string(),
		contactPhone: z.string(),
		sectors: z.unknown(),
		seriesId: z.number().int().positive().nullable()
	})
	.partial()
	.strict();

/**
 * Changes what the programme page's details, sectors and series forms change, through the
 * same service functions and rules. Only the fields given change; everything given is
 * checked before anything is stored, so a refusal leaves the concertation as it was.
 */
export const PATCH: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const actor = facilitatorActor(account);
		const { sectors, seriesId, ...fields } = patchSchema.parse(await readJson(request));
		const id = idParam(params.id);
		const current = id > 0 ? await findConcertation(locals.db, id) : undefined;
		if (!current) throw new ApiError(404, 'not_found');
		const details =
			Object.keys(fields).length > 0
				? concertationDetailsSchema.parse({ ...concertationDetails(current), ...fields })
				: undefined;
		const sectorList = sectors === undefined ? undefined : sectorListSchema.parse(sectors);
		// The series first: it is the only part that can still be refused (an unknown series).
		if (seriesId !== undefined) await setConcertationSeries(locals.db, account, id, seriesId);
		if (details) await updateDetails(locals.db, actor, id, details);
		if (sectorList) await updateSectors(locals.db, actor, id, sectorList);
		const saved = await findConcertation(locals.db, id);
		if (!saved) throw new ApiError(404, 'not_found');
		return Response.json({
			ok: true,
			version: saved.version,
			concertation: {
				id,
				...concertationDetails(saved),
				sectors: parseSectors(saved),
				seriesId: saved.series_id
			}
		});
	});

/**
 * Deletes the concertation and everything recorded in it, for good (see `deleteConcertation`).
 * The console asks to type the join code first; a script says what it means by the verb.
 */
export const DELETE: RequestHandler = ({ locals, params }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		await deleteConcertation(locals.db, facilitatorActor(account), Number(params.id) || 0);
		return Response.json({ ok: true });
	});
