import QRCode from 'qrcode';
import { config } from '../config';

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
