import type { NetworkInterfaceInfo } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
	choosePublicOrigin,
	configuredPublicUrl,
	isLoopbackHost,
	lanAddresses,
	startBanner
} from '../../src/lib/server/http/public-address.js';

function ipv4(address: string, internal = false): NetworkInterfaceInfo {
	return {
		address,
		family: 'IPv4',
		internal,
		netmask: '255.255.255.0',
		mac: '00:00:00:00:00:00',
		cidr: `${address}/24`
	};
}
const ipv6: NetworkInterfaceInfo = {
	address: 'fe80::1',
	family: 'IPv6',
	internal: false,
	netmask: 'ffff:ffff:ffff:ffff::',
	mac: '00:00:00:00:00:00',
	cidr: 'fe80::1/64',
	scopeid: 2
};

const laptop = {
	lo: [ipv4('127.0.0.1', true)],
	docker0: [ipv4('172.17.0.1')],
	wlan0: [ipv4('192.168.1.23'), ipv6],
	usb0: [ipv4('169.254.10.2')]
};

describe('the machine’s network addresses', () => {
	it('lists IPv4 addresses other than loopback, the venue Wi-Fi first', () => {
		expect(lanAddresses(laptop)).toEqual([
			{ name: 'wlan0', address: '192.168.1.23' },
			{ name: 'usb0', address: '169.254.10.2' },
			{ name: 'docker0', address: '172.17.0.1' }
		]);
	});

	it('puts a public address before a link-local one, keeping the system’s order otherwise', () => {
		expect(
			lanAddresses({
				eth1: [ipv4('169.254.1.1')],
				eth0: [ipv4('203.0.113.5')],
				eth2: [ipv4('10.0.0.4')]
			})
		).toEqual([
			{ name: 'eth2', address: '10.0.0.4' },
			{ name: 'eth0', address: '203.0.113.5' },
			{ name: 'eth1', address: '169.254.1.1' }
		]);
	});

	it('finds none on a machine with only loopback', () => {
		expect(lanAddresses({ lo: [ipv4('127.0.0.1', true)] })).toEqual([]);
	});

	it('knows the loopback names and addresses', () => {
		for (const host of ['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])
			expect(isLoopbackHost(host), host).toBe(true);
		for (const host of [
			'192.168.1.23',
			'concertation.example.org',
			'[fd00::2]',
			'localhost.example'
		])
			expect(isLoopbackHost(host), host).toBe(false);
	});
});

describe('the address phones are sent to', () => {
	const lan = lanAddresses(laptop);

	it('is the configured public URL whenever there is one', () => {
		expect(
			choosePublicOrigin({
				configured: 'https://concertation.example.org/',
				requestOrigin: 'http://localhost:3000',
				listenHost: '0.0.0.0',
				lan
			})
		).toEqual({ origin: 'https://concertation.example.org', source: 'configured' });
	});

	it('is the address the page was opened at, when that is not a loopback one', () => {
		expect(
			choosePublicOrigin({
				configured: null,
				requestOrigin: 'http://192.168.1.23:3000',
				listenHost: '0.0.0.0',
				lan
			})
		).toEqual({ origin: 'http://192.168.1.23:3000', source: 'request' });
	});

	it('is the machine’s network address, on the same port, when the console was opened on localhost', () => {
		for (const requestOrigin of [
			'http://localhost:3000',
			'http://127.0.0.1:3000',
			'http://[::1]:3000'
		])
			expect(
				choosePublicOrigin({ configured: null, requestOrigin, listenHost: '0.0.0.0', lan })
			).toEqual({ origin: 'http://192.168.1.23:3000', source: 'lan' });
		expect(
			choosePublicOrigin({
				configured: null,
				requestOrigin: 'http://localhost',
				listenHost: '::',
				lan
			})
		).toEqual({ origin: 'http://192.168.1.23', source: 'lan' });
	});

	it('is the one address the server listens on, when HOST names one', () => {
		expect(
			choosePublicOrigin({
				configured: null,
				requestOrigin: 'http://localhost:8080',
				listenHost: '10.1.2.3',
				lan
			})
		).toEqual({ origin: 'http://10.1.2.3:8080', source: 'lan' });
	});

	it('stays on loopback, said so, when phones cannot reach the server at all', () => {
		expect(
			choosePublicOrigin({
				configured: null,
				requestOrigin: 'http://localhost:3000',
				listenHost: '0.0.0.0',
				lan: []
			})
		).toEqual({ origin: 'http://localhost:3000', source: 'loopback' });
		expect(
			choosePublicOrigin({
				configured: null,
				requestOrigin: 'http://127.0.0.1:3000',
				listenHost: '127.0.0.1',
				lan
			})
		).toEqual({ origin: 'http://127.0.0.1:3000', source: 'loopback' });
	});

	it('reads PUBLIC_URL, else ORIGIN, without a trailing slash', () => {
		expect(
			configuredPublicUrl({ PUBLIC_URL: ' https://a.example/ ', ORIGIN: 'https://b.example' })
		).toBe('https://a.example');
		expect(configuredPublicUrl({ ORIGIN: 'https://b.example/' })).toBe('https://b.example');
		expect(configuredPublicUrl({ PUBLIC_URL: '  ' })).toBeNull();
	});
});

describe('what the server prints at start', () => {
	it('ends with the console here and the address phones join at', () => {
		const lines = startBanner({
			configured: null,
			listenHost: '0.0.0.0',
			port: 3000,
			lan: lanAddresses(laptop)
		});
		expect(lines.join('\n')).toContain('http://localhost:3000/f');
		expect(lines.join('\n')).toContain('Phones join at:              http://192.168.1.23:3000/');
		expect(lines.join('\n')).toContain('http://169.254.10.2:3000/ (usb0)');
		expect(lines.at(-1)).toMatch(/PUBLIC_URL/);
	});

	it('says plainly when phones cannot join', () => {
		expect(
			startBanner({ configured: null, listenHost: '0.0.0.0', port: 3000, lan: [] }).join('\n')
		).toMatch(/no network address/);
		expect(
			startBanner({ configured: null, listenHost: '127.0.0.1', port: 3000, lan: [] }).join('\n')
		).toMatch(/listens only on 127\.0\.0\.1.*HOST=0\.0\.0\.0/);
	});

	it('gives the configured public URL', () => {
		expect(
			startBanner({
				configured: 'https://concertation.example.org',
				listenHost: '0.0.0.0',
				port: 3000,
				lan: []
			}).at(-1)
		).toContain('https://concertation.example.org/');
	});
});
