import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** argon2id with the library's defaults (64 MiB, t=3), tuned by its authors to OWASP advice. */
export function hashPassword(password: string): Promise<string> {
	return argon2.hash(password, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
	try {
		return await argon2.verify(hash, password);
	} catch {
		return false;
	}
}

/** A password to print once for a new account: 20 characters without look-alikes. */
export function generatePassword(length = 20): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	const bytes = randomBytes(length);
	return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
}
