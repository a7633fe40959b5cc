import type { Migration } from 'kysely';
import * as m001 from './001_core';
import * as m002 from './002_first_half';
import * as m003 from './003_vote';
import * as m004 from './004_tables';
import * as m005 from './005_restitution';
import * as m006 from './006_tour_pause';
import * as m007 from './007_tables_restitution';
import * as m008 from './008_ballot_rows';
import * as m009 from './009_command_log_by_key';
import * as m010 from './010_participants_anonymised';
import * as m011 from './011_phase_notes';
import * as m012 from './012_screen_key_nonce';
import * as m013 from './013_health_probe';
import * as m015 from './015_screen_join';
import * as m016 from './016_bilingual_originals';

/**
 * Every migration, in order. Listed by hand (not globbed) so the same list works in Vite,
 * in the built server and in the `tsx` command-line scripts; a unit test checks that every
 * file of this folder is listed.
 */
export const migrations: Record<string, Migration> = {
	'001_core': m001,
	'002_first_half': m002,
	'003_vote': m003,
	'004_tables': m004,
	'005_restitution': m005,
	'006_tour_pause': m006,
	'007_tables_restitution': m007,
	'008_ballot_rows': m008,
	'009_command_log_by_key': m009,
	'010_participants_anonymised': m010,
	'011_phase_notes': m011,
	'012_screen_key_nonce': m012,
	'013_health_probe': m013,
	'015_screen_join': m015,
	'016_bilingual_originals': m016
};
