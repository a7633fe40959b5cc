/**
 * A meeting in several parts in the restitution's Markdown and Word files: a section per
 * part (when, where, its steps, who was present). The PDF draws them in pdf/meeting-parts.ts.
 * Nothing for a meeting in one part, whose files stay exactly as they were.
 */
import { HeadingLevel, TextRun } from 'docx';
import {
	bilingualLabelText,
	longDate,
	pluralLabel,
	timeRange,
	type MeetingPartSummary,
	type Restitution
} from '../../protocol/summary';
import { bullet, heading, labelRuns, MUTED, paragraph, runs, type Block } from './docx-kit';
import { block, both, escapeMarkdownLine, inline, labelText } from './markdown-kit';

/** "Partie 1 sur 3 · Deel 1 van 3". */
export function partPosition(part: MeetingPartSummary, total: number): string {
	return bilingualLabelText('partPosition', { number: part.number, total });
}

/** "mardi 3 mars 2026 · dinsdag 3 maart 2026, 09:30–12:30". */
export function partWhen(part: MeetingPartSummary): string {
	const time = timeRange(part.startTime, part.endTime);
	const dates = `${longDate(part.date, 'fr')} · ${longDate(part.date, 'nl')}`;
	return time ? `${dates}, ${time}` : dates;
}

export function partPresent(part: MeetingPartSummary): string {
	const fr = pluralLabel('fr', 'partPresent', part.present);
	const nl = pluralLabel('nl', 'partPresent', part.present);
	return fr === nl ? fr : `${fr} · ${nl}`;
}

export function meetingPartsMarkdown(model: Restitution): string[] {
	const parts = model.meetingParts;
	if (!parts || parts.length === 0) return [];
	const blocks = [`### ${both('meetingParts')}`];
	for (const part of parts) {
		blocks.push(
			`#### ${escapeMarkdownLine(partPosition(part, parts.length))} — ${labelText(part.title)}`
		);
		const where = [
			part.place ? inline(part.place, '  ') : '',
			part.link ? `<${new URL(part.link).href}>` : ''
		]
			.filter(Boolean)
			.join(' · ');
		blocks.push(
			block(
				`**${escapeMarkdownLine(partWhen(part))}**${where ? ` — ${where}` : ''}`,
				`**${escapeMarkdownLine(partPresent(part))}**`
			)
		);
		if (part.steps.length > 0)
			blocks.push(
				`**${escapeMarkdownLine(bilingualLabelText('partSteps'))}**`,
				block(...part.steps.map((step) => `- ${labelText(step)}`))
			);
		if (part.people.length > 0)
			blocks.push(
				`**${escapeMarkdownLine(bilingualLabelText('people'))}**`,
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
	const blocks: Block[] = [heading(bilingualLabelText('meetingParts'), HeadingLevel.HEADING_1)];
	for (const part of parts) {
		blocks.push(heading(partPosition(part, parts.length), HeadingLevel.HEADING_2));
		blocks.push(paragraph(labelRuns(part.title, { bold: true }, ' · ')));
		const where = [part.place ?? '', part.link ?? ''].filter(Boolean).join(' · ');
		blocks.push(
			paragraph([
				...runs(partWhen(part)),
				...(where ? runs(` — ${where}`, { color: MUTED }) : []),
				new TextRun({ text: partPresent(part), bold: true, break: 1 })
			])
		);
		if (part.steps.length > 0) {
			blocks.push(heading(bilingualLabelText('partSteps'), HeadingLevel.HEADING_3));
			for (const step of part.steps) blocks.push(bullet(labelRuns(step), 0));
		}
		if (part.people.length > 0) {
			blocks.push(heading(bilingualLabelText('people'), HeadingLevel.HEADING_3));
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
