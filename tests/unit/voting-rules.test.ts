import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../src/lib/i18n/locales/en/vote.json';
import fr from '../../src/lib/i18n/locales/fr/vote.json';
import nl from '../../src/lib/i18n/locales/nl/vote.json';
import type { VoteTallyRow } from '../../src/lib/protocol';
import { DomainError } from '../../src/lib/server/errors';
import {
	assertVoteOpen,
	assertVoteReopenable,
	defaultSelection,
	requiredChoices,
	resultsCsv,
	tally,
	tallyFromCounts,
	turnout,
	validateBallot,
	type BallotChoice,
	type Candidate,
	type ReopenState,
	type SubmittedChoice,
	type VoteErrorCode,
	type VoteSettings,
	type Weight
} from '../../src/lib/server/vote/rules';

const FULL: VoteSettings = { minChoices: 3 };
const candidates: Candidate[] = [
	{ id: 10, position: 1 },
	{ id: 20, position: 2 },
	{ id: 30, position: 3 },
	{ id: 40, position: 4 }
];

function ballot(...ids: number[]): BallotChoice[] {
	const weights: Weight[] = [3, 2, 1];
	return ids.map((candidateId, index) => ({ candidateId, weight: weights[index] ?? 1 }));
}

function caught(action: () => unknown): DomainError {
	try {
		action();
	} catch (error) {
		if (error instanceof DomainError) return error;
		throw error;
	}
	throw new Error('expected a DomainError');
}

function expectRefused(
	choices: SubmittedChoice[],
	code: VoteErrorCode,
	settings: VoteSettings = FULL,
	list: Candidate[] = candidates
): DomainError {
	const error = caught(() => validateBallot(choices, list, settings, 'open'));
	expect(error.code).toBe(code);
	expect(error.messageKey).toBe(`vote:errors.${code}`);
	return error;
}

function row(candidateId: number, rows: VoteTallyRow[]): VoteTallyRow {
	const found = rows.find((r) => r.candidateId === candidateId);
	if (!found) throw new Error(`no row for ${candidateId}`);
	return found;
}

describe('validateBallot', () => {
	it('accepts a full ballot and returns it sorted by weight, 3 first', () => {
		const submitted: SubmittedChoice[] = [
			{ candidateId: 30, weight: 1 },
			{ candidateId: 10, weight: 3 },
			{ candidateId: 20, weight: 2 }
		];
		expect(validateBallot(submitted, candidates, FULL, 'open')).toEqual([
			{ candidateId: 10, weight: 3 },
			{ candidateId: 20, weight: 2 },
			{ candidateId: 30, weight: 1 }
		]);
		expect(submitted[0]).toEqual({ candidateId: 30, weight: 1 });
	});

	it('keeps only candidateId and weight from each choice', () => {
		const submitted = [
			{ candidateId: 10, weight: 3, participantId: 7 },
			{ candidateId: 20, weight: 2, participantId: 7 },
			{ candidateId: 30, weight: 1, participantId: 7 }
		];
		const accepted = validateBallot(submitted, candidates, FULL, 'open');
		for (const choice of accepted)
			expect(Object.keys(choice).sort()).toEqual(['candidateId', 'weight']);
	});

	describe('partial ballots fill from the top', () => {
		it.each([
			[1, [[3], [3, 2], [3, 2, 1]]],
			[
				2,
				[
					[3, 2],
					[3, 2, 1]
				]
			],
			[3, [[3, 2, 1]]]
		] as const)('minChoices %i accepts %j', (minChoices, accepted) => {
			for (const weights of accepted) {
				const choices = weights.map((weight, index) => ({ candidateId: (index + 1) * 10, weight }));
				expect(validateBallot(choices, candidates, { minChoices }, 'open')).toHaveLength(
					weights.length
				);
			}
		});

		it.each([
			[1, []],
			[1, [2]],
			[1, [1]],
			[1, [2, 1]],
			[1, [3, 1]],
			[2, []],
			[2, [3]],
			[2, [3, 1]],
			[2, [2, 1]],
			[3, [3]],
			[3, [3, 2]],
			[3, [3, 1]],
			[3, [2, 1]]
		] as const)('minChoices %i refuses %j as vote_incomplete', (minChoices, weights) => {
			const choices = weights.map((weight, index) => ({ candidateId: (index + 1) * 10, weight }));
			const error = expectRefused(choices, 'vote_incomplete', { minChoices });
			expect(error.params).toEqual({ count: minChoices });
		});

		it('never asks for more choices than candidates left on the ballot', () => {
			const two: Candidate[] = [
				{ id: 1, position: 1 },
				{ id: 2, position: 2 },
				{ id: 3, position: 3, withdrawn: true }
			];
			expect(validateBallot(ballot(1, 2), two, FULL, 'open')).toEqual(ballot(1, 2));
			expect(expectRefused(ballot(1), 'vote_incomplete', FULL, two).params).toEqual({ count: 2 });
			expect(validateBallot(ballot(1), [{ id: 1, position: 1 }], FULL, 'open')).toEqual(ballot(1));
		});

		it('always requires at least one choice, even with no candidate', () => {
			expect(requiredChoices(FULL, 0)).toBe(1);
			expect(requiredChoices({ minChoices: 2 }, 5)).toBe(2);
			expect(expectRefused([], 'vote_incomplete', FULL, []).params).toEqual({ count: 1 });
		});
	});

	it.each([0, 4, -1, 2.5, Number.NaN, 6])('refuses weight %s as vote_bad_weight', (weight) => {
		const error = expectRefused(
			[
				{ candidateId: 10, weight: 3 },
				{ candidateId: 20, weight },
				{ candidateId: 30, weight: 1 }
			],
			'vote_bad_weight'
		);
		expect(error.params).toEqual({ weight: String(weight) });
	});

	it('refuses a weight that is not a number at all', () => {
		const weight = '3' as unknown as number;
		expectRefused([{ candidateId: 10, weight }], 'vote_bad_weight', { minChoices: 1 });
	});

	it('refuses a weight given twice as vote_repeated_weight', () => {
		const error = expectRefused(
			[
				{ candidateId: 10, weight: 3 },
				{ candidateId: 20, weight: 3 },
				{ candidateId: 30, weight: 1 }
			],
			'vote_repeated_weight'
		);
		expect(error.params).toEqual({ weight: 3 });
	});

	it('refuses more than three choices (a weight necessarily repeats)', () => {
		expectRefused([...ballot(10, 20, 30), { candidateId: 40, weight: 1 }], 'vote_repeated_weight');
	});

	it('refuses a candidate named twice as vote_repeated_candidate', () => {
		const error = expectRefused(
			[
				{ candidateId: 10, weight: 3 },
				{ candidateId: 10, weight: 2 },
				{ candidateId: 30, weight: 1 }
			],
			'vote_repeated_candidate'
		);
		expect(error.params).toEqual({ candidateId: 10 });
	});

	it('refuses an unknown candidate as vote_unknown_candidate', () => {
		const error = expectRefused(ballot(10, 20, 99), 'vote_unknown_candidate');
		expect(error.params).toEqual({ candidateId: 99 });
	});

	it('refuses a withdrawn candidate as vote_unknown_candidate', () => {
		const list: Candidate[] = [...candidates, { id: 50, position: 5, withdrawn: true }];
		expectRefused(ballot(50, 10, 20), 'vote_unknown_candidate', FULL, list);
		expect(validateBallot(ballot(40, 10, 20), list, FULL, 'open')).toHaveLength(3);
	});

	it.each(['draft', 'closed'] as const)('refuses any ballot while the vote is %s', (status) => {
		const error = caught(() => validateBallot(ballot(10, 20, 30), candidates, FULL, status));
		expect(error.code).toBe('vote_not_open');
		expect(error.messageKey).toBe('vote:errors.vote_not_open');
		expect(error.params).toEqual({ status });
	});

	it('answers vote_not_open before looking at the ballot itself', () => {
		const bad: SubmittedChoice[] = [{ candidateId: 99, weight: 7 }];
		expect(caught(() => validateBallot(bad, candidates, FULL, 'closed')).code).toBe(
			'vote_not_open'
		);
	});

	it('lets a participant replace a ballot while open, never after closing', () => {
		const first = validateBallot(ballot(10, 20, 30), candidates, FULL, 'open');
		const replacement = validateBallot(ballot(40, 30, 20), candidates, FULL, 'open');
		expect(replacement).not.toEqual(first);
		expect(() => assertVoteOpen('open')).not.toThrow();
		expect(caught(() => assertVoteOpen('closed')).code).toBe('vote_not_open');
		expect(caught(() => assertVoteOpen('draft')).code).toBe('vote_not_open');
	});
});

describe('tally', () => {
	it('counts points, 3s, 2s, 1s and voters per candidate', () => {
		const rows = tally([ballot(10, 20, 30), ballot(20, 10, 30), ballot(10, 30, 20)], candidates);
		expect(row(10, rows)).toMatchObject({ points: 8, threes: 2, twos: 1, ones: 0, voters: 3 });
		expect(row(20, rows)).toMatchObject({ points: 6, threes: 1, twos: 1, ones: 1, voters: 3 });
		expect(row(30, rows)).toMatchObject({ points: 4, threes: 0, twos: 1, ones: 2, voters: 3 });
		expect(row(40, rows)).toMatchObject({ points: 0, threes: 0, twos: 0, ones: 0, voters: 0 });
	});

	it('ranks by points', () => {
		const rows = tally([ballot(30, 20, 10), ballot(30, 20, 40)], candidates);
		expect(rows.map((r) => [r.candidateId, r.points, r.rank, r.tied])).toEqual([
			[30, 6, 1, false],
			[20, 4, 2, false],
			[10, 1, 3, true],
			[40, 1, 3, true]
		]);
	});

	it('breaks equal points by more 3s', () => {
		// 20: 2+2+2 = 6 points, no 3; 30: 3+3 = 6 points, two 3s.
		const rows = tally([ballot(30, 20), ballot(30, 20), ballot(10, 20)], candidates);
		expect(row(20, rows).points).toBe(row(30, rows).points);
		expect(row(30, rows)).toMatchObject({ rank: 1, tied: false });
		expect(row(20, rows)).toMatchObject({ rank: 2, tied: false });
	});

	it('breaks equal points and 3s by more 2s', () => {
		// 10: 3+2+2 = 7 (one 3, two 2s); 20: 3+2+1+1 = 7 (one 3, one 2).
		const rows = tally(
			[ballot(10, 20, 30), ballot(20, 10, 30), ballot(30, 10, 20), ballot(30, 40, 20)],
			candidates
		);
		expect(row(10, rows)).toMatchObject({ points: 7, threes: 1, twos: 2 });
		expect(row(20, rows)).toMatchObject({ points: 7, threes: 1, twos: 1 });
		expect(row(10, rows).rank).toBeLessThan(row(20, rows).rank);
		expect(row(10, rows).tied).toBe(false);
		expect(row(20, rows).tied).toBe(false);
	});

	it('gives exact ties the same rank (1, 2, 2, 4) and lists them by position', () => {
		const list: Candidate[] = [
			{ id: 1, position: 4 },
			{ id: 2, position: 1 },
			{ id: 3, position: 3 },
			{ id: 4, position: 2 }
		];
		// 3: 3+3 = 6; 1 and 4: 3+2 = 5 each with one 3 and one 2; 2: 1+1 = 2.
		const rows = tally([ballot(3, 1, 2), ballot(3, 4, 2), ballot(1), ballot(4)], list);
		expect(rows.map((r) => [r.candidateId, r.rank, r.tied])).toEqual([
			[3, 1, false],
			[4, 2, true],
			[1, 2, true],
			[2, 4, false]
		]);
	});

	it('handles a three-way tie at the top (1, 1, 1, 4)', () => {
		const rows = tally([ballot(10, 20, 30), ballot(20, 30, 10), ballot(30, 10, 20)], candidates);
		expect(rows.map((r) => [r.candidateId, r.points, r.rank, r.tied])).toEqual([
			[10, 6, 1, true],
			[20, 6, 1, true],
			[30, 6, 1, true],
			[40, 0, 4, false]
		]);
	});

	it('includes zero-point candidates after the others, tied among themselves', () => {
		const rows = tally([ballot(40)], candidates);
		expect(rows).toHaveLength(4);
		expect(rows.map((r) => [r.candidateId, r.rank, r.tied])).toEqual([
			[40, 1, false],
			[10, 2, true],
			[20, 2, true],
			[30, 2, true]
		]);
	});

	it('ranks every candidate first and tied when nobody voted', () => {
		const rows = tally([], candidates);
		expect(rows.every((r) => r.rank === 1 && r.tied && r.points === 0)).toBe(true);
		expect(tally([], [{ id: 1, position: 1 }])).toEqual([
			{ candidateId: 1, points: 0, threes: 0, twos: 0, ones: 0, voters: 0, rank: 1, tied: false }
		]);
	});

	it('leaves out withdrawn candidates but still counts the rest of their ballots', () => {
		const list: Candidate[] = [...candidates, { id: 50, position: 0, withdrawn: true }];
		const rows = tally([ballot(50, 10, 20), ballot(10, 20, 30)], list);
		expect(rows.map((r) => r.candidateId)).not.toContain(50);
		expect(row(10, rows)).toMatchObject({ points: 5, voters: 2, rank: 1 });
		expect(row(20, rows)).toMatchObject({ points: 3, voters: 2, rank: 2 });
	});

	it('ignores choices naming a candidate it does not know', () => {
		const rows = tally([ballot(99, 10)], candidates);
		expect(rows.map((r) => r.candidateId)).toEqual([10, 20, 30, 40]);
		expect(row(10, rows).points).toBe(2);
	});

	it('never exposes anything but counts: no participant id in the output', () => {
		const ballots = [ballot(10, 20, 30), ballot(20, 30)];
		const rows = tally(ballots, candidates);
		for (const r of rows) {
			expect(Object.keys(r).sort()).toEqual(
				['candidateId', 'ones', 'points', 'rank', 'threes', 'tied', 'twos', 'voters'].sort()
			);
		}
		expect(JSON.stringify(rows)).not.toMatch(/participant/i);
		expect(ballots).toEqual([ballot(10, 20, 30), ballot(20, 30)]);
	});
});

describe('turnout', () => {
	it.each([
		[3, 4, 0.75],
		[4, 4, 1],
		[0, 5, 0],
		[0, 0, 0],
		[2, 0, 0]
	])('%i voters out of %i present gives %d', (voters, present, ratio) => {
		expect(turnout(voters, present)).toEqual({ voters, present, ratio });
	});
});

describe('resultsCsv', () => {
	const counts = { points: 6, threes: 2, twos: 0, ones: 0, voters: 2, rank: 1, tied: false };
	const csvRow = (label: string, candidateId = 1) => ({ ...counts, candidateId, label });

	it('writes the exact English header and CRLF after every record', () => {
		const csv = resultsCsv([csvRow('Parc'), { ...csvRow('Bancs', 2), points: 0, rank: 2 }]);
		expect(csv).toBe(
			'candidate,points,threes,twos,ones,voters,rank\r\nParc,6,2,0,0,2,1\r\nBancs,0,2,0,0,2,2\r\n'
		);
	});

	it('writes the header alone when there is no candidate', () => {
		expect(resultsCsv([])).toBe('candidate,points,threes,twos,ones,voters,rank\r\n');
	});

	it.each([
		['Vélos, trottinettes', '"Vélos, trottinettes"'],
		['Le "piétonnier"', '"Le ""piétonnier"""'],
		['Ligne 1\nLigne 2', '"Ligne 1\nLigne 2"'],
		['Ligne 1\r\nLigne 2', '"Ligne 1\r\nLigne 2"'],
		['"', '""""'],
		['plain', 'plain']
	])('quotes %j per RFC 4180', (label, cell) => {
		const line = resultsCsv([csvRow(label)]).slice(
			'candidate,points,threes,twos,ones,voters,rank\r\n'.length
		);
		expect(line).toBe(`${cell},6,2,0,0,2,1\r\n`);
	});

	it.each([
		['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
		['+32 2 123 45 67', "'+32 2 123 45 67"],
		['-1', "'-1"],
		['@SUM(A1:A2)', "'@SUM(A1:A2)"],
		['\tTab', "'\tTab"],
		['=1+1,2', `"'=1+1,2"`],
		['a=b', 'a=b'],
		['e-mail', 'e-mail']
	])('neutralises formula injection in %j', (label, cell) => {
		expect(resultsCsv([csvRow(label)]).split('\r\n')[1]).toBe(`${cell},6,2,0,0,2,1`);
	});

	it('keeps non-ASCII labels intact through UTF-8', () => {
		const csv = resultsCsv([csvRow('Straße – café – België 🌳')]);
		expect(new TextDecoder().decode(new TextEncoder().encode(csv))).toBe(csv);
		expect(csv).toContain('Straße – café – België 🌳,6');
	});

	it('exports tally rows with their ranks, ties included', () => {
		const rows = tally([ballot(10, 20), ballot(20, 10)], candidates).map((r) => ({
			...r,
			label: `#${r.candidateId}`
		}));
		expect(resultsCsv(rows).split('\r\n').slice(1, -1)).toEqual([
			'#10,5,1,1,0,2,1',
			'#20,5,1,1,0,2,1',
			'#30,0,0,0,0,0,3',
			'#40,0,0,0,0,0,3'
		]);
	});
});

describe('defaultSelection', () => {
	it('selects the top three by default', () => {
		const rows = tally([ballot(40, 30, 20), ballot(40, 30, 10), ballot(40, 20)], candidates);
		expect(defaultSelection(rows)).toEqual({ selected: [40, 30, 20], tieAtCut: false });
	});

	it('keeps every candidate tied at the cut and says so', () => {
		// 40: 6, 30: 4, 10 and 20: 1 each → ranks 1, 2, 3, 3.
		const rows = tally([ballot(40, 30, 20), ballot(40, 30, 10)], candidates);
		expect(defaultSelection(rows)).toEqual({ selected: [40, 30, 10, 20], tieAtCut: true });
	});

	it('reports no tie at the cut when the tie fits inside it', () => {
		// 40: 6, 10 and 20: 3 each (one 3), 30: 0 → ranks 1, 2, 2, 4.
		const rows = tally([ballot(40, 10), ballot(40, 20), ballot(10), ballot(20)], candidates);
		expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
		expect(defaultSelection(rows)).toEqual({ selected: [40, 10, 20], tieAtCut: false });
	});

	it('honours another count, and a tie at the very top', () => {
		const rows = tally([ballot(10, 20), ballot(20, 10), ballot(30)], candidates);
		expect(defaultSelection(rows, 1)).toEqual({ selected: [10, 20], tieAtCut: true });
		expect(defaultSelection(rows, 2)).toEqual({ selected: [10, 20], tieAtCut: false });
	});

	it('never proposes a candidate nobody chose', () => {
		expect(defaultSelection(tally([ballot(20)], candidates))).toEqual({
			selected: [20],
			tieAtCut: false
		});
		expect(defaultSelection(tally([], candidates))).toEqual({ selected: [], tieAtCut: false });
	});
});

describe('tallyFromCounts', () => {
	it('gives the same result as counting the ballots one by one', () => {
		const ballots = [ballot(10, 20, 30), ballot(20, 10, 40), ballot(30, 20), ballot(10)];
		const counts = [
			{ candidateId: 10, weight: 3, count: 2 },
			{ candidateId: 10, weight: 2, count: 1 },
			{ candidateId: 20, weight: 3, count: 1 },
			{ candidateId: 20, weight: 2, count: 2 },
			{ candidateId: 30, weight: 3, count: 1 },
			{ candidateId: 30, weight: 1, count: 1 },
			{ candidateId: 40, weight: 1, count: 1 }
		];
		expect(tallyFromCounts(counts, candidates)).toEqual(tally(ballots, candidates));
	});

	it('multiplies points by counts and sums voters', () => {
		const rows = tallyFromCounts(
			[
				{ candidateId: 20, weight: 3, count: 4 },
				{ candidateId: 20, weight: 1, count: 5 }
			],
			candidates
		);
		expect(row(20, rows)).toMatchObject({
			points: 17,
			threes: 4,
			twos: 0,
			ones: 5,
			voters: 9,
			rank: 1,
			tied: false
		});
		expect(row(10, rows)).toMatchObject({ points: 0, voters: 0, rank: 2, tied: true });
	});

	it('ignores unknown or withdrawn candidates, other weights and empty counts', () => {
		const list: Candidate[] = [...candidates.slice(0, 3), { id: 40, position: 4, withdrawn: true }];
		const rows = tallyFromCounts(
			[
				{ candidateId: 40, weight: 3, count: 9 },
				{ candidateId: 99, weight: 3, count: 9 },
				{ candidateId: 10, weight: 5, count: 9 },
				{ candidateId: 10, weight: 3, count: 0 },
				{ candidateId: 30, weight: 2, count: 1 }
			],
			list
		);
		expect(rows.map((r) => r.candidateId)).toEqual([30, 10, 20]);
		expect(row(10, rows).points).toBe(0);
		expect(row(30, rows)).toMatchObject({ points: 2, twos: 1, voters: 1, rank: 1 });
	});
});

describe('property: random ballots', () => {
	// mulberry32: small, seeded, reproducible.
	function prng(seed: number): () => number {
		let state = seed >>> 0;
		return () => {
			state = (state + 0x6d2b79f5) >>> 0;
			let t = state;
			t = Math.imul(t ^ (t >>> 15), t | 1);
			t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
			return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
		};
	}

	it('conserves points and voters over 300 random votes', () => {
		const random = prng(20240611);
		const pick = (n: number) => Math.floor(random() * n);
		const POINTS_BY_LENGTH = [0, 3, 5, 6];

		for (let round = 0; round < 300; round++) {
			const list: Candidate[] = Array.from({ length: 3 + pick(6) }, (_, index) => ({
				id: 100 + index,
				position: pick(10)
			}));
			const ballots: BallotChoice[][] = [];
			let expectedPoints = 0;
			const expectedVoters = new Map<number, number>();

			for (let voter = pick(40); voter > 0; voter--) {
				const ids = list.map((c) => c.id).sort(() => random() - 0.5);
				const length = 1 + pick(3);
				const submitted: SubmittedChoice[] = ballot(...ids.slice(0, length)).reverse();
				const accepted = validateBallot(submitted, list, { minChoices: 1 }, 'open');
				expect(accepted.map((c) => c.weight)).toEqual(([3, 2, 1] as const).slice(0, length));
				ballots.push(accepted);
				expectedPoints += POINTS_BY_LENGTH[length] ?? 0;
				for (const { candidateId } of accepted) {
					expectedVoters.set(candidateId, (expectedVoters.get(candidateId) ?? 0) + 1);
				}
			}

			const rows = tally(ballots, list);
			expect(rows).toHaveLength(list.length);
			expect(rows.reduce((sum, r) => sum + r.points, 0)).toBe(expectedPoints);
			for (const r of rows) {
				expect(r.voters).toBe(expectedVoters.get(r.candidateId) ?? 0);
				expect(r.voters).toBe(r.threes + r.twos + r.ones);
				expect(r.points).toBe(3 * r.threes + 2 * r.twos + r.ones);
				const better = rows.filter(
					(o) =>
						o.points > r.points ||
						(o.points === r.points && o.threes > r.threes) ||
						(o.points === r.points && o.threes === r.threes && o.twos > r.twos)
				).length;
				const same = rows.filter(
					(o) => o.points === r.points && o.threes === r.threes && o.twos === r.twos
				).length;
				expect(r.rank).toBe(better + 1);
				expect(r.tied).toBe(same > 1);
			}
			const sumOfThrees = rows.reduce((sum, r) => sum + r.threes, 0);
			expect(sumOfThrees).toBe(ballots.length);
		}
	});
});

describe('assertVoteReopenable', () => {
	const reopenable: ReopenState = {
		status: 'closed',
		atVoteStep: true,
		tablesReached: false,
		tablesHaveItems: false
	};

	it('reopens a closed vote at its step before the tables', () => {
		expect(() => assertVoteReopenable(reopenable)).not.toThrow();
	});

	it('refuses once the programme reached the tables, or once something was written at one', () => {
		for (const state of [
			{ ...reopenable, tablesReached: true, atVoteStep: false },
			{ ...reopenable, tablesHaveItems: true },
			// Back at the vote step after the tables: what was written there still stands.
			{ ...reopenable, tablesHaveItems: true, atVoteStep: true }
		]) {
			const error = caught(() => assertVoteReopenable(state));
			expect(error.code).toBe('vote_tables_started');
			expect(error.messageKey).toBe('vote:errors.vote_tables_started');
		}
	});

	it('says the tables have started rather than the wrong step when both are true', () => {
		const error = caught(() =>
			assertVoteReopenable({ ...reopenable, atVoteStep: false, tablesReached: true })
		);
		expect(error.code).toBe('vote_tables_started');
	});

	it('reopens only at the vote step, where phones take ballots', () => {
		expect(caught(() => assertVoteReopenable({ ...reopenable, atVoteStep: false })).code).toBe(
			'vote_wrong_phase'
		);
	});

	it('reopens only a closed vote', () => {
		expect(caught(() => assertVoteReopenable({ ...reopenable, status: 'open' })).code).toBe(
			'vote_already_open'
		);
		expect(caught(() => assertVoteReopenable({ ...reopenable, status: 'draft' })).code).toBe(
			'vote_reopen_not_closed'
		);
	});

	it('judges every combination the same way: only closed, at the step, tables untouched', () => {
		for (const status of ['draft', 'open', 'closed'] as const)
			for (const atVoteStep of [false, true])
				for (const tablesReached of [false, true])
					for (const tablesHaveItems of [false, true]) {
						const state = { status, atVoteStep, tablesReached, tablesHaveItems };
						const allowed = status === 'closed' && atVoteStep && !tablesReached && !tablesHaveItems;
						if (allowed) expect(() => assertVoteReopenable(state)).not.toThrow();
						else expect(() => assertVoteReopenable(state)).toThrow(DomainError);
					}
	});
});

describe('translations', () => {
	const codes: VoteErrorCode[] = [
		'vote_bad_weight',
		'vote_repeated_weight',
		'vote_repeated_candidate',
		'vote_unknown_candidate',
		'vote_incomplete',
		'vote_not_open',
		'vote_already_open',
		'vote_reopen_not_closed',
		'vote_wrong_phase',
		'vote_tables_started'
	];
	const i18n = i18next.createInstance();
	void i18n.init({
		resources: { fr: { vote: fr }, nl: { vote: nl }, en: { vote: en } },
		lng: 'fr',
		ns: ['vote'],
		initAsync: false
	});

	it('has the same keys in French, Dutch and English', () => {
		expect(Object.keys(nl.errors).sort()).toEqual(Object.keys(fr.errors).sort());
		expect(Object.keys(en.errors).sort()).toEqual(Object.keys(fr.errors).sort());
	});

	it.each(['fr', 'nl', 'en'])('translates every error code in %s', (lng) => {
		for (const code of codes) {
			const key = `vote:errors.${code}`;
			for (const count of [1, 2, 3]) {
				const message = i18n.t(key, { lng, count });
				expect(message).not.toBe(key);
				expect(message).not.toMatch(/{{|}}/);
			}
		}
		expect(i18n.t('vote:errors.vote_incomplete', { lng, count: 2 })).toContain('2');
		// Without a count (a caller forgetting params), a plain message still exists.
		expect(i18n.exists('vote:errors.vote_incomplete', { lng })).toBe(true);
	});
});
