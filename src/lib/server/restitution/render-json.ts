/**
 * The restitution as JSON: the model itself (see model.ts, documented field by field) in a
 * versioned envelope, so that a later version of the format can be told apart.
 */
import {
	RESTITUTION_FORMAT,
	RESTITUTION_FORMAT_VERSION,
	restitutionEnvelopeSchema,
	type Restitution,
	type RestitutionEnvelope
} from '../../protocol/summary';

/** Pretty-printed JSON (two-space indent, trailing newline). */
export function renderJson(model: Restitution): string {
	const envelope: RestitutionEnvelope = {
		format: RESTITUTION_FORMAT,
		formatVersion: RESTITUTION_FORMAT_VERSION,
		restitution: model
	};
	return `${JSON.stringify(envelope, null, 2)}\n`;
}

/** Reads a JSON export back, validating it; throws on anything that is not one. */
export function parseRestitutionJson(text: string): Restitution {
	return restitutionEnvelopeSchema.parse(JSON.parse(text)).restitution;
}
