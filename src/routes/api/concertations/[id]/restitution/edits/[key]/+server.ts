import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { editItem, resetEdit } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

const text = z.string().max(20_000).optional();
const itemSchema = z
	.object({ hidden: z.boolean().default(false), text, fr: text, nl: text, en: text })
	.strict();

/**
 * Hides or rephrases one item (`sector:…`, `person:…`, `vote:…`, `table:…:note:…`; see
 * docs/restitution.md). The body is the item's whole new state: an edit that hides nothing
 * and rephrases nothing is a reset.
 */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const edit = itemSchema.parse(await readJson(request));
		await editItem(locals.db, account, concertation, params.key, edit);
		return Response.json({ ok: true, key: params.key });
	});

/** Back to the raw data for one key: an item, or a document setting (`doc:…`). */
export const DELETE: RequestHandler = ({ locals, params, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		await resetEdit(locals.db, account, concertation, params.key.slice(0, 100));
		return Response.json({ ok: true, key: params.key });
	});
