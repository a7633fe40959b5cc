import { randomInt } from 'node:crypto';
import type { TFunction } from '../../i18n';

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

/**
 * Why typed text is not a code, in the words people need to fix it: the characters a code
 * never uses (0/O, 1/I are left out because they look alike on a projector), else the length.
 * Null when it is a well-formed code.
 */
export type JoinCodeProblem =
	{ kind: 'characters'; characters: string[] } | { kind: 'length'; length: number };

export function joinCodeProblem(input: string): JoinCodeProblem | null {
	const code = input
		.normalize('NFKC')
		.replace(/[\s\-–_.]/g, '')
		.toUpperCase();
	const unused = [...new Set([...code].filter((char) => !JOIN_CODE_ALPHABET.includes(char)))];
	if (unused.length > 0) return { kind: 'characters', characters: unused };
	if (code.length !== JOIN_CODE_LENGTH) return { kind: 'length', length: code.length };
	return null;
}

/** The translated refusal for text that cannot be a code ("ABC123": 1 is never used). */
export function joinCodeMessage(t: TFunction, input: string): string {
	const problem = joinCodeProblem(input);
	if (problem?.kind === 'characters') {
		const shown = problem.characters.slice(0, 5);
		return t('join.badCodeCharacters', {
			count: shown.length,
			characters: shown.join(', ')
		});
	}
	return t('join.badCode');
}

/** "ABC DEF": two groups of three are easier to read aloud and to copy. */
export function displayJoinCode(code: string): string {
	return `${code.slice(0, 3)} ${code.slice(3)}`;
}
