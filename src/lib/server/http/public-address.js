// Plain JavaScript on purpose: `server.js` (run by Node 20, which cannot import TypeScript)
// prints these addresses at start, and the SvelteKit bundle builds join links from the same
// choice, so the two can never disagree.
import os from 'node:os';

/**
 * @typedef {object} LanAddress
 * @property {string} name the network interface (wlan0, en0, eth0…)
 * @property {string} address its IPv4 address
 */

/**
 * @typedef {object} PublicOrigin
 * @property {string} origin the scheme, host and port that phones should open
 * @property {'configured' | 'request' | 'lan' | 'loopback'} source
 *   `configured`: PUBLIC_URL or ORIGIN; `request`: the address the page was reached at (not a
 *   loopback one); `lan`: the machine's network address, because the page was opened on
 *   `localhost`, which a phone cannot open; `loopback`: only a loopback address exists (or
 *   the server listens only on one), so phones cannot reach this server at all
 */

/**
 * The public base URL set by the operator (PUBLIC_URL, else adapter-node's ORIGIN), if any.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | null}
 */
export function configuredPublicUrl(env) {
	return (
		env.PUBLIC_URL?.trim().replace(/\/+$/, '') || env.ORIGIN?.trim().replace(/\/+$/, '') || null
	);
}

/** Interfaces that a virtual machine, a container or a VPN adds: phones in the room are rarely on them. */
const VIRTUAL_INTERFACE =
	/^(docker|br-|veth|virbr|vboxnet|vmnet|utun|tun|tap|zt|tailscale|wg|lxc|cni|flannel|podman)/i;

/** @param {string} address */
function isPrivateIpv4(address) {
	const [a = 0, b = 0] = address.split('.').map(Number);
	return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** @param {string} address */
function isLinkLocalIpv4(address) {
	return address.startsWith('169.254.');
}

/**
 * The machine's IPv4 addresses other than loopback, the likeliest for phones first: a
 * physical interface before a virtual one, a private (home, office, venue Wi-Fi) address
 * before another, a link-local one (no DHCP answer) last.
 * @param {NodeJS.Dict<os.NetworkInterfaceInfo[]>} [interfaces]
 * @returns {LanAddress[]}
 */
export function lanAddresses(interfaces = os.networkInterfaces()) {
	/** @type {LanAddress[]} */
	const found = [];
	for (const [name, infos] of Object.entries(interfaces)) {
		for (const info of infos ?? []) {
			if (info.family !== 'IPv4' || info.internal || isLoopbackHost(info.address)) continue;
			found.push({ name, address: info.address });
		}
	}
	/** @param {LanAddress} entry */
	const rank = ({ name, address }) =>
		(VIRTUAL_INTERFACE.test(name) ? 4 : 0) +
		(isLinkLocalIpv4(address) ? 2 : isPrivateIpv4(address) ? 0 : 1);
	return found
		.map((entry, index) => ({ entry, index }))
		.sort((x, y) => rank(x.entry) - rank(y.entry) || x.index - y.index)
		.map(({ entry }) => entry);
}

/**
 * True for the names and addresses that only this machine reaches.
 * @param {string} hostname a URL's hostname (IPv6 in brackets or not)
 */
export function isLoopbackHost(hostname) {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host === '::1' ||
		host === '0:0:0:0:0:0:0:1' ||
		/^127\.\d+\.\d+\.\d+$/.test(host) ||
		host === '::ffff:127.0.0.1'
	);
}

/** @param {string} host */
function isWildcardHost(host) {
	return host === '' || host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * Where phones should go, for a page or an API call that arrived at `requestOrigin`.
 * A configured public URL always wins. Otherwise the request's own address is right, unless
 * it is a loopback one: a facilitator who opened `http://localhost:3000/f` on the laptop
 * would print `localhost` in every QR code, which on a phone means the phone itself. Then
 * the machine's network address is used, provided the server listens on it.
 * @param {{ configured: string | null, requestOrigin: string, listenHost: string, lan: LanAddress[] }} input
 * @returns {PublicOrigin}
 */
export function choosePublicOrigin({ configured, requestOrigin, listenHost, lan }) {
	if (configured) return { origin: configured.replace(/\/+$/, ''), source: 'configured' };
	const request = new URL(requestOrigin);
	if (!isLoopbackHost(request.hostname)) return { origin: request.origin, source: 'request' };
	const reachable = isWildcardHost(listenHost)
		? lan[0]?.address
		: isLoopbackHost(listenHost)
			? undefined
			: listenHost;
	if (!reachable) return { origin: request.origin, source: 'loopback' };
	const lanUrl = new URL(request.origin);
	lanUrl.hostname = reachable;
	return { origin: lanUrl.origin, source: 'lan' };
}

/**
 * What the server prints once it listens: where to open the console on this machine, and
 * every address phones can use (the first is the one join links and QR codes carry).
 * @param {{ configured: string | null, listenHost: string, port: number, lan: LanAddress[] }} input
 * @returns {string[]}
 */
export function startBanner({ configured, listenHost, port, lan }) {
	const local = isWildcardHost(listenHost) || isLoopbackHost(listenHost) ? 'localhost' : listenHost;
	const consoleUrl = `http://${local.includes(':') ? `[${local}]` : local}:${port}/f`;
	/** @type {string[]} */
	const lines = ['', `  Console (on this computer):  ${consoleUrl}`];
	if (configured) {
		lines.push(`  Phones join at:              ${configured.replace(/\/+$/, '')}/  (PUBLIC_URL)`);
		return lines;
	}
	const chosen = choosePublicOrigin({
		configured,
		requestOrigin: `http://localhost:${port}`,
		listenHost,
		lan
	});
	if (chosen.source === 'loopback') {
		lines.push(
			isWildcardHost(listenHost) || !isLoopbackHost(listenHost)
				? '  Phones cannot join yet: this computer has no network address. Connect it to the venue Wi-Fi.'
				: `  Phones cannot join: the server listens only on ${listenHost}. Start it with HOST=0.0.0.0.`
		);
		return lines;
	}
	lines.push(`  Phones join at:              ${chosen.origin}/`);
	const others = isWildcardHost(listenHost)
		? lan.slice(1).map(({ name, address }) => `http://${address}:${port}/ (${name})`)
		: [];
	if (others.length > 0) lines.push(`  Other addresses of this computer: ${others.join(', ')}`);
	lines.push(
		'  If phones reach this server by another address (a name, a proxy), start it with PUBLIC_URL=…'
	);
	return lines;
}
