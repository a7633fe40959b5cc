import { describe, expect, it } from 'vitest';
import { attendanceCsv } from '../../src/lib/server/restitution/attendance-csv';
import { buildRestitution, type RestitutionSource } from '../../src/lib/server/restitution/build';
import {
	isItemKey,
	moveInOrder,
	noEdits,
	normaliseItemEdit,
	orderedIds,
	parseEdits,
	type RestitutionEdits
} from '../../src/lib/server/restitution/edits';
import { SAMPLE_LOGO_PNG_BASE64 } from '../fixtures/restitution';
import { restitutionSchema } from '../../src/lib/protocol/summary';

function source(): RestitutionSource {
	return {
		concertation: {
			title: { fr: 'Santé mentale des jeunes', nl: 'Geestelijke gezondheid van jongeren' },
			number: '12',
			date: '2024-09-23',
			startTime: '13:30',
			place: 'Maison de quartier',
			contact: { name: 'Sophie', email: 'sophie@example.org', phone: '' }
		},
		series: { title: { fr: 'Zone Nord-Ouest', nl: 'Zone Noord-West' } },
		branding: null,
		sectors: [
			{ id: 'mental_health', fr: 'Santé mentale', nl: 'Geestelijke gezondheid' },
			{ id: 'social', fr: 'Action sociale', nl: 'Welzijn' }
		],
		namesErased: false,
		participants: [
			{
				id: 1,
				displayName: 'Anne',
				organisation: 'SSM',
				sector: 'mental_health',
				consentAttendance: true
			},
			{
				id: 2,
				displayName: 'Secret Bob',
				organisation: 'CPAS',
				sector: 'social',
				consentAttendance: false
			},
			{ id: 3, displayName: 'Chloé', organisation: '', sector: 'social', consentAttendance: true },
			{
				id: 4,
				displayName: 'Dries',
				organisation: 'CAW',
				sector: 'mental_health',
				consentAttendance: true
			},
			{ id: 5, displayName: 'Hidden Eve', organisation: '', sector: null, consentAttendance: false }
		],
		needs: [
			{ id: 1, label: { fr: 'Logement', nl: 'Huisvesting' }, count: 3 },
			{ id: 2, label: { fr: 'Jeunes', nl: 'Jongeren' }, count: 9 }
		],
		news: [{ id: 7, title: { fr: 'Nouvelle', nl: 'Nieuws' }, date: '2024-10-01' }],
		vote: {
			voters: 3,
			present: 4,
			entries: [
				{
					candidateId: 10,
					label: { fr: 'Accès', nl: 'Toegang' },
					points: 9,
					rank: 1,
					tied: false,
					selected: true
				},
				{
					candidateId: 11,
					label: { text: 'Idée du public', language: 'fr' },
					points: 4,
					rank: 2,
					tied: true,
					selected: false
				},
				{
					candidateId: 12,
					label: { fr: 'Autre', nl: 'Ander' },
					points: 4,
					rank: 2,
					tied: true,
					selected: false
				}
			]
		},
		tables: [
			{
				id: 21,
				name: '1',
				priority: { fr: 'Accès', nl: 'Toegang' },
				barriers: [
					{ id: 101, text: 'Attente', key: false, language: 'fr' },
					{ id: 102, text: 'Coût', key: true, language: 'fr' }
				],
				levers: [{ id: 103, text: 'Hefboom', key: false, language: 'nl' }],
				collaborations: [],
				actors: [{ id: 104, text: 'SSM', key: false, language: '' }],
				rapporteur: 'Secret Bob',
				rapporteurParticipantId: 2,
				justification: 'Parce que.'
			},
			{
				id: 22,
				name: '2',
				priority: { fr: 'Écoles', nl: 'Scholen' },
				barriers: [],
				levers: [],
				collaborations: [],
				actors: [],
				rapporteur: 'Anne',
				rapporteurParticipantId: 1,
				justification: ''
			}
		],
		generatedAt: '2024-09-24T09:00:00+02:00'
	};
}

function edits(rows: Record<string, unknown>): RestitutionEdits {
	return parseEdits(
		Object.entries(rows).map(([key, value]) => ({ key, valueJson: JSON.stringify(value) }))
	);
}

/** The coordinators turned the printed attendance list on. */
const NAMES_ON = { 'doc:attendanceNames': true };

describe('buildRestitution', () => {
	it('builds a valid model from stored data', () => {
		const { restitution } = buildRestitution(source());
		expect(restitutionSchema.parse(restitution)).toEqual(restitution);
		expect(restitution.header.series).toEqual({ fr: 'Zone Nord-Ouest', nl: 'Zone Noord-West' });
		expect(restitution.header.organiser).toEqual({ fr: 'Zone Nord-Ouest', nl: 'Zone Noord-West' });
		expect(restitution.header.startTime).toBe('13:30');
		expect(restitution.contact).toEqual({ name: 'Sophie', email: 'sophie@example.org' });
		expect(restitution.context.needs.map((n) => n.count)).toEqual([9, 3]);
		expect(restitution.vote?.priorities.map((p) => [p.rank, p.tied, p.points])).toEqual([
			[1, false, 9],
			[2, true, 4],
			[2, true, 4]
		]);
		expect(restitution.vote?.priorities[1]?.label).toEqual({
			text: 'Idée du public',
			language: 'fr'
		});
	});

	it('names as organiser the series, else the contact, else nobody: never a placeholder', () => {
		const noSeries = { ...source(), series: null };
		expect(buildRestitution(noSeries).restitution.header.organiser).toEqual({
			fr: 'Sophie',
			nl: 'Sophie'
		});
		const nobody = {
			...noSeries,
			concertation: { ...noSeries.concertation, contact: { name: '', email: '', phone: '' } }
		};
		const built = buildRestitution(nobody);
		expect(built.restitution.header).not.toHaveProperty('organiser');
		expect(built.defaults.organiser).toBeUndefined();
		expect(restitutionSchema.safeParse(built.restitution).success).toBe(true);
	});

	it('prints counts and sectors but no name by default', () => {
		const { restitution, items, attendanceNames } = buildRestitution(source());
		expect(attendanceNames).toBe(false);
		// Everyone who took part is counted, as the vote's turnout counts them.
		expect(restitution.attendance.participants).toBe(5);
		expect(restitution.attendance.people).toEqual([]);
		expect(restitution.tables.every((table) => table.rapporteur === undefined)).toBe(true);
		const json = JSON.stringify(restitution);
		for (const name of ['Anne', 'Chloé', 'Dries', 'Secret Bob', 'Hidden Eve'])
			expect(json).not.toContain(name);
		expect(items.some((item) => item.section === 'people' || item.section === 'rapporteur')).toBe(
			false
		);
		// A value other than `true` (a hand-edited row) does not turn names on.
		expect(
			buildRestitution(source(), edits({ 'doc:attendanceNames': 'yes' })).restitution.attendance
				.people
		).toEqual([]);
	});

	it('gives sectors and names only of participants who consented, when names are on', () => {
		const { restitution } = buildRestitution(source(), edits(NAMES_ON));
		expect(restitution.attendance.participants).toBe(5);
		expect(restitution.attendance.sectors).toEqual([
			{ label: { fr: 'Santé mentale', nl: 'Geestelijke gezondheid' }, count: 2 },
			{ label: { fr: 'Action sociale', nl: 'Welzijn' }, count: 1 }
		]);
		expect(restitution.attendance.people.map((p) => p.name)).toEqual(['Anne', 'Chloé', 'Dries']);
		const json = JSON.stringify(restitution);
		expect(json).not.toContain('Secret Bob');
		expect(json).not.toContain('Hidden Eve');
		// The rapporteur of table 1 did not consent: not named. Table 2's did.
		expect(restitution.tables[0]?.rapporteur).toBeUndefined();
		expect(restitution.tables[1]?.rapporteur).toBe('Anne');
	});

	it('keeps counts and sectors but prints no name once the participants were anonymised', () => {
		const named = buildRestitution(source(), edits(NAMES_ON)).restitution;
		const { restitution } = buildRestitution({ ...source(), namesErased: true }, edits(NAMES_ON));
		expect(restitution.attendance).toEqual({ ...named.attendance, people: [] });
		expect(restitution.tables.every((table) => table.rapporteur === undefined)).toBe(true);
		expect(restitution.tables.map((table) => table.barriers)).toEqual(
			named.tables.map((table) => table.barriers)
		);
	});

	it('prints the count but nobody and no sector when nobody consented', () => {
		const data = source();
		data.participants = data.participants.map((p) => ({ ...p, consentAttendance: false }));
		const { restitution } = buildRestitution(data);
		expect(restitution.attendance).toEqual({ participants: 5, sectors: [], people: [] });
		expect(restitution.tables.every((table) => table.rapporteur === undefined)).toBe(true);
	});

	it('puts key items first and keeps each item’s language', () => {
		const { restitution } = buildRestitution(source());
		expect(restitution.tables[0]?.barriers).toEqual([
			{ text: 'Coût', key: true, language: 'fr' },
			{ text: 'Attente', key: false, language: 'fr' }
		]);
		expect(restitution.tables[0]?.actors).toEqual([{ text: 'SSM', key: false }]);
		expect(restitution.tables[0]?.justification).toEqual({ text: 'Parce que.' });
	});

	it('leaves the vote out when there was none, and never invents one', () => {
		const data = source();
		data.vote = null;
		data.needs = [];
		data.news = [];
		const { restitution } = buildRestitution(data);
		expect(restitution.vote).toBeUndefined();
		expect(restitution.context).toEqual({ needs: [], news: [] });
	});

	it('uses the series logo only when its bytes are a real image', () => {
		const data = source();
		data.branding = {
			organiser: { fr: 'Zone de soins', nl: 'Zorgzone' },
			logo: { mediaType: 'image/png', bytes: Buffer.from(SAMPLE_LOGO_PNG_BASE64, 'base64') }
		};
		const withLogo = buildRestitution(data).restitution;
		expect(withLogo.header.organiser).toEqual({ fr: 'Zone de soins', nl: 'Zorgzone' });
		expect(withLogo.header.logo?.mediaType).toBe('image/png');
		data.branding.logo = { mediaType: 'image/png', bytes: Buffer.from('<svg onload=alert(1)>') };
		expect(buildRestitution(data).restitution.header.logo).toBeUndefined();
	});

	it('is pure: the same input gives the same model', () => {
		expect(buildRestitution(source())).toEqual(buildRestitution(source()));
	});

	it('lists every editable item with a stable key', () => {
		const { items } = buildRestitution(source(), edits(NAMES_ON));
		const keys = items.map((item) => item.key);
		expect(keys).toContain('sector:mental_health');
		expect(keys).toContain('person:1');
		expect(keys).not.toContain('person:2');
		expect(keys).toContain('need:2');
		expect(keys).toContain('news:7');
		expect(keys).toContain('vote:11');
		expect(keys).toContain('table:21:priority');
		expect(keys).toContain('table:21:note:102');
		expect(keys).toContain('table:21:justification');
		expect(keys).toContain('table:22:rapporteur');
		expect(keys.every(isItemKey)).toBe(true);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('coordinator edits', () => {
	it('hides and rephrases items without touching the source', () => {
		const data = source();
		const before = structuredClone(data);
		const built = buildRestitution(
			data,
			edits({
				'table:21:note:102': { text: 'Coût des consultations' },
				'table:21:note:101': { hidden: true },
				'vote:12': { hidden: true },
				'table:21:priority': { fr: 'Accès rapide' },
				'person:3': { hidden: true },
				'news:7': { nl: 'Nieuwtje' },
				...NAMES_ON
			})
		);
		const table = built.restitution.tables[0];
		expect(table?.barriers).toEqual([
			{ text: 'Coût des consultations', key: true, language: 'fr' }
		]);
		expect(table?.priority).toEqual({ fr: 'Accès rapide', nl: 'Toegang' });
		expect(built.restitution.vote?.priorities).toHaveLength(2);
		expect(built.restitution.attendance.people.map((p) => p.name)).toEqual(['Anne', 'Dries']);
		expect(built.restitution.context.news[0]?.title).toEqual({ fr: 'Nouvelle', nl: 'Nieuwtje' });
		expect(data).toEqual(before);
		const item = built.items.find((i) => i.key === 'table:21:note:102');
		expect(item).toMatchObject({
			original: { text: 'Coût' },
			current: { text: 'Coût des consultations' },
			edited: true,
			hidden: false,
			keyItem: true
		});
		expect(built.items.find((i) => i.key === 'table:21:note:101')?.hidden).toBe(true);
	});

	it('applies coordinator texts, next dates, contact and table order', () => {
		const built = buildRestitution(
			source(),
			edits({
				'doc:introduction': { fr: 'Bonjour', nl: 'Hallo' },
				'doc:conclusion': { nl: 'Tot ziens' },
				'doc:thanks': { fr: 'Merci !', nl: 'Bedankt!' },
				'doc:organiser': { fr: 'Zone', nl: 'Zone' },
				'doc:contact': { email: 'other@example.org' },
				'doc:nextDates': [
					{ label: { fr: 'Conseil', nl: 'Raad' }, date: '2024-12-01' },
					{ label: { fr: 'Prochaine', nl: 'Volgende' }, date: '2024-11-18', time: '13:30' }
				],
				'doc:tableOrder': [22, 21]
			})
		).restitution;
		expect(built.introduction).toEqual({ fr: 'Bonjour', nl: 'Hallo' });
		expect(built.conclusion).toEqual({ nl: 'Tot ziens' });
		expect(built.thanks).toEqual({ fr: 'Merci !', nl: 'Bedankt!' });
		expect(built.header.organiser).toEqual({ fr: 'Zone', nl: 'Zone' });
		expect(built.contact).toEqual({ email: 'other@example.org' });
		expect(built.nextDates.map((d) => d.date)).toEqual(['2024-11-18', '2024-12-01']);
		expect(built.tables.map((t) => t.name)).toEqual(['2', '1']);
		expect(restitutionSchema.safeParse(built).success).toBe(true);
	});

	it('skips stored rows that do not parse instead of failing', () => {
		const parsed = parseEdits([
			{ key: 'table:1:note:2', valueJson: '{not json' },
			{ key: 'table:1:note:3', valueJson: '{"evil": true}' },
			{ key: 'doc:nextDates', valueJson: '[{"date": "soon"}]' },
			{ key: '__proto__', valueJson: '{}' },
			{ key: 'table:1:note:4', valueJson: '{"hidden": true}' }
		]);
		expect([...parsed.items.keys()]).toEqual(['table:1:note:4']);
		expect(parsed.nextDates).toBeUndefined();
	});

	it('cleans input and treats an empty edit as a reset', () => {
		expect(normaliseItemEdit({ hidden: false, text: '   ' })).toBeNull();
		expect(normaliseItemEdit({ hidden: true })).toEqual({ hidden: true });
		expect(normaliseItemEdit({ hidden: false, text: ' a\u202Eb  ' })).toEqual({ text: 'ab' });
	});

	it('recognises item keys and nothing else', () => {
		expect(isItemKey('table:3:note:41')).toBe(true);
		expect(isItemKey('sector:mental_health')).toBe(true);
		expect(isItemKey('sector:none')).toBe(true);
		expect(isItemKey('table:3:note:')).toBe(false);
		expect(isItemKey('doc:introduction')).toBe(false);
		expect(isItemKey('vote:1 OR 1=1')).toBe(false);
	});

	it('reorders tables and keeps new tables at the end', () => {
		expect(moveInOrder([1, 2, 3], 3, 'up')).toEqual([1, 3, 2]);
		expect(moveInOrder([1, 2, 3], 1, 'up')).toEqual([1, 2, 3]);
		expect(orderedIds([1, 2, 3, 4], [3, 9, 1, 3])).toEqual([3, 1, 2, 4]);
		expect(noEdits().items.size).toBe(0);
	});
});

describe('attendance CSV', () => {
	it('lists consenting participants only, Excel-ready and formula-safe', () => {
		const data = source();
		data.participants.push({
			id: 9,
			displayName: '=HYPERLINK("http://evil.example","x")',
			organisation: '+cmd|" /C calc"!A0',
			sector: 'social',
			consentAttendance: true
		});
		const csv = attendanceCsv(
			data,
			parseEdits([{ key: 'person:4', valueJson: '{"hidden":true}' }])
		);
		expect(csv.startsWith('\uFEFFname,organisation,sector_fr,sector_nl\r\n')).toBe(true);
		expect(csv).toContain('Anne,SSM,Santé mentale,Geestelijke gezondheid\r\n');
		expect(csv).not.toContain('Secret Bob');
		expect(csv).not.toContain('Dries');
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
		expect(csv).toContain(`"'+cmd|"" /C calc""!A0"`);
		expect(csv.split('\r\n').filter(Boolean)).toHaveLength(4);
	});
});
