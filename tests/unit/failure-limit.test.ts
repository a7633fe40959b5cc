import { describe, expect, it } from 'vitest';
import { FailureLimit } from '../../src/lib/server/limits';

describe('failed attempts, counted per key', () => {
	it('counts a burst by the attempts it let through, not by those it refused', async () => {
		const limit = new FailureLimit('burst-test', 3, 60);
		// Ten sign-ins at once from one address: three are tried, seven refused untried.
		const burst = await Promise.all(Array.from({ length: 10 }, () => limit.attempt('10.0.0.1')));
		expect(burst.filter((verdict) => verdict.allowed)).toHaveLength(3);
		// The three tried had the right password: nothing failed from this address.
		for (let n = 0; n < 3; n++) await limit.forgive('10.0.0.1');
		expect(await limit.check('10.0.0.1')).toEqual({ allowed: true });
		// So the next burst gets its three tries again.
		const next = await Promise.all(Array.from({ length: 5 }, () => limit.attempt('10.0.0.1')));
		expect(next.filter((verdict) => verdict.allowed)).toHaveLength(3);
	});
});
