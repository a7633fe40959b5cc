/**
 * The restitution as CommonMark: French and Dutch one after the other, every piece of text
 * escaped so that nothing typed in the room can become markup, HTML or a link
 * (markdown-kit.ts). The document's own sections are here; each part's come from its
 * `markdown` (`<kind>/restitution.ts`), in its slot.
 */
import {
	coordinatorText,
	label,
	longDate,
	pluralLabel,
	sectionOf,
	shortDate,
	timeRange,
	type Restitution,
	type SummarySlot
} from '../../protocol/summary';
import { block, both, escapeMarkdownLine, inline, labelText, paragraphs } from './markdown-kit';
import { meetingPartsMarkdown } from './meeting-parts';
import { partsOf } from './parts';

export { escapeMarkdownLine } from './markdown-kit';

/** The title, the theme, and the meeting's facts as a list. */
function headerBlocks(model: Restitution): string[] {
	const { header } = model;
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);
	const facts: string[] = [];
	if (header.series || number) {
		const series = header.series ? labelText(header.series) : '';
		// `both` escapes the whole label, the number in it included: escaped once, not twice.
		const numbers = number ? `**${both('number', { number: number.replace(/\s+/g, ' ') })}**` : '';
		facts.push(`- ${[numbers, series].filter(Boolean).join(' — ')}`);
	}
	facts.push(
		`- **${both('date')}\u00a0:** ${escapeMarkdownLine(longDate(header.date, 'fr'))} · ${escapeMarkdownLine(longDate(header.date, 'nl'))}${time ? `, ${time}` : ''}`
	);
	if (header.place.trim())
		facts.push(`- **${both('place')}\u00a0:** ${inline(header.place, '  ')}`);
	if (header.organiser)
		facts.push(`- **${both('organiser')}\u00a0:** ${labelText(header.organiser)}`);
	return [`# ${both('title')}`, `## ${labelText(header.theme, ' · ')}`, block(...facts)];
}

/** The coordinators' introduction or conclusion: French, then Dutch. */
function coordinatorBlocks(model: Restitution, key: 'introduction' | 'conclusion'): string[] {
	const fr = coordinatorText(model[key], 'fr');
	const nl = coordinatorText(model[key], 'nl');
	if (!fr && !nl) return [];
	const blocks = [`### ${both(key)}`];
	for (const [language, text] of [
		['fr', fr],
		['nl', nl]
	] as const) {
		if (!text) continue;
		const [first, ...rest] = paragraphs(text);
		if (first === undefined) continue;
		blocks.push(`**${escapeMarkdownLine(label(language, key))}** — ${first}`, ...rest);
	}
	return blocks;
}

function attendanceBlocks(model: Restitution): string[] {
	const { attendance } = model;
	const blocks = [
		`### ${both('participants')}`,
		`**${escapeMarkdownLine(pluralLabel('fr', 'participantCount', attendance.participants))} · ${escapeMarkdownLine(pluralLabel('nl', 'participantCount', attendance.participants))}**`
	];
	if (attendance.sectors.length > 0) {
		blocks.push(
			block(
				...attendance.sectors.map((sector) => `- ${labelText(sector.label)}\u00a0: ${sector.count}`)
			)
		);
	}
	if (attendance.people.length > 0) {
		blocks.push(
			`#### ${both('people')}`,
			block(
				...attendance.people.map(
					(person) =>
						`- ${inline(person.name, '  ')}${person.organisation ? ` (${inline(person.organisation, '  ')})` : ''}`
				)
			)
		);
	}
	return blocks;
}

/** The sections of the parts of one slot, in their order. */
function partBlocks(model: Restitution, slot: SummarySlot): string[] {
	return partsOf(slot).flatMap((part) => {
		const section = sectionOf(model, part);
		return section === undefined ? [] : part.markdown(section, model);
	});
}

function nextDatesBlocks(model: Restitution): string[] {
	if (model.nextDates.length === 0) return [];
	return [
		`### ${both('nextDates')}`,
		block(
			...model.nextDates.map((next) => {
				const span = next.time ? `${next.time}${next.endTime ? `–${next.endTime}` : ''}` : '';
				const when = [escapeMarkdownLine(shortDate(next.date)), span].filter(Boolean).join(', ');
				const where = [
					next.place?.trim() ? inline(next.place, '  ') : '',
					next.link ? `<${new URL(next.link).href}>` : ''
				]
					.filter(Boolean)
					.join(' · ');
				const description =
					next.description && (next.description.fr || next.description.nl)
						? `\\\n  ${labelText({ fr: next.description.fr ?? '', nl: next.description.nl ?? '' })}`
						: '';
				return `- **${when}** · ${labelText(next.label)}${where ? ` — ${where}` : ''}${description}`;
			})
		)
	];
}

function contactBlocks(model: Restitution): string[] {
	const contact = model.contact;
	if (!contact || !(contact.name || contact.email || contact.phone)) return [];
	const lines: string[] = [];
	if (contact.name?.trim()) lines.push(inline(contact.name));
	const email = contact.email?.trim();
	if (email)
		lines.push(
			/^[^\s<>()[\]\\,;:"@]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(email) ? `<${email}>` : inline(email)
		);
	if (contact.phone?.trim()) lines.push(inline(contact.phone));
	return [`### ${both('contact')}`, lines.join('\\\n')];
}

/** Renders the restitution as CommonMark (UTF-8 text, LF line ends). */
export function renderMarkdown(model: Restitution): string {
	const thanks = model.thanks ?? { fr: label('fr', 'thanks'), nl: label('nl', 'thanks') };
	const blocks = [
		...headerBlocks(model),
		...coordinatorBlocks(model, 'introduction'),
		...attendanceBlocks(model),
		...meetingPartsMarkdown(model),
		...partBlocks(model, 'figures'),
		...partBlocks(model, 'results'),
		...coordinatorBlocks(model, 'conclusion'),
		...partBlocks(model, 'closing'),
		...nextDatesBlocks(model),
		...contactBlocks(model),
		`**${labelText(thanks, ' · ')}**`
	];
	return `${blocks.join('\n\n')}\n`;
}
