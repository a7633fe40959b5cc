/**
 * A refusal the user can understand: a stable `code` for programs, and a message key
 * (namespace:key) translated into the actor's language when the answer is sent.
 * Anything else thrown inside a command is a bug and answers `internal`.
 */
export class DomainError extends Error {
	readonly code: string;
	readonly messageKey: string;
	readonly params: Record<string, string | number>;

	constructor(code: string, params: Record<string, string | number> = {}, messageKey?: string) {
		super(code);
		this.name = 'DomainError';
		this.code = code;
		this.params = params;
		this.messageKey = messageKey ?? `errors:${code}`;
	}
}
