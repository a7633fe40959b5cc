import QRCode from 'qrcode';
import { config } from '../config';
import { displayJoinCode } from './join-code';

/** The address phones open: the configured public URL, else the one this request came on. */
export function joinUrl(requestOrigin: string, joinCode: string): string {
	return `${config.publicUrl ?? requestOrigin}/j/${joinCode}`;
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
 * Everything a page shows to let people join: the link and its QR code, and for those who
 * type, the address without its scheme and the code in two groups ("ABC DEF").
 */
export async function joinDetails(requestOrigin: string, joinCode: string) {
	const link = joinUrl(requestOrigin, joinCode);
	return {
		joinUrl: link,
		joinHost: link.replace(/^https?:\/\//, '').replace(/\/j\/[^/]*$/, ''),
		displayCode: displayJoinCode(joinCode),
		qrSvg: await joinQrSvg(link)
	};
}
