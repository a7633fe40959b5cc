/**
 * The restitution as a PDF: one A4 page, French and Dutch side by side, plus an appendix
 * ("Annexe / Bijlage") only when page 1 had to shorten lists.
 *
 * pdfkit only draws; the layout is ours. Every block is measured first (a `Box`: a height and
 * drawing operations relative to its top-left corner), so that the page can be laid out at
 * decreasing type sizes until it fits, and then with shorter lists ("+N autres / andere")
 * whose full versions go to the appendix. Text is real text in embedded TrueType fonts
 * (Source Sans 3, with Noto Sans Arabic for Arabic script and Noto Emoji), so it can be
 * selected and searched, and the PDF is tagged (headings, lists, French and Dutch columns
 * marked with their language) for screen readers.
 */
import PDFDocument from 'pdfkit';
import {
	documentLanguages,
	imageSize,
	label,
	printedLine,
	type DocumentLanguages,
	type Restitution
} from '../../protocol/summary';
import { logoBytes } from './logo';
import { appendixBlocks, appendixHeader } from './pdf/appendix';
import { meetingPartPages } from './pdf/meeting-parts';
import {
	type Caps,
	type Ctx,
	NO_CAPS,
	PDF_LANGUAGE,
	type Section,
	labelsJoined
} from './pdf/blocks';
import { type Op, flatten } from './pdf/boxes';
import { StructureWriter, draw } from './pdf/draw';
import { Measurer, loadFonts } from './pdf/fonts';
import {
	APPENDIX_BODY_SIZE,
	CONTENT_HEIGHT,
	CONTENT_WIDTH,
	FOOTER_HEIGHT,
	MARGIN,
	PAGE,
	fitFirstPage,
	footer,
	makeCtx,
	paginate
} from './pdf/pages';

/** Logo size on the page: at most 100 × 46 pt, aspect ratio kept. */
function logoPlacement(model: Restitution): { bytes: Buffer; w: number; h: number } | null {
	const logo = logoBytes(model);
	const size = logo ? imageSize(logo.bytes) : null;
	if (!logo || !size || size.width <= 0 || size.height <= 0) return null;
	const scale = Math.min(100 / size.width, 46 / size.height);
	return { bytes: logo.bytes, w: size.width * scale, h: size.height * scale };
}

function documentTitle(model: Restitution, langs: DocumentLanguages): string {
	const titles = langs.list.map((language) => label(language, 'title')).join(' / ');
	return `${titles} — ${printedLine(model.header.theme, langs)} — ${model.header.date}`;
}

/** The word a search for the document's kind would use, in each language. */
const KIND_KEYWORD = { fr: 'concertation', nl: 'overleg', en: 'concertation' } as const;

/** Renders the restitution as a PDF: one A4 page, plus an appendix when lists had to be cut. */
export async function renderPdf(model: Restitution): Promise<Buffer> {
	const fonts = loadFonts();
	const langs = documentLanguages(model);
	const number = model.header.number.trim();
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		autoFirstPage: false,
		lang: PDF_LANGUAGE[langs.list[0]],
		displayTitle: true,
		pdfVersion: '1.7',
		tagged: true,
		info: {
			Title: documentTitle(model, langs),
			Author: printedLine(model.header.organiser, langs) || 'Concertation',
			Subject: langs.list
				.map((language) =>
					[label(language, 'title'), number ? label(language, 'number', { number }) : '']
						.filter(Boolean)
						.join(' ')
				)
				.join(' / '),
			Keywords: [
				...langs.list.map((language) => model.header.theme[language] ?? ''),
				...new Set(langs.list.map((language) => KIND_KEYWORD[language]))
			]
				.filter(Boolean)
				.join(', '),
			Creator: 'Concertation',
			...(model.generatedAt
				? { CreationDate: new Date(model.generatedAt), ModDate: new Date(model.generatedAt) }
				: {})
		}
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (chunk: Buffer) => chunks.push(chunk));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	for (const [name, data] of Object.entries(fonts)) doc.registerFont(name, data);
	const m = new Measurer(doc);

	const logo = logoPlacement(model);
	const first = fitFirstPage(m, model, logo);
	const cut = first.ctx.cut;

	// The appendix at a comfortable size; its pages are counted before any footer is drawn.
	let appendixPages: Op[][] = [];
	let appendixCtx: Ctx | null = null;
	if (cut.size > 0) {
		appendixCtx = makeCtx(m, APPENDIX_BODY_SIZE, NO_CAPS, langs);
		const head = appendixHeader(appendixCtx, model);
		const blocks = [head, ...appendixBlocks(appendixCtx, model, cut, CONTENT_WIDTH)];
		appendixPages = paginate(blocks, CONTENT_HEIGHT, appendixCtx.b * 1.4);
	}
	// A meeting in several parts: one page per part after the synthesis (and its appendix).
	const partCtx = makeCtx(m, APPENDIX_BODY_SIZE, NO_CAPS, langs);
	const partPages = meetingPartPages(partCtx, model, CONTENT_WIDTH).flatMap((block) =>
		paginate([block], CONTENT_HEIGHT, partCtx.b * 1.4)
	);
	appendixPages = [...appendixPages, ...partPages];
	const pages = 1 + appendixPages.length;
	const note = cut.size > 0 ? `${labelsJoined(first.ctx, 'moreInAppendix')} →` : '';

	doc.addPage({ size: 'A4', margin: 0 });
	const structure = new StructureWriter(doc);
	draw(doc, structure, flatten(first.box), MARGIN, MARGIN);
	const footerCtx = makeCtx(m, 7, NO_CAPS, langs);
	draw(
		doc,
		structure,
		flatten(footer(footerCtx, model, 1, pages, note)),
		MARGIN,
		PAGE.height - MARGIN - FOOTER_HEIGHT
	);
	appendixPages.forEach((ops, index) => {
		doc.addPage({ size: 'A4', margin: 0 });
		draw(doc, structure, ops, MARGIN, MARGIN);
		draw(
			doc,
			structure,
			flatten(footer(footerCtx, model, index + 2, pages, '')),
			MARGIN,
			PAGE.height - MARGIN - FOOTER_HEIGHT
		);
	});
	structure.end();
	doc.end();
	return done;
}

/** For tests and the layout bench: the body size page 1 ended up with and what it cut. */
export async function describePdfLayout(
	model: Restitution
): Promise<{ bodySize: number; cut: Section[]; caps: Caps }> {
	const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false });
	for (const [name, data] of Object.entries(loadFonts())) doc.registerFont(name, data);
	const fitted = fitFirstPage(new Measurer(doc), model, logoPlacement(model));
	return { bodySize: fitted.ctx.b, cut: [...fitted.ctx.cut].sort(), caps: fitted.ctx.caps };
}
