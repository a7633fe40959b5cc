import { z } from 'zod';
import { jsonEndpoint, readJson } from '$lib/server/http/api';
import { authoriseRestitutionEditor } from '$lib/server/restitution/http';
import { saveDocumentTexts } from '$lib/server/restitution/service';
import type { RequestHandler } from './$types';

const text = z.string().max(20_000).default('');
const textsSchema = z
	.object({
		introductionFr: text,
		introductionNl: text,
		conclusionFr: text,
		conclusionNl: text,
		thanksFr: text,
		thanksNl: text,
		organiserFr: text,
		organiserNl: text,
		/** English, where it is a content language; left out: what is stored stays. */
		introductionEn: z.string().max(20_000).optional(),
		conclusionEn: z.string().max(20_000).optional(),
		thanksEn: z.string().max(20_000).optional(),
		organiserEn: z.string().max(20_000).optional(),
		contactName: text,
		contactEmail: text,
		contactPhone: text
	})
	.strict();

/**
 * The coordinators' own texts, all at once as on the review page: a field left out or empty
 * goes back to its default (read the current ones from `GET …/restitution`, `texts`).
 */
export const PUT: RequestHandler = ({ locals, params, request, url }) =>
	jsonEndpoint(locals, async () => {
		const { concertation, account } = await authoriseRestitutionEditor(locals, params.id, url);
		const texts = textsSchema.parse(await readJson(request));
		await saveDocumentTexts(locals.db, account, concertation, texts);
		return Response.json({ ok: true });
	});
