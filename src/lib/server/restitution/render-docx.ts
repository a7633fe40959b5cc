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
	coordinatorText,
	imageSize,
	label,
	longDate,
	printable,
	printableLine,
	sectionOf,
	shortDate,
	timeRange,
	type Restitution,
	type SummarySlot
} from '../../protocol/summary';
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
	type Block
} from './docx-kit';
import { logoBytes } from './logo';
import { meetingPartsDocx } from './meeting-parts';
import { partsOf } from './parts';

function textParagraphs(text: string, language: 'fr' | 'nl', lead?: string): Paragraph[] {
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
	const blocks: Block[] = [];
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);
	const logo = logoParagraph(model);
	if (logo) blocks.push(logo);
	blocks.push(
		new Paragraph({
			children: runs(pair('title'), { bold: true, color: ACCENT, size: 24 }),
			spacing: { after: 60 }
		})
	);
	blocks.push(
		new Paragraph({ heading: HeadingLevel.TITLE, children: labelRuns(header.theme, {}, ' · ') })
	);
	const meta = (language: 'fr' | 'nl') => {
		const lines: Paragraph[] = [];
		const series = header.series ? printable(header.series) : null;
		const seriesText = series ? (series.kind === 'single' ? series.text : series[language]) : '';
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
	blocks.push(...frNl(meta('fr'), meta('nl')));
	const facts: ParagraphChild[] = [];
	if (header.place.trim())
		facts.push(...runs(`${pair('place')} : `, { color: MUTED }), ...runs(header.place));
	if (header.organiser)
		facts.push(
			...runs(`${facts.length > 0 ? ' — ' : ''}${pair('organiser')}\u00a0: `, { color: MUTED }),
			...labelRuns(header.organiser)
		);
	if (facts.length > 0) blocks.push(paragraph(facts, { spacingAfter: 160 }));
	return blocks;
}

/** The coordinators' introduction or conclusion, French and Dutch side by side. */
function coordinatorBlocks(model: Restitution, key: 'introduction' | 'conclusion'): Block[] {
	const fr = coordinatorText(model[key], 'fr');
	const nl = coordinatorText(model[key], 'nl');
	if (!fr && !nl) return [];
	return [
		heading(pair(key), HeadingLevel.HEADING_1),
		...frNl(fr ? textParagraphs(fr, 'fr') : [], nl ? textParagraphs(nl, 'nl') : [])
	];
}

/** The count, the sectors as a table, and the names when they are printed. */
function attendanceBlocks(model: Restitution): Block[] {
	const { attendance } = model;
	const blocks: Block[] = [
		heading(`${pair('participants')} — ${attendance.participants}`, HeadingLevel.HEADING_1)
	];
	if (attendance.sectors.length > 0) {
		blocks.push(
			table(
				[
					new TableRow({
						cantSplit: true,
						tableHeader: true,
						children: [
							cell([paragraph(runs(label('fr', 'sectors'), { bold: true, language: 'fr' }))], {
								width: 45,
								shade: true
							}),
							cell([paragraph(runs(label('nl', 'sectors'), { bold: true, language: 'nl' }))], {
								width: 45,
								shade: true
							}),
							cell([paragraph(runs('#', { bold: true }))], { width: 10, shade: true })
						]
					}),
					...attendance.sectors.map((sector) => {
						const p = printable(sector.label);
						const fr = p.kind === 'single' ? p.text : p.fr;
						const nl = p.kind === 'single' ? p.text : p.nl;
						return new TableRow({
							cantSplit: true,
							children: [
								cell([paragraph(runs(fr, { language: 'fr' }))], { width: 45 }),
								cell([paragraph(runs(nl, { language: 'nl' }))], { width: 45 }),
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
				[45, 45, 10]
			)
		);
	}
	if (attendance.people.length > 0) {
		blocks.push(heading(pair('people'), HeadingLevel.HEADING_2));
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
	return [
		heading(pair('nextDates'), HeadingLevel.HEADING_1),
		...model.nextDates.map((next) =>
			bullet([
				...runs(
					`${shortDate(next.date)}${next.time ? ` · ${next.time}` : ''}${next.endTime ? `–${next.endTime}` : ''} — `,
					{ bold: true }
				),
				...labelRuns(next.label),
				...(next.place?.trim() ? runs(` — ${next.place.trim()}`, { color: MUTED }) : []),
				...(next.link ? runs(` — ${next.link}`, { color: MUTED }) : []),
				...(next.description && (next.description.fr || next.description.nl)
					? [
							...runs(' — ', { color: MUTED }),
							...labelRuns({ fr: next.description.fr ?? '', nl: next.description.nl ?? '' })
						]
					: [])
			])
		)
	];
}

function contactBlocks(model: Restitution): Block[] {
	const contact = model.contact;
	if (!contact || !(contact.name || contact.email || contact.phone)) return [];
	const blocks: Block[] = [heading(pair('contact'), HeadingLevel.HEADING_1)];
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
	const thanks = model.thanks ?? { fr: label('fr', 'thanks'), nl: label('nl', 'thanks') };
	return new Paragraph({
		spacing: { before: 240 },
		children: labelRuns(thanks, { bold: true, color: ACCENT }, ' · ')
	});
}

/** The Word document around the body: its properties, styles and A4 page. */
function documentOf(model: Restitution, body: Block[]): Document {
	const { header } = model;
	const number = header.number.trim();
	const theme = printable(header.theme);
	return new Document({
		title:
			`${pair('title')} — ${theme.kind === 'single' ? theme.text : `${theme.fr} / ${theme.nl}`} — ${header.date}`.replace(
				XML_UNSAFE,
				''
			),
		subject: `${pair('title')}${number ? ` ${label('fr', 'number', { number })}` : ''}`.replace(
			XML_UNSAFE,
			''
		),
		creator: (printableLine(header.organiser) || 'Concertation').replace(XML_UNSAFE, ''),
		keywords: [header.theme.fr, header.theme.nl].filter(Boolean).join(', ').replace(XML_UNSAFE, ''),
		styles: {
			default: {
				document: { run: { font: 'Calibri', size: 20, language: { value: 'fr-BE' } } },
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
