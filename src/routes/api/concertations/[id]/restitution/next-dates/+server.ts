import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { addNextDate } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

const text = z.string().max(20_000).default('');
const nextDateSchema = z
	.object({
		labelFr: text,
		labelNl: text,
		date: z.string().max(20),
		time: text,
		endTime: text,
		place: text,
		link: text,
		descriptionFr: text,
		descriptionNl: text
	})
	.strict();

/**
 * Adds a next date ("save the date") to the restitution; at most 10. A refused field comes
 * back translated, with its name in `error.fields` (see edits.ts `normaliseNextDate`).
 */
export const POST: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const input = nextDateSchema.parse(await readJson(request));
		await addNextDate(locals.db, account, concertation, {
			fr: input.labelFr,
			nl: input.labelNl,
			date: input.date,
			time: input.time,
			endTime: input.endTime,
			place: input.place,
			link: input.link,
			descriptionFr: input.descriptionFr,
			descriptionNl: input.descriptionNl
		});
		return Response.json({ ok: true }, { status: 201 });
	});
