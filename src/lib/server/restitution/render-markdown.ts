/**
 * The restitution as CommonMark: French and Dutch one after the other, every piece of text
 * escaped so that nothing typed in the room can become markup, HTML or a link.
 */
import {
	TABLE_CATEGORIES,
	bilingualLabelText,
	byRank,
	compactDate,
	coordinatorText,
	keyFirst,
	label,
	longDate,
	pluralLabel,
	printable,
	rankLabel,
	shortDate,
	tableName,
	timeRange,
	turnoutPercent,
	type ContributionItem,
	type Label,
	type Restitution,
	type RestitutionLabelKey
} from './model';

// Characters that are never wanted in a text file: controls (tab and line feed are handled
// apart), invisible bidi overrides, and lone UTF-16 surrogates.
const UNWANTED =
	// eslint-disable-next-line no-control-regex
	/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes one line of text for CommonMark (and GitHub's extensions): inline syntax anywhere
 * (emphasis, code, links, HTML, entities, strikethrough, pipes; parentheses are harmless once
 * brackets are escaped), block syntax at the start of
 * the line (headings, quotes, lists, setext underlines, indented code), and bare URLs or
 * e-mail addresses that GFM would turn into links.
 */
export function escapeMarkdownLine(text: string): string {
	let line = text
		.replace(/\t/g, ' ')
		.replace(/[\\`*_[\]{}<>#!|~&@$^]/g, (char) => `\\${char}`)
		.replace(/\b(https?|ftp|mailto|javascript|data|vbscript|file)(:)/gi, '$1\\:')
		.replace(/\bwww\./gi, 'www\\.')
		.replace(/^\s+/, '');
	if (/^[-+=>]/.test(line)) line = `\\${line}`;
	line = line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
	return line;
}

/** Text on one logical line (a list item, a table cell): line breaks become hard breaks. */
function inline(text: string, indent = ''): string {
	const lines = text
		.replace(/\r\n?/g, '\n')
		.replace(UNWANTED, '')
		.split('\n')
		.map((line) => escapeMarkdownLine(line.trim()))
		.filter((line) => line !== '');
	// A trailing backslash is CommonMark's hard line break.
	return lines.join(`\\\n${indent}`);
}

/** Paragraphs: blank lines separate paragraphs, single line breaks are hard breaks. */
function paragraphs(text: string): string[] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n\s*\n/)
		.map((block) => inline(block))
		.filter((block) => block !== '');
}

function both(key: RestitutionLabelKey, params: Record<string, string | number> = {}): string {
	return escapeMarkdownLine(bilingualLabelText(key, params));
}

function labelText(value: Label, separator = ' / '): string {
	const p = printable(value);
	return p.kind === 'single' ? inline(p.text) : `${inline(p.fr)}${separator}${inline(p.nl)}`;
}

function item(entry: ContributionItem): string {
	const text = inline(entry.text, '  ');
	return entry.key ? `- **${text}**` : `- ${text}`;
}

/** Renders the restitution as CommonMark (UTF-8 text, LF line ends). */
export function renderMarkdown(model: Restitution): string {
	const out: string[] = [];
	const block = (...lines: string[]) => {
		out.push(lines.join('\n'));
	};
	const { header, attendance, context, vote } = model;
	const number = header.number.trim();
	const time = timeRange(header.startTime, header.endTime);

	block(`# ${both('title')}`);
	block(`## ${labelText(header.theme, ' · ')}`);
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
	block(...facts);

	const bilingualText = (key: 'introduction' | 'conclusion') => {
		const fr = coordinatorText(model[key], 'fr');
		const nl = coordinatorText(model[key], 'nl');
		if (!fr && !nl) return;
		block(`### ${both(key)}`);
		for (const [language, text] of [
			['fr', fr],
			['nl', nl]
		] as const) {
			if (!text) continue;
			const [first, ...rest] = paragraphs(text);
			if (first === undefined) continue;
			block(`**${escapeMarkdownLine(label(language, key))}** — ${first}`);
			for (const paragraph of rest) block(paragraph);
		}
	};
	bilingualText('introduction');

	block(`### ${both('participants')}`);
	block(
		`**${escapeMarkdownLine(pluralLabel('fr', 'participantCount', attendance.participants))} · ${escapeMarkdownLine(pluralLabel('nl', 'participantCount', attendance.participants))}**`
	);
	if (attendance.sectors.length > 0) {
		block(
			...attendance.sectors.map((sector) => `- ${labelText(sector.label)}\u00a0: ${sector.count}`)
		);
	}
	if (attendance.people.length > 0) {
		block(`#### ${both('people')}`);
		block(
			...attendance.people.map(
				(person) =>
					`- ${inline(person.name, '  ')}${person.organisation ? ` (${inline(person.organisation, '  ')})` : ''}`
			)
		);
	}

	if (context.needs.length > 0) {
		block(`### ${both('needs')}`);
		block(`*${both('needsSource')}*`);
		block(...context.needs.map((need) => `- ${labelText(need.label)}\u00a0: ${need.count}`));
	}

	if (vote && vote.priorities.length > 0) {
		block(`### ${both('vote')}`);
		if (vote.present > 0) {
			const turnout = (language: 'fr' | 'nl') =>
				escapeMarkdownLine(
					label(language, 'turnout', {
						voters: vote.voters,
						present: vote.present,
						percent: turnoutPercent(vote, language)
					})
				);
			block(`*${turnout('fr')} · ${turnout('nl')}*`);
		}
		block(
			...byRank(vote.priorities).map((priority) => {
				const points = `${priority.points} ${escapeMarkdownLine(label('fr', 'points').toLowerCase())} · ${escapeMarkdownLine(label('nl', 'points').toLowerCase())}`;
				const selected = priority.selected ? ` — *${both('selected').toLowerCase()}*` : '';
				return `- **${rankLabel(priority)}** · ${labelText(priority.label)} — ${points}${selected}`;
			})
		);
	}

	if (model.tables.length > 0) {
		block(`### ${both('tables')}`);
		block(`*${both('keyLegend')}*`);
		model.tables.forEach((table, index) => {
			const name = inline(tableName(table, index));
			block(`#### ${both('table', { name })} — ${labelText(table.priority)}`);
			for (const category of TABLE_CATEGORIES) {
				const items = keyFirst(table[category]);
				block(`**${both(category)}**`);
				block(...(items.length > 0 ? items.map(item) : ['- —']));
			}
			const justification = table.justification?.text.trim();
			const rapporteur = table.rapporteur?.trim();
			if (justification)
				block(`*${both('justification')}\u00a0:* «\u00a0${inline(justification)}\u00a0»`);
			if (rapporteur) block(`— ${inline(rapporteur)} (${both('rapporteur').toLowerCase()})`);
		});
	}

	bilingualText('conclusion');

	if (context.news.length > 0) {
		block(`### ${both('news')}`);
		const year = header.date.slice(0, 4);
		block(
			...context.news.map(
				(news) =>
					`- ${news.date ? `${escapeMarkdownLine(compactDate(news.date, year))} — ` : ''}${labelText(news.title)}`
			)
		);
	}

	if (model.nextDates.length > 0) {
		block(`### ${both('nextDates')}`);
		block(
			...model.nextDates.map((next) => {
				const when = [escapeMarkdownLine(shortDate(next.date)), next.time ?? '']
					.filter(Boolean)
					.join(', ');
				const place = next.place?.trim() ? ` — ${inline(next.place, '  ')}` : '';
				return `- **${when}** · ${labelText(next.label)}${place}`;
			})
		);
	}

	const contact = model.contact;
	if (contact && (contact.name || contact.email || contact.phone)) {
		block(`### ${both('contact')}`);
		const lines: string[] = [];
		if (contact.name?.trim()) lines.push(inline(contact.name));
		const email = contact.email?.trim();
		if (email)
			lines.push(
				/^[^\s<>()[\]\\,;:"@]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(email) ? `<${email}>` : inline(email)
			);
		if (contact.phone?.trim()) lines.push(inline(contact.phone));
		block(lines.join('\\\n'));
	}

	const thanks = model.thanks ?? { fr: label('fr', 'thanks'), nl: label('nl', 'thanks') };
	block(`**${labelText(thanks, ' · ')}**`);

	return `${out.join('\n\n')}\n`;
}
