/**
 * A meeting in several parts in the restitution's Markdown and Word files: a section per
 * part (when, where, its steps, who was present). The PDF draws them in pdf/meeting-parts.ts.
 * Nothing for a meeting in one part, whose files stay exactly as they were.
 */
import { HeadingLevel, TextRun } from 'docx';
import {
	bilingualLabelText,
	documentLanguages,
	longDate,
	pluralLabel,
	timeRange,
	type DocumentLanguages,
	type MeetingPartSummary,
	type Restitution
} from '../../protocol/summary';
import { bullet, heading, labelRuns, MUTED, paragraph, runs, type Block } from './docx-kit';
import { block, both, escapeMarkdownLine, inline, labelText } from './markdown-kit';

/** "Partie 1 sur 3 · Deel 1 van 3". */
export function partPosition(
	part: MeetingPartSummary,
	total: number,
	langs: DocumentLanguages
): string {
	return bilingualLabelText('partPosition', { number: part.number, total }, langs.list);
}

/** "mardi 3 mars 2026 · dinsdag 3 maart 2026, 09:30–12:30". */
export function partWhen(part: MeetingPartSummary, langs: DocumentLanguages): string {
	const time = timeRange(part.startTime, part.endTime);
	const dates = langs.list.map((language) => longDate(part.date, language)).join(' · ');
	return time ? `${dates}, ${time}` : dates;
}

export function partPresent(part: MeetingPartSummary, langs: DocumentLanguages): string {
	const texts = langs.list.map((language) => pluralLabel(language, 'partPresent', part.present));
	return [...new Set(texts)].join(' · ');
}

export function meetingPartsMarkdown(model: Restitution): string[] {
	const parts = model.meetingParts;
	if (!parts || parts.length === 0) return [];
	const langs = documentLanguages(model);
	const blocks = [`### ${both(langs, 'meetingParts')}`];
	for (const part of parts) {
		blocks.push(
			`#### ${escapeMarkdownLine(partPosition(part, parts.length, langs))} — ${labelText(langs, part.title)}`
		);
		const where = [
			part.place ? inline(part.place, '  ') : '',
			part.link ? `<${new URL(part.link).href}>` : ''
		]
			.filter(Boolean)
			.join(' · ');
		blocks.push(
			block(
				`**${escapeMarkdownLine(partWhen(part, langs))}**${where ? ` — ${where}` : ''}`,
				`**${escapeMarkdownLine(partPresent(part, langs))}**`
			)
		);
		if (part.steps.length > 0)
			blocks.push(
				`**${escapeMarkdownLine(bilingualLabelText('partSteps', {}, langs.list))}**`,
				block(...part.steps.map((step) => `- ${labelText(langs, step)}`))
			);
		if (part.people.length > 0)
			blocks.push(
				`**${escapeMarkdownLine(bilingualLabelText('people', {}, langs.list))}**`,
				block(
					...part.people.map(
						(person) =>
							`- ${inline(person.name, '  ')}${person.organisation ? ` (${inline(person.organisation, '  ')})` : ''}`
					)
				)
			);
	}
	return blocks;
}

export function meetingPartsDocx(model: Restitution): Block[] {
	const parts = model.meetingParts;
	if (!parts || parts.length === 0) return [];
	const langs = documentLanguages(model);
	const blocks: Block[] = [
		heading(bilingualLabelText('meetingParts', {}, langs.list), HeadingLevel.HEADING_1)
	];
	for (const part of parts) {
		blocks.push(heading(partPosition(part, parts.length, langs), HeadingLevel.HEADING_2));
		blocks.push(paragraph(labelRuns(langs, part.title, { bold: true }, ' · ')));
		const where = [part.place ?? '', part.link ?? ''].filter(Boolean).join(' · ');
		blocks.push(
			paragraph([
				...runs(partWhen(part, langs)),
				...(where ? runs(` — ${where}`, { color: MUTED }) : []),
				new TextRun({ text: partPresent(part, langs), bold: true, break: 1 })
			])
		);
		if (part.steps.length > 0) {
			blocks.push(heading(bilingualLabelText('partSteps', {}, langs.list), HeadingLevel.HEADING_3));
			for (const step of part.steps) blocks.push(bullet(labelRuns(langs, step), 0));
		}
		if (part.people.length > 0) {
			blocks.push(heading(bilingualLabelText('people', {}, langs.list), HeadingLevel.HEADING_3));
			for (const person of part.people)
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
