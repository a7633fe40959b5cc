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

export type ErrorParams = Record<string, string | number>;

/** Throws a refusal: see `refusals`. */
export type Refusal = (code: string, params?: ErrorParams) => never;

/**
 * The refusals of one phase kind, translated from its own locale file: `refuse(code, params)`
 * throws a DomainError whose message is `<namespace>:errors.<code>`. Declare it with its type
 * (`const refuse: Refusal = refusals('news')`), so that TypeScript knows it never returns.
 */
export function refusals(namespace: string): Refusal {
	return (code, params = {}) => {
		throw new DomainError(code, params, `${namespace}:errors.${code}`);
	};
}
