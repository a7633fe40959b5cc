/**
 * The restitution as CommonMark: French and Dutch one after the other, every piece of text
 * escaped so that nothing typed in the room can become markup, HTML or a link
 * (markdown-kit.ts). The document's own sections are here; each part's come from its
 * `markdown` (`<kind>/restitution.ts`), in its slot.
 */
import {
	bilingualLabel,
	colon,
	coordinatorText,
	documentLanguages,
	label,
	longDate,
	pluralLine,
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
	const langs = documentLanguages(model);
	// "Date\u00a0:" in French, "Date:" otherwise.
	const colonMark = colon(langs, '\u00a0').trimEnd();
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);
	const facts: string[] = [];
	if (header.series || number) {
		const series = header.series ? labelText(langs, header.series) : '';
		// `both` escapes the whole label, the number in it included: escaped once, not twice.
		const numbers = number
			? `**${both(langs, 'number', { number: number.replace(/\s+/g, ' ') })}**`
			: '';
		facts.push(`- ${[numbers, series].filter(Boolean).join(' — ')}`);
	}
	const dates = langs.list
		.map((language) => escapeMarkdownLine(longDate(header.date, language)))
		.join(' · ');
	facts.push(`- **${both(langs, 'date')}${colonMark}** ${dates}${time ? `, ${time}` : ''}`);
	if (header.place.trim())
		facts.push(`- **${both(langs, 'place')}${colonMark}** ${inline(header.place, '  ')}`);
	if (header.organiser)
		facts.push(
			`- **${both(langs, 'organiser')}${colonMark}** ${labelText(langs, header.organiser)}`
		);
	return [
		`# ${both(langs, 'title')}`,
		`## ${labelText(langs, header.theme, ' · ')}`,
		block(...facts)
	];
}

/**
 * The coordinators' introduction or conclusion in each of the document's languages (French,
 * then Dutch), each led by its heading word; in a one-language document, the text alone.
 */
function coordinatorBlocks(model: Restitution, key: 'introduction' | 'conclusion'): string[] {
	const langs = documentLanguages(model);
	const texts = langs.list.map(
		(language) => [language, coordinatorText(model[key], language)] as const
	);
	if (texts.every(([, text]) => !text)) return [];
	const blocks = [`### ${both(langs, key)}`];
	for (const [language, text] of texts) {
		if (!text) continue;
		const [first, ...rest] = paragraphs(text);
		if (first === undefined) continue;
		blocks.push(
			langs.list.length > 1 ? `**${escapeMarkdownLine(label(language, key))}** — ${first}` : first,
			...rest
		);
	}
	return blocks;
}

function attendanceBlocks(model: Restitution): string[] {
	const { attendance } = model;
	const langs = documentLanguages(model);
	const blocks = [
		`### ${both(langs, 'participants')}`,
		`**${langs.list.map((language) => escapeMarkdownLine(pluralLine([language], 'participantCount', attendance.participants))).join(' · ')}**`
	];
	if (attendance.sectors.length > 0) {
		blocks.push(
			block(
				...attendance.sectors.map(
					(sector) => `- ${labelText(langs, sector.label)}${colon(langs, '\u00a0')}${sector.count}`
				)
			)
		);
	}
	if (attendance.people.length > 0) {
		blocks.push(
			`#### ${both(langs, 'people')}`,
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
	const langs = documentLanguages(model);
	return [
		`### ${both(langs, 'nextDates')}`,
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
				const text = next.description;
				const description =
					text && (text.fr || text.nl || text.en)
						? `\\\n  ${labelText(langs, { fr: text.fr ?? '', nl: text.nl ?? '', ...(text.en ? { en: text.en } : {}) })}`
						: '';
				return `- **${when}** · ${labelText(langs, next.label)}${where ? ` — ${where}` : ''}${description}`;
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
	return [`### ${both(documentLanguages(model), 'contact')}`, lines.join('\\\n')];
}

/** Renders the restitution as CommonMark (UTF-8 text, LF line ends). */
export function renderMarkdown(model: Restitution): string {
	const thanks = model.thanks ?? bilingualLabel('thanks');
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
		`**${labelText(documentLanguages(model), thanks, ' · ')}**`
	];
	return `${blocks.join('\n\n')}\n`;
}
