import { randomInt } from 'node:crypto';

/**
 * Join codes are read off a projector and typed on a phone: no 0/O, no 1/I, upper case only.
 * Six characters from 32 give about a billion codes, far more than a server will ever hold.
 */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;

export function generateJoinCode(): string {
	let code = '';
	for (let i = 0; i < JOIN_CODE_LENGTH; i++)
		code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
	return code;
}

/**
 * What people type: lower case, spaces, dashes. Returns the canonical code, or null when
 * the input cannot be a code at all (wrong length or characters).
 */
export function normaliseJoinCode(input: string): string | null {
	const code = input
		.normalize('NFKC')
		.replace(/[\s\-–_.]/g, '')
		.toUpperCase();
	if (code.length !== JOIN_CODE_LENGTH) return null;
	for (const char of code) if (!JOIN_CODE_ALPHABET.includes(char)) return null;
	return code;
}

/** "ABC DEF": two groups of three are easier to read aloud and to copy. */
export function displayJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
