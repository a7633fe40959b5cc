/**
 * The restitution as an editable Word document (DOCX): the same content as the PDF, with real
 * headings (for the navigation pane), tables for the figures and the tables' outputs, and
 * every run tagged with its language (French, Dutch, or the language a participant typed in)
 * so that spell-checking and screen readers do the right thing.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	ExternalHyperlink,
	HeadingLevel,
	ImageRun,
	Packer,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	WidthType,
	convertMillimetersToTwip,
	type IRunOptions,
	type ITableBordersOptions,
	type ParagraphChild
} from 'docx';
import {
	TABLE_CATEGORIES,
	bilingualLabelText,
	byRank,
	compactDate,
	coordinatorText,
	imageSize,
	keyFirst,
	label,
	logoBytes,
	longDate,
	printable,
	printableLine,
	rankLabel,
	shortDate,
	tableName,
	timeRange,
	turnoutPercent,
	type ContentLanguage,
	type ContributionItem,
	type Label,
	type Restitution
} from './model';

const ACCENT = '1D4F73';
const MUTED = '56616C';
const BAND = 'EDF2F6';
const LANGUAGE_TAG: Record<ContentLanguage, string> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };

// Characters XML 1.0 forbids (a single one makes Word refuse the file), bidi overrides, and
// lone UTF-16 surrogates; everything else, HTML and emoji included, is kept as typed.
const XML_UNSAFE =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

interface RunStyle {
	bold?: boolean;
	italics?: boolean;
	color?: string;
	/** Half-points. */
	size?: number;
	language?: ContentLanguage;
}

/** Text runs; line breaks in the text become Word line breaks. */
function runs(text: string, style: RunStyle = {}): TextRun[] {
	const clean = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(XML_UNSAFE, '');
	const options: IRunOptions = {
		...(style.bold ? { bold: true } : {}),
		...(style.italics ? { italics: true } : {}),
		...(style.color ? { color: style.color } : {}),
		...(style.size ? { size: style.size } : {}),
		...(style.language ? { language: { value: LANGUAGE_TAG[style.language] } } : {})
	};
	return clean
		.split('\n')
		.map(
			(line, index) => new TextRun({ ...options, text: line, ...(index > 0 ? { break: 1 } : {}) })
		);
}

const pair = bilingualLabelText;

/** A label's runs: French and Dutch (each tagged), or the participant's text once. */
function labelRuns(value: Label, style: RunStyle = {}, separator = ' / '): TextRun[] {
	const p = printable(value);
	if (p.kind === 'single')
		return runs(p.text, { ...style, ...(p.language ? { language: p.language } : {}) });
	return [
		...runs(p.fr, { ...style, language: 'fr' }),
		...runs(separator, { ...style, bold: false, color: MUTED }),
		...runs(p.nl, { ...style, language: 'nl' })
	];
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
	return new Paragraph({ heading: level, keepNext: true, children: runs(text) });
}

function paragraph(children: ParagraphChild[], options: { spacingAfter?: number } = {}): Paragraph {
	return new Paragraph({ children, spacing: { after: options.spacingAfter ?? 80 } });
}

const NO_BORDERS: ITableBordersOptions = {
	top: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	bottom: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideHorizontal: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
};

const LIGHT_BORDERS: ITableBordersOptions = {
	top: { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CC' },
	bottom: { style: BorderStyle.SINGLE, size: 4, color: 'B7C2CC' },
	left: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	right: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' },
	insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: 'D5DCE3' },
	insideVertical: { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' }
};

/** The text width of the page (A4 less two 15 mm margins), in twentieths of a point. */
const TEXT_WIDTH = convertMillimetersToTwip(180);

function twips(percent: number): number {
	return Math.round((TEXT_WIDTH * percent) / 100);
}

function cell(
	children: Paragraph[],
	options: { width: number; shade?: boolean; span?: number }
): TableCell {
	return new TableCell({
		children: children.length > 0 ? children : [new Paragraph('')],
		width: { size: twips(options.width), type: WidthType.DXA },
		margins: { top: 40, bottom: 40, left: 80, right: 80 },
		...(options.span ? { columnSpan: options.span } : {}),
		...(options.shade ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: BAND } } : {})
	});
}

/** A full-width table; `columns` are percentages (fixed widths: Word and LibreOffice agree). */
function table(rows: TableRow[], borders: ITableBordersOptions, columns: readonly number[]): Table {
	return new Table({
		rows,
		width: { size: TEXT_WIDTH, type: WidthType.DXA },
		columnWidths: columns.map(twips),
		layout: TableLayoutType.FIXED,
		borders
	});
}

/** French on the left, Dutch on the right; a plain paragraph when only one is written. */
function frNl(fr: Paragraph[], nl: Paragraph[]): (Paragraph | Table)[] {
	if (fr.length === 0) return nl;
	if (nl.length === 0) return fr;
	return [
		table(
			[new TableRow({ children: [cell(fr, { width: 50 }), cell(nl, { width: 50 })] })],
			NO_BORDERS,
			[50, 50]
		)
	];
}

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

function itemParagraph(item: ContributionItem): Paragraph {
	return new Paragraph({
		bullet: { level: 0 },
		spacing: { after: 20 },
		children: runs(item.text, {
			bold: item.key,
			...(item.language ? { language: item.language } : {})
		})
	});
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

/** Renders the restitution as a DOCX file. */
export async function renderDocx(model: Restitution): Promise<Buffer> {
	const { header, attendance, context, vote } = model;
	const body: (Paragraph | Table)[] = [];
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);

	const logo = logoParagraph(model);
	if (logo) body.push(logo);
	body.push(
		new Paragraph({
			children: runs(pair('title'), { bold: true, color: ACCENT, size: 24 }),
			spacing: { after: 60 }
		})
	);
	body.push(
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
	body.push(...frNl(meta('fr'), meta('nl')));
	const facts: ParagraphChild[] = [];
	if (header.place.trim())
		facts.push(...runs(`${pair('place')} : `, { color: MUTED }), ...runs(header.place));
	if (header.organiser)
		facts.push(
			...runs(`${facts.length > 0 ? ' — ' : ''}${pair('organiser')}\u00a0: `, { color: MUTED }),
			...labelRuns(header.organiser)
		);
	if (facts.length > 0) body.push(paragraph(facts, { spacingAfter: 160 }));

	const coordinator = (key: 'introduction' | 'conclusion') => {
		const fr = coordinatorText(model[key], 'fr');
		const nl = coordinatorText(model[key], 'nl');
		if (!fr && !nl) return;
		body.push(heading(pair(key), HeadingLevel.HEADING_1));
		body.push(...frNl(fr ? textParagraphs(fr, 'fr') : [], nl ? textParagraphs(nl, 'nl') : []));
	};
	coordinator('introduction');

	body.push(
		heading(`${pair('participants')} — ${attendance.participants}`, HeadingLevel.HEADING_1)
	);
	if (attendance.sectors.length > 0) {
		body.push(
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
		body.push(heading(pair('people'), HeadingLevel.HEADING_2));
		for (const person of attendance.people) {
			body.push(
				new Paragraph({
					bullet: { level: 0 },
					spacing: { after: 0 },
					children: [
						...runs(person.name),
						...(person.organisation ? runs(` (${person.organisation})`, { color: MUTED }) : [])
					]
				})
			);
		}
	}

	if (context.needs.length > 0) {
		body.push(heading(pair('needs'), HeadingLevel.HEADING_1));
		body.push(paragraph(runs(pair('needsSource'), { italics: true, color: MUTED })));
		body.push(
			table(
				context.needs.map(
					(need) =>
						new TableRow({
							cantSplit: true,
							children: [
								cell([paragraph(labelRuns(need.label))], { width: 90 }),
								cell(
									[
										new Paragraph({
											alignment: AlignmentType.RIGHT,
											children: runs(String(need.count), { bold: true })
										})
									],
									{ width: 10 }
								)
							]
						})
				),
				LIGHT_BORDERS,
				[90, 10]
			)
		);
	}

	if (vote && vote.priorities.length > 0) {
		body.push(heading(pair('vote'), HeadingLevel.HEADING_1));
		if (vote.present > 0) {
			const turnout = (language: 'fr' | 'nl') =>
				label(language, 'turnout', {
					voters: vote.voters,
					present: vote.present,
					percent: turnoutPercent(vote, language)
				});
			body.push(
				paragraph(runs(`${turnout('fr')} · ${turnout('nl')}`, { italics: true, color: MUTED }))
			);
		}
		const headerRow = new TableRow({
			cantSplit: true,
			tableHeader: true,
			children: [
				cell([paragraph(runs(pair('rank'), { bold: true }))], { width: 8, shade: true }),
				cell([paragraph(runs(label('fr', 'priority'), { bold: true, language: 'fr' }))], {
					width: 41,
					shade: true
				}),
				cell([paragraph(runs(label('nl', 'priority'), { bold: true, language: 'nl' }))], {
					width: 41,
					shade: true
				}),
				cell([paragraph(runs(pair('points'), { bold: true }))], { width: 10, shade: true })
			]
		});
		const rows = byRank(vote.priorities).map((priority) => {
			const p = printable(priority.label);
			const shade = Boolean(priority.selected);
			const labelCells =
				p.kind === 'single'
					? [
							cell([paragraph(runs(p.text, p.language ? { language: p.language } : {}))], {
								width: 82,
								span: 2,
								shade
							})
						]
					: [
							cell([paragraph(runs(p.fr, { language: 'fr' }))], { width: 41, shade }),
							cell([paragraph(runs(p.nl, { language: 'nl' }))], { width: 41, shade })
						];
			return new TableRow({
				cantSplit: true,
				children: [
					cell([paragraph(runs(rankLabel(priority), { bold: true }))], { width: 8, shade }),
					...labelCells,
					cell(
						[
							new Paragraph({
								alignment: AlignmentType.RIGHT,
								children: runs(String(priority.points), { bold: true })
							})
						],
						{ width: 10, shade }
					)
				]
			});
		});
		body.push(table([headerRow, ...rows], LIGHT_BORDERS, [8, 41, 41, 10]));
		if (vote.priorities.some((priority) => priority.selected)) {
			body.push(paragraph(runs(pair('selectedLegend'), { italics: true, color: MUTED })));
		}
	}

	if (model.tables.length > 0) {
		body.push(heading(pair('tables'), HeadingLevel.HEADING_1));
		body.push(paragraph(runs(pair('keyLegend'), { italics: true, color: MUTED })));
		model.tables.forEach((discussion, index) => {
			const name = tableName(discussion, index);
			body.push(
				new Paragraph({
					heading: HeadingLevel.HEADING_2,
					keepNext: true,
					children: [...runs(`${pair('table', { name })} — `), ...labelRuns(discussion.priority)]
				})
			);
			// One heading and one bulleted list per category: easy to edit, and it reads well
			// whatever the width (four table columns would be too narrow for long items).
			for (const category of TABLE_CATEGORIES) {
				const items = keyFirst(discussion[category]);
				body.push(heading(pair(category), HeadingLevel.HEADING_3));
				body.push(
					...(items.length > 0
						? items.map(itemParagraph)
						: [paragraph(runs('—', { color: MUTED }))])
				);
			}
			const justification = discussion.justification?.text.trim();
			const rapporteur = discussion.rapporteur?.trim();
			if (justification) {
				const language = discussion.justification?.language;
				body.push(
					paragraph([
						...runs(`${pair('justification')} : `, { bold: true }),
						...runs(`« ${justification} »`, { italics: true, ...(language ? { language } : {}) })
					])
				);
			}
			if (rapporteur) {
				body.push(
					paragraph(
						[
							...runs(`— ${rapporteur} `),
							...runs(`(${pair('rapporteur').toLowerCase()})`, { color: MUTED })
						],
						{ spacingAfter: 160 }
					)
				);
			}
		});
	}

	coordinator('conclusion');

	if (context.news.length > 0) {
		body.push(heading(pair('news'), HeadingLevel.HEADING_1));
		const year = header.date.slice(0, 4);
		for (const news of context.news) {
			body.push(
				new Paragraph({
					bullet: { level: 0 },
					spacing: { after: 20 },
					children: [
						...(news.date ? runs(`${compactDate(news.date, year)} — `, { color: MUTED }) : []),
						...labelRuns(news.title)
					]
				})
			);
		}
	}

	if (model.nextDates.length > 0) {
		body.push(heading(pair('nextDates'), HeadingLevel.HEADING_1));
		for (const next of model.nextDates) {
			body.push(
				new Paragraph({
					bullet: { level: 0 },
					spacing: { after: 20 },
					children: [
						...runs(`${shortDate(next.date)}${next.time ? ` · ${next.time}` : ''} — `, {
							bold: true
						}),
						...labelRuns(next.label),
						...(next.place?.trim() ? runs(` — ${next.place.trim()}`, { color: MUTED }) : [])
					]
				})
			);
		}
	}

	const contact = model.contact;
	if (contact && (contact.name || contact.email || contact.phone)) {
		body.push(heading(pair('contact'), HeadingLevel.HEADING_1));
		if (contact.name?.trim())
			body.push(paragraph(runs(contact.name.trim(), { bold: true }), { spacingAfter: 0 }));
		const email = contact.email?.trim();
		if (email) {
			const safe = /^[^\s<>"]+@[^\s<>"]+$/.test(email);
			body.push(
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
		if (contact.phone?.trim()) body.push(paragraph(runs(contact.phone.trim())));
	}

	const thanks = model.thanks ?? { fr: label('fr', 'thanks'), nl: label('nl', 'thanks') };
	body.push(
		new Paragraph({
			spacing: { before: 240 },
			children: labelRuns(thanks, { bold: true, color: ACCENT }, ' · ')
		})
	);

	const theme = printable(header.theme);
	const document = new Document({
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
	return Packer.toBuffer(document);
}
