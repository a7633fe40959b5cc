import { randomUUID } from 'node:crypto';
import type { CommandName } from '../../protocol';

/**
 * The programme editor's part forms (one `?/part` action, `op` saying which) as the same
 * commands the JSON API and the live channel take, so the rules are checked in one place.
 * Values are cut to a sane length; the command's schema says what is wrong with them.
 */
export function partCommandFromForm(form: FormData): { name: CommandName; payload: object } {
	const text = (name: string) => String(form.get(name) ?? '').slice(0, 5000);
	const id = (name: string) => {
		const value = Number(form.get(name));
		return Number.isSafeInteger(value) ? value : -1;
	};
	const fields = () => ({
		title: { fr: text('titleFr'), nl: text('titleNl'), en: text('titleEn') },
		date: text('date'),
		startTime: text('startTime'),
		endTime: text('endTime'),
		place: text('place'),
		link: text('link')
	});
	const commandId = randomUUID();
	switch (text('op')) {
		case 'create':
			return { name: 'parts.create', payload: { commandId, ...fields() } };
		case 'update':
			return { name: 'parts.update', payload: { commandId, partId: id('partId'), ...fields() } };
		case 'move':
			return {
				name: 'parts.move',
				payload: { commandId, partId: id('partId'), direction: text('direction') }
			};
		case 'delete':
			return {
				name: 'parts.delete',
				payload: { commandId, partId: id('partId'), confirm: text('confirm') === 'yes' }
			};
		case 'assign':
			return {
				name: 'parts.assignStep',
				payload: { commandId, phaseId: id('phaseId'), partId: id('partId') }
			};
		default:
			// An unknown op is refused by the command path as an unknown command.
			return { name: 'parts.unknown' as CommandName, payload: { commandId } };
	}
}

/** What the form sent, kept so that a refused form shows it again. */
export function partFormValues(form: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const name of [
		'op',
		'partId',
		'titleFr',
		'titleNl',
		'titleEn',
		'date',
		'startTime',
		'endTime',
		'place',
		'link'
	])
		values[name] = String(form.get(name) ?? '').slice(0, 5000);
	return values;
}
