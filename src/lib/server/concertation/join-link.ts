import QRCode from 'qrcode';
import { config } from '../config';
import { choosePublicOrigin, lanAddresses } from '../http/public-address.js';
import { displayJoinCode } from './join-code';

export type { PublicOrigin } from '../http/public-address.js';

/**
 * The origin phones open, for a request that arrived at `requestOrigin`: the configured
 * public URL, else the request's own, unless that is `localhost` (the facilitator's own
 * laptop), which phones cannot open: then the machine's network address. Read afresh each
 * time, since a laptop may change Wi-Fi between two sessions.
 */
export function publicOrigin(requestOrigin: string) {
	return choosePublicOrigin({
		configured: config.publicUrl,
		requestOrigin,
		listenHost: config.listenHost,
		lan: lanAddresses()
	});
}

/** The address phones open to join this concertation. */
export function joinUrl(requestOrigin: string, joinCode: string): string {
	return `${publicOrigin(requestOrigin).origin}/j/${joinCode}`;
}

/** An SVG QR code (dark on light, quiet zone included) for the projector and print. */
export function joinQrSvg(url: string): Promise<string> {
	return QRCode.toString(url, {
		type: 'svg',
		errorCorrectionLevel: 'M',
		margin: 2,
		color: { dark: '#000000', light: '#ffffff' }
	});
}

/**
 * Everything a page shows to let people join: the link and its QR code, for those who
 * type the address without its scheme and the code in two groups ("ABC DEF"), and where the
 * address came from (the console explains it).
 */
export async function joinDetails(requestOrigin: string, joinCode: string) {
	const address = publicOrigin(requestOrigin);
	const link = `${address.origin}/j/${joinCode}`;
	return {
		joinUrl: link,
		joinHost: address.origin.replace(/^https?:\/\//, ''),
		joinAddressSource: address.source,
		displayCode: displayJoinCode(joinCode),
		qrSvg: await joinQrSvg(link)
	};
}
