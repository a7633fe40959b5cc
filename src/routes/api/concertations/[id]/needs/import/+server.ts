import { z } from 'zod';
import { translator } from '$lib/i18n';
import { findConcertation } from '$lib/server/concertation/store';
import { ApiError, jsonEndpoint, readJson, requireApiAccount } from '$lib/server/http/api';
import { facilitatorActor } from '$lib/server/http/guards';
import { CsvImportError } from '$lib/server/needs/rules';
import { importNeedsCsv } from '$lib/server/needs/service';
import type { RequestHandler } from './$types';

const bodySchema = z.object({ csv: z.string() }).strict();

/**
 * Imports the needs monitoring's themes from a `theme_fr,theme_nl,count` file, replacing
 * the themes typed so far. A refused file answers every problem with its line number, in
 * the caller's language, and stores nothing.
 */
export const POST: RequestHandler = ({ locals, params, request }) =>
	jsonEndpoint(locals, async () => {
		const account = requireApiAccount(locals, true);
		const concertationId = Number(params.id);
		if (!Number.isSafeInteger(concertationId) || concertationId <= 0)
			throw new ApiError(404, 'not_found');
		if (!(await findConcertation(locals.db, concertationId))) throw new ApiError(404, 'not_found');
		const { csv } = bodySchema.parse(await readJson(request));
		try {
			const done = await importNeedsCsv(locals.db, concertationId, facilitatorActor(account), csv);
			return Response.json({ ok: true, data: { count: done.count }, version: done.version });
		} catch (caught) {
			if (!(caught instanceof CsvImportError)) throw caught;
			const t = translator(locals.locale);
			return Response.json(
				{
					ok: false,
					error: {
						code: caught.code,
						message: t(caught.messageKey, caught.params),
						lines: caught.lines.map((line) => ({
							line: line.line,
							code: line.code,
							message: t(line.messageKey, line.params)
						}))
					}
				},
				{ status: 400 }
			);
		}
	});
