/** The logo of a restitution's header as bytes, for the PDF and DOCX (server-only: Buffer). */
import { imageSize, sniffImage, type Logo, type Restitution } from '../../protocol/summary';

/** The logo's bytes, or null when absent or unreadable (a bad logo never stops an export). */
export function logoBytes(
	model: Restitution
): { bytes: Buffer; mediaType: Logo['mediaType'] } | null {
	const logo = model.header.logo;
	if (!logo) return null;
	const bytes = Buffer.from(logo.base64, 'base64');
	const type = sniffImage(bytes);
	return type && imageSize(bytes) ? { bytes, mediaType: type } : null;
}
