import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index';
import {
	displayJoinCode,
	generateJoinCode,
	JOIN_CODE_ALPHABET,
	normaliseJoinCode
} from '../../src/lib/server/concertation/join-code';
import {
	defaultProgramme,
	parseProgrammeTemplate,
	parseSectorLines,
	DEFAULT_SECTORS,
	PROPOSED_PHASES
} from '../../src/lib/server/concertation/programme';
import {
	addTime,
	pauseTimer,
	remainingMs,
	resetTimer,
	startTimer
} from '../../src/lib/server/concertation/timer';
import { PHASE_KINDS } from '../../src/lib/protocol';

describe('join codes', () => {
	it('never uses look-alike characters', () => {
		for (const char of '01OI') expect(JOIN_CODE_ALPHABET).not.toContain(char);
		for (let i = 0; i < 500; i++) {
			const code = generateJoinCode();
			expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/);
		}
	});

	it('accepts what people type and refuses what cannot be a code', () => {
		expect(normaliseJoinCode(' abc-234 ')).toBe('ABC234');
		expect(normaliseJoinCode('ab c2 34')).toBe('ABC234');
		expect(normaliseJoinCode('ABC23')).toBeNull();
		expect(normaliseJoinCode('ABC2345')).toBeNull();
		expect(normaliseJoinCode('ABC0I1')).toBeNull();
		expect(normaliseJoinCode('<script>')).toBeNull();
		expect(displayJoinCode('ABC234')).toBe('ABC 234');
	});
});

describe('programme', () => {
	it('has the eight standard phases, bilingual, in order', () => {
		const programme = defaultProgramme();
		// The standard eight, each a phase kind; other kinds (the Q&A with experts) are added to
		// a programme by a facilitator.
		expect(programme.phases.map((phase) => phase.kind)).toEqual([
			'introduction',
			'tour',
			'news',
			'needs',
			'topics',
			'vote',
			'tables',
			'restitution'
		]);
		for (const phase of programme.phases) expect(PHASE_KINDS).toContain(phase.kind);
		// The follow-up is proposed only in a series' next concertation (PROPOSED_PHASES).
		for (const phase of PROPOSED_PHASES) expect(PHASE_KINDS).toContain(phase.kind);
		expect(PROPOSED_PHASES.map((phase) => phase.kind)).toEqual(['followup']);
		for (const phase of programme.phases) {
			expect(phase.title.fr.length).toBeGreaterThan(0);
			expect(phase.title.nl.length).toBeGreaterThan(0);
			expect(phase.durationMinutes).toBeGreaterThan(0);
		}
		expect(parseProgrammeTemplate(JSON.parse(JSON.stringify(programme)))).toEqual(programme);
	});

	it('refuses a template with an unknown phase kind, no phases or a missing Dutch title', () => {
		const programme = defaultProgramme();
		expect(() => parseProgrammeTemplate({ ...programme, phases: [] })).toThrow();
		expect(() =>
			parseProgrammeTemplate({ ...programme, phases: [{ ...programme.phases[0], kind: 'party' }] })
		).toThrow();
		expect(() =>
			parseProgrammeTemplate({
				...programme,
				phases: [{ ...programme.phases[0], title: { fr: 'Intro', nl: '', en: '' } }]
			})
		).toThrow();
		expect(() => parseProgrammeTemplate({ ...programme, format: 'other' })).toThrow();
	});

	it('keeps sector ids when labels are unchanged and makes unique ids for new ones', () => {
		const lines = [
			'Santé mentale | Geestelijke gezondheidszorg',
			'Café social | Sociaal café',
			'Café social | Ander café'
		].join('\n');
		const sectors = parseSectorLines(lines, DEFAULT_SECTORS);
		expect(sectors.map((sector) => sector.id)).toEqual([
			'mental_health',
			'cafe_social',
			'cafe_social_2'
		]);
		expect(sectors[1]).toEqual({
			id: 'cafe_social',
			fr: 'Café social',
			nl: 'Sociaal café',
			en: ''
		});
	});
});

describe('phase timer', () => {
	const stopped = resetTimer({ running: false, endsAt: null, remainingMs: 0, durationMs: 0 }, 600);

	it('counts down from the start and keeps what remains when paused', () => {
		const running = startTimer(stopped, 1_000);
		expect(remainingMs(running, 61_000)).toBe(540_000);
		const paused = pauseTimer(running, 61_000);
		expect(paused).toMatchObject({ running: false, remainingMs: 540_000 });
		expect(remainingMs(paused, 999_999)).toBe(540_000);
		expect(remainingMs(startTimer(paused, 100_000), 110_000)).toBe(530_000);
	});

	it('adds or removes time, and goes into overtime', () => {
		const running = startTimer(stopped, 0);
		expect(remainingMs(addTime(running, 0, 60), 0)).toBe(660_000);
		expect(remainingMs(running, 700_000)).toBe(-100_000);
		expect(addTime(stopped, 0, -60).remainingMs).toBe(540_000);
	});
});

describe('migrations', () => {
	it('lists every migration file of db/migrations, in order', () => {
		const directory = path.resolve(import.meta.dirname, '../../db/migrations');
		const files = readdirSync(directory)
			.filter((file) => /^\d{3}_.+\.ts$/.test(file))
			.map((file) => file.replace(/\.ts$/, ''))
			.sort();
		expect(Object.keys(migrations)).toEqual(files);
	});
});
