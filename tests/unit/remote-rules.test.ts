import { describe, expect, it } from 'vitest';
import {
	cleanVideoLink,
	handsOpenIn,
	PHASE_KINDS,
	REMOTE_LIMITS,
	videoLinkForRemote
} from '../../src/lib/protocol';
import { Presence } from '../../src/lib/server/realtime/presence';

describe('the video-call link', () => {
	it('takes http and https links with a host, trimmed', () => {
		expect(cleanVideoLink('https://meet.example.org/abc-def')).toBe(
			'https://meet.example.org/abc-def'
		);
		expect(cleanVideoLink('  http://10.0.0.5:8080/room?x=1#y ')).toBe(
			'http://10.0.0.5:8080/room?x=1#y'
		);
		expect(cleanVideoLink('https://teams.microsoft.com/l/meetup-join/19%3ameeting')).toBe(
			'https://teams.microsoft.com/l/meetup-join/19%3ameeting'
		);
	});

	it('refuses every other scheme, spaces, bare words and links too long', () => {
		for (const bad of [
			'',
			'   ',
			'javascript:alert(1)',
			'JAVASCRIPT:alert(1)',
			'data:text/html,<b>x</b>',
			'file:///etc/passwd',
			'ftp://example.org/x',
			'mailto:someone@example.org',
			'meet.example.org/abc',
			'https://exa mple.org',
			'https://',
			`https://example.org/${'a'.repeat(REMOTE_LIMITS.videoLink)}`
		])
			expect(cleanVideoLink(bad), bad).toBeNull();
	});

	it('shown to remote participants: the current part’s, else the concertation’s, or none', () => {
		expect(videoLinkForRemote({ concertation: 'https://meet.example.org/a' })).toBe(
			'https://meet.example.org/a'
		);
		expect(
			videoLinkForRemote({
				concertation: 'https://meet.example.org/a',
				part: 'https://meet.example.org/part-2'
			})
		).toBe('https://meet.example.org/part-2');
		expect(videoLinkForRemote({ concertation: 'https://meet.example.org/a', part: '' })).toBe(
			'https://meet.example.org/a'
		);
		expect(videoLinkForRemote({ concertation: '', part: '' })).toBeNull();
	});
});

describe('raised hands', () => {
	it('are taken in the tour de table and the discussion tables only', () => {
		const open = PHASE_KINDS.filter((kind) => handsOpenIn(kind));
		expect(open).toEqual(['tour', 'tables']);
		expect(handsOpenIn(null)).toBe(false);
		expect(handsOpenIn(undefined)).toBe(false);
	});
});

describe('remote counts in presence', () => {
	it('counts a remote participant once, whatever their devices, until their last one goes', () => {
		const presence = new Presence();
		// Two devices of participant 1, remote; participant 2 in the room.
		expect(presence.connect(7, 1)).toBe(true);
		presence.markRemote(7, 1, true);
		expect(presence.connect(7, 1)).toBe(false);
		presence.markRemote(7, 1, true);
		presence.connect(7, 2);
		expect(presence.count(7)).toBe(2);
		expect(presence.remoteCount(7)).toBe(1);
		// One device goes: still remote and connected.
		expect(presence.disconnect(7, 1)).toBe(false);
		expect(presence.remoteCount(7)).toBe(1);
		// Moving into the room, then remote again.
		presence.markRemote(7, 1, false);
		expect(presence.remoteCount(7)).toBe(0);
		presence.markRemote(7, 1, true);
		expect(presence.remoteCount(7)).toBe(1);
		// The last device goes: no longer counted anywhere.
		expect(presence.disconnect(7, 1)).toBe(true);
		expect(presence.remoteCount(7)).toBe(0);
		// Someone not connected is never counted as remote and connected.
		presence.markRemote(7, 3, true);
		expect(presence.remoteCount(7)).toBe(0);
		// Other concertations are apart.
		expect(presence.remoteCount(8)).toBe(0);
	});
});
