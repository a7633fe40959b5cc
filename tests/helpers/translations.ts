import type { Locale } from '../../src/lib/i18n/locales';
import { resources } from '../../src/lib/i18n/resources';

type Strings = { [key: string]: string | Strings };

/**
 * The message a translation key (`namespace:dotted.path`, or a path in `common`) stands for
 * in one language, as stored in the locale files; undefined when there is none.
 */
export function messageOf(key: string, locale: Locale): string | undefined {
	const [namespace, path] = key.includes(':') ? key.split(':', 2) : ['common', key];
	let node: string | Strings | undefined = resources[locale][namespace!];
	for (const part of path!.split('.')) node = typeof node === 'object' ? node[part] : undefined;
	return typeof node === 'string' ? node : undefined;
}
