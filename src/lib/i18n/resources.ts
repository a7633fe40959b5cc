// Every namespace of every locale, bundled: the server answers in any language at once and
// the phone needs no extra request. A unit test checks that each JSON file under
// locales/ is registered here and that the three locales have the same keys.
import enCommon from './locales/en/common.json';
import enErrors from './locales/en/errors.json';
import enPhases from './locales/en/phases.json';
import enRestitution from './locales/en/restitution.json';
import enScreen from './locales/en/screen.json';
import enTables from './locales/en/tables.json';
import enVote from './locales/en/vote.json';
import frCommon from './locales/fr/common.json';
import frErrors from './locales/fr/errors.json';
import frPhases from './locales/fr/phases.json';
import frRestitution from './locales/fr/restitution.json';
import frScreen from './locales/fr/screen.json';
import frTables from './locales/fr/tables.json';
import frVote from './locales/fr/vote.json';
import nlCommon from './locales/nl/common.json';
import nlErrors from './locales/nl/errors.json';
import nlPhases from './locales/nl/phases.json';
import nlRestitution from './locales/nl/restitution.json';
import nlScreen from './locales/nl/screen.json';
import nlTables from './locales/nl/tables.json';
import nlVote from './locales/nl/vote.json';

export const resources = {
	fr: {
		common: frCommon,
		errors: frErrors,
		phases: frPhases,
		restitution: frRestitution,
		vote: frVote,
		tables: frTables,
		screen: frScreen
	},
	nl: {
		common: nlCommon,
		errors: nlErrors,
		phases: nlPhases,
		restitution: nlRestitution,
		vote: nlVote,
		tables: nlTables,
		screen: nlScreen
	},
	en: {
		common: enCommon,
		errors: enErrors,
		phases: enPhases,
		restitution: enRestitution,
		vote: enVote,
		tables: enTables,
		screen: enScreen
	}
} as const;

export type Namespace = keyof (typeof resources)['fr'];
export const NAMESPACES = Object.keys(resources.fr) as Namespace[];
