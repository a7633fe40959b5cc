import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { nextDateBodySchema, nextDateInputOf } from '$lib/server/restitution/edits';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { removeNextDate, updateNextDate } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

/** A next date's place (0 first) in the printed list, earliest first; else -1 (not found). */
const indexOf = (raw: string) => (/^\d{1,3}$/.test(raw) ? Number(raw) : -1);

/**
 * Replaces a next date, by its place (0 first) in the printed list, earliest first: the
 * restitution's `nextDates`, as `GET …/restitution` gives them. Same body and rules as `POST`;
 * a refused field comes back translated with its name in `error.fields`, and nothing changes.
 * The date keeps its calendar key (its event's UID).
 */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const input = nextDateBodySchema.parse(await readJson(request));
		await updateNextDate(
			locals.db,
			account,
			concertation,
			indexOf(params.index),
			nextDateInputOf(input)
		);
		return Response.json({ ok: true });
	});

/** Removes a next date by its place (0 first) in the printed list, earliest first. */
export const DELETE: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		await removeNextDate(locals.db, account, concertation, indexOf(params.index));
		return Response.json({ ok: true });
	});
