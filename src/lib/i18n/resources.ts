// Every namespace of every locale, bundled: the server answers in any language at once and
// the phone needs no extra request. Each file under locales/<language>/ is a namespace: the
// core ones (common, errors, screen, submissions) and one per phase kind, named after it, so
// a new phase kind brings its strings without an edit here. A unit test checks that the three
// languages have the same namespaces and keys.
import { LOCALES, type Locale } from './locales';

type Strings = { [key: string]: string | Strings };

const files = import.meta.glob<Strings>('./locales/*/*.json', { eager: true, import: 'default' });

function namespacesOf(locale: Locale): Record<string, Strings> {
	const namespaces: Record<string, Strings> = {};
	for (const [path, strings] of Object.entries(files)) {
		const [, language, name] = /^\.\/locales\/([a-z]+)\/([\w-]+)\.json$/.exec(path) ?? [];
		if (language === locale && name) namespaces[name] = strings;
	}
	return namespaces;
}

export const resources = Object.fromEntries(
	LOCALES.map((locale) => [locale, namespacesOf(locale)])
) as Record<Locale, Record<string, Strings>>;

export const NAMESPACES = Object.keys(resources.fr);
