import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/lib/server/errors';
import { cleanLine, isReadableName, requireReadableName } from '../../src/lib/server/text';

describe('readable names', () => {
	it('refuses names that show nothing, once cleaned as every name field cleans them', () => {
		const invisible = [
			'\u200B',
			'\u200B\u200B\u200B',
			'\u3164',
			'\u3164\u3164',
			'\u2800\u2800',
			'\u115F\u1160',
			'\uFFA0',
			'\u200E\u200F',
			'\u061C',
			'\u2060\u2061\u2062',
			'\uFEFF',
			'\u00AD',
			'\u180E',
			'\u034F',
			'\uFE0F',
			'\u200D',
			'\u2028',
			'\u3000',
			'\u202E\u2066',
			'\u200B \u3164 \u2800',
			'\u0301\u0301',
			'...',
			'!?'
		];
		for (const raw of invisible) {
			const cleaned = cleanLine(raw);
			expect({ raw, readable: cleaned !== '' && isReadableName(cleaned) }).toEqual({
				raw,
				readable: false
			});
		}
	});

	it('accepts a letter or a digit in any script, with marks and emoji around it', () => {
		const names = [
			'Anne',
			'A',
			'7',
			'Ōsaka',
			'محمد',
			'שרה',
			'김민준',
			'李',
			'Ελένη',
			'Zoë\u200B',
			'\u3164A',
			'🙂 Anne',
			'Jean-Pierre ✨',
			'٣'
		];
		for (const name of names)
			expect({ name, ok: isReadableName(name) }).toEqual({ name, ok: true });
	});

	it('names the field it refuses and lets an empty value through to the caller', () => {
		expect(requireReadableName('', 'name')).toBe('');
		expect(requireReadableName('Table 1', 'name')).toBe('Table 1');
		try {
			requireReadableName('\u200B', 'displayName');
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(DomainError);
			expect((error as DomainError).code).toBe('name_unreadable');
			expect((error as DomainError).params).toEqual({ field: 'displayName' });
		}
	});
});
