/**
 * The restitution as an editable Word document (DOCX): the same content as the PDF, with real
 * headings (for the navigation pane), tables for the figures and the tables' outputs, and
 * every run tagged with its language (French, Dutch, or the language a participant typed in)
 * so that spell-checking and screen readers do the right thing. The document's own sections
 * are here; each part's come from its `docx` (`<kind>/restitution.ts`), in its slot.
 */
import {
	AlignmentType,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	ImageRun,
	Packer,
	Paragraph,
	TableRow,
	convertMillimetersToTwip,
	type ParagraphChild
} from 'docx';
import {
	bilingualLabel,
	colon,
	coordinatorText,
	documentLanguages,
	imageSize,
	label,
	longDate,
	printIn,
	printedLine,
	sectionOf,
	shortDate,
	timeRange,
	textIn,
	type Restitution,
	type SummarySlot
} from '../../protocol/summary';
import type { TextLanguage } from '../../protocol/localized';
import {
	ACCENT,
	LIGHT_BORDERS,
	MUTED,
	XML_UNSAFE,
	bullet,
	cell,
	frNl,
	heading,
	labelRuns,
	pair,
	paragraph,
	runs,
	table,
	tagRuns,
	type Block
} from './docx-kit';
import { logoBytes } from './logo';
import { meetingPartsDocx } from './meeting-parts';
import { partsOf } from './parts';

function textParagraphs(text: string, language: TextLanguage, lead?: string): Paragraph[] {
	const blocks = text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((block) => block.trim())
		.filter(Boolean);
	return blocks.map((block, index) =>
		paragraph([
			...(index === 0 && lead ? runs(`${lead} — `, { bold: true, language }) : []),
			...runs(block, { language })
		])
	);
}

function logoParagraph(model: Restitution): Paragraph | null {
	const logo = logoBytes(model);
	const size = logo ? imageSize(logo.bytes) : null;
	if (!logo || !size) return null;
	// At most 4.5 × 2 cm (170 × 76 px at 96 dpi), aspect ratio kept.
	const scale = Math.min(170 / size.width, 76 / size.height);
	const altText = model.header.logo?.alt ?? '';
	return new Paragraph({
		alignment: AlignmentType.RIGHT,
		children: [
			new ImageRun({
				type: logo.mediaType === 'image/png' ? 'png' : 'jpg',
				data: logo.bytes,
				transformation: {
					width: Math.round(size.width * scale),
					height: Math.round(size.height * scale)
				},
				altText: {
					name: 'logo',
					title: altText.replace(XML_UNSAFE, ''),
					description: altText.replace(XML_UNSAFE, '')
				}
			})
		]
	});
}

/** The logo, the title, the theme, the date and time, the place and the organiser. */
function headerBlocks(model: Restitution): Block[] {
	const { header } = model;
	const langs = documentLanguages(model);
	const blocks: Block[] = [];
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);
	const logo = logoParagraph(model);
	if (logo) blocks.push(logo);
	blocks.push(
		new Paragraph({
			children: runs(pair(langs, 'title'), { bold: true, color: ACCENT, size: 24 }),
			spacing: { after: 60 }
		})
	);
	blocks.push(
		new Paragraph({
			heading: HeadingLevel.TITLE,
			children: labelRuns(langs, header.theme, {}, ' · ')
		})
	);
	const meta = (language: TextLanguage) => {
		const lines: Paragraph[] = [];
		const seriesText = header.series ? textIn(header.series, language, langs.list) : '';
		const numberText = number ? label(language, 'number', { number }) : '';
		const top = [seriesText, numberText].filter(Boolean).join(' — ');
		if (top) lines.push(paragraph(runs(top, { color: MUTED, language }), { spacingAfter: 20 }));
		lines.push(
			paragraph(
				runs(`${longDate(header.date, language)}${time ? ` · ${time}` : ''}`, {
					bold: true,
					language
				}),
				{ spacingAfter: 20 }
			)
		);
		return lines;
	};
	blocks.push(...frNl(langs, meta));
	const facts: ParagraphChild[] = [];
	if (header.place.trim())
		facts.push(
			...runs(`${pair(langs, 'place')}${colon(langs)}`, { color: MUTED }),
			...runs(header.place)
		);
	if (header.organiser)
		facts.push(
			...runs(
				`${facts.length > 0 ? ' — ' : ''}${pair(langs, 'organiser')}${colon(langs, '\u00a0')}`,
				{
					color: MUTED
				}
			),
			...labelRuns(langs, header.organiser)
		);
	if (facts.length > 0) blocks.push(paragraph(facts, { spacingAfter: 160 }));
	return blocks;
}

/** The coordinators' introduction or conclusion, in the document's languages side by side. */
function coordinatorBlocks(model: Restitution, key: 'introduction' | 'conclusion'): Block[] {
	const langs = documentLanguages(model);
	const text = (language: TextLanguage) => coordinatorText(model[key], language);
	if (langs.list.every((language) => !text(language))) return [];
	return [
		heading(pair(langs, key), HeadingLevel.HEADING_1),
		...frNl(langs, (language) => (text(language) ? textParagraphs(text(language), language) : []))
	];
}

/** The count, the sectors as a table, and the names when they are printed. */
function attendanceBlocks(model: Restitution): Block[] {
	const { attendance } = model;
	const langs = documentLanguages(model);
	// A column of sector names per language (45 % each in two, 90 % in one), then the count.
	const nameWidth = 90 / langs.list.length;
	const blocks: Block[] = [
		heading(`${pair(langs, 'participants')} — ${attendance.participants}`, HeadingLevel.HEADING_1)
	];
	if (attendance.sectors.length > 0) {
		blocks.push(
			table(
				[
					new TableRow({
						cantSplit: true,
						tableHeader: true,
						children: [
							...langs.list.map((language) =>
								cell([paragraph(runs(label(language, 'sectors'), { bold: true, language }))], {
									width: nameWidth,
									shade: true
								})
							),
							cell([paragraph(runs('#', { bold: true }))], { width: 10, shade: true })
						]
					}),
					...attendance.sectors.map((sector) => {
						const p = printIn(sector.label, langs);
						const name = (language: TextLanguage) =>
							p.kind === 'single'
								? [...runs(p.text, { language: p.tag ?? language }), ...tagRuns(p.tag)]
								: runs(p.first.language === language ? p.first.text : p.second.text, {
										language
									});
						return new TableRow({
							cantSplit: true,
							children: [
								...langs.list.map((language) =>
									cell([paragraph(name(language))], { width: nameWidth })
								),
								cell(
									[
										new Paragraph({
											alignment: AlignmentType.RIGHT,
											children: runs(String(sector.count))
										})
									],
									{ width: 10 }
								)
							]
						});
					})
				],
				LIGHT_BORDERS,
				[...langs.list.map(() => nameWidth), 10]
			)
		);
	}
	if (attendance.people.length > 0) {
		blocks.push(heading(pair(langs, 'people'), HeadingLevel.HEADING_2));
		for (const person of attendance.people) {
			blocks.push(
				bullet(
					[
						...runs(person.name),
						...(person.organisation ? runs(` (${person.organisation})`, { color: MUTED }) : [])
					],
					0
				)
			);
		}
	}
	return blocks;
}

/** The sections of the parts of one slot, in their order. */
function partBlocks(model: Restitution, slot: SummarySlot): Block[] {
	return partsOf(slot).flatMap((part) => {
		const section = sectionOf(model, part);
		return section === undefined ? [] : part.docx(section, model);
	});
}

function nextDatesBlocks(model: Restitution): Block[] {
	if (model.nextDates.length === 0) return [];
	const langs = documentLanguages(model);
	return [
		heading(pair(langs, 'nextDates'), HeadingLevel.HEADING_1),
		...model.nextDates.map((next) =>
			bullet([
				...runs(
					`${shortDate(next.date)}${next.time ? ` · ${next.time}` : ''}${next.endTime ? `–${next.endTime}` : ''} — `,
					{ bold: true }
				),
				...labelRuns(langs, next.label),
				...(next.place?.trim() ? runs(` — ${next.place.trim()}`, { color: MUTED }) : []),
				...(next.link ? runs(` — ${next.link}`, { color: MUTED }) : []),
				...(next.description && (next.description.fr || next.description.nl || next.description.en)
					? [
							...runs(' — ', { color: MUTED }),
							...labelRuns(langs, {
								fr: next.description.fr ?? '',
								nl: next.description.nl ?? '',
								...(next.description.en ? { en: next.description.en } : {})
							})
						]
					: [])
			])
		)
	];
}

function contactBlocks(model: Restitution): Block[] {
	const contact = model.contact;
	if (!contact || !(contact.name || contact.email || contact.phone)) return [];
	const blocks: Block[] = [
		heading(pair(documentLanguages(model), 'contact'), HeadingLevel.HEADING_1)
	];
	if (contact.name?.trim())
		blocks.push(paragraph(runs(contact.name.trim(), { bold: true }), { spacingAfter: 0 }));
	const email = contact.email?.trim();
	if (email) {
		const safe = /^[^\s<>"]+@[^\s<>"]+$/.test(email);
		blocks.push(
			paragraph(
				safe
					? [
							new ExternalHyperlink({
								link: `mailto:${email}`,
								children: runs(email, { color: ACCENT })
							})
						]
					: runs(email),
				{ spacingAfter: 0 }
			)
		);
	}
	if (contact.phone?.trim()) blocks.push(paragraph(runs(contact.phone.trim())));
	return blocks;
}

function thanksBlock(model: Restitution): Block {
	const thanks = model.thanks ?? bilingualLabel('thanks');
	return new Paragraph({
		spacing: { before: 240 },
		children: labelRuns(documentLanguages(model), thanks, { bold: true, color: ACCENT }, ' · ')
	});
}

/** The language Word marks text with when a run names none: the document's main language. */
const WORD_LANGUAGE: Record<TextLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

/** The Word document around the body: its properties, styles and A4 page. */
function documentOf(model: Restitution, body: Block[]): Document {
	const { header } = model;
	const langs = documentLanguages(model);
	const main = langs.list[0];
	const number = header.number.trim();
	return new Document({
		title: `${pair(langs, 'title')} — ${printedLine(header.theme, langs)} — ${header.date}`.replace(
			XML_UNSAFE,
			''
		),
		subject:
			`${pair(langs, 'title')}${number ? ` ${label(main, 'number', { number })}` : ''}`.replace(
				XML_UNSAFE,
				''
			),
		creator: (printedLine(header.organiser, langs) || 'Concertation').replace(XML_UNSAFE, ''),
		keywords: langs.list
			.map((language) => header.theme[language] ?? '')
			.filter(Boolean)
			.join(', ')
			.replace(XML_UNSAFE, ''),
		styles: {
			default: {
				document: {
					run: { font: 'Calibri', size: 20, language: { value: WORD_LANGUAGE[main] } }
				},
				title: { run: { font: 'Calibri', size: 36, bold: true, color: '1B1F24' } },
				heading1: {
					run: { font: 'Calibri', size: 26, bold: true, color: ACCENT },
					paragraph: { spacing: { before: 240, after: 80 } }
				},
				heading3: {
					run: { font: 'Calibri', size: 20, bold: true, color: ACCENT },
					paragraph: { spacing: { before: 120, after: 40 } }
				},
				heading2: {
					run: { font: 'Calibri', size: 22, bold: true, color: ACCENT },
					paragraph: { spacing: { before: 200, after: 60 } }
				}
			}
		},
		sections: [
			{
				properties: {
					page: {
						size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
						margin: {
							top: convertMillimetersToTwip(15),
							bottom: convertMillimetersToTwip(15),
							left: convertMillimetersToTwip(15),
							right: convertMillimetersToTwip(15)
						}
					}
				},
				children: body
			}
		]
	});
}

/** Renders the restitution as a DOCX file. */
export async function renderDocx(model: Restitution): Promise<Buffer> {
	const body: Block[] = [
		...headerBlocks(model),
		...coordinatorBlocks(model, 'introduction'),
		...attendanceBlocks(model),
		...meetingPartsDocx(model),
		...partBlocks(model, 'figures'),
		...partBlocks(model, 'results'),
		...coordinatorBlocks(model, 'conclusion'),
		...partBlocks(model, 'closing'),
		...nextDatesBlocks(model),
		...contactBlocks(model),
		thanksBlock(model)
	];
	return Packer.toBuffer(documentOf(model, body));
}
