/**
 * The pure decisions about a programme in parts: which part each step belongs to, which
 * steps the console may reach, where a deleted part's steps go, what a part's fields must
 * be. No I/O: unit-tested in tests/unit/parts-rules.test.ts.
 */
import { DEFAULT_CONTENT_LANGUAGES, type ContentLanguages, type PartStatus } from '../../protocol';
import { requireSomeLanguage } from '../content-languages';
import { refusals, type Refusal } from '../errors';

export const refuse: Refusal = refusals('parts');

export interface PartLike {
	id: number;
	position: number;
	started_at: string | null;
	ended_at: string | null;
}

export interface StepLike {
	id: number;
	position: number;
}

export function sortParts<P extends PartLike>(parts: readonly P[]): P[] {
	return [...parts].sort((a, b) => a.position - b.position || a.id - b.id);
}

export function partStatus(part: PartLike): PartStatus {
	if (part.started_at === null) return 'planned';
	return part.ended_at === null ? 'running' : 'ended';
}

/** The part that runs now, if any (at most one: starting one ends the other). */
export function runningPart<P extends PartLike>(parts: readonly P[]): P | undefined {
	return sortParts(parts).find((part) => partStatus(part) === 'running');
}

/**
 * Each part's steps, in the programme's order. A step given to no part (added to the
 * programme after the parts were made), or to a part that is gone, belongs to the last part:
 * new steps are usually added at the end.
 */
export function stepsByPart<S extends StepLike>(
	parts: readonly PartLike[],
	steps: readonly S[],
	assignment: ReadonlyMap<number, number>
): Map<number, S[]> {
	const ordered = sortParts(parts);
	const result = new Map<number, S[]>(ordered.map((part) => [part.id, []]));
	const last = ordered.at(-1);
	if (!last) return result;
	const sortedSteps = [...steps].sort((a, b) => a.position - b.position || a.id - b.id);
	for (const step of sortedSteps) {
		const partId = assignment.get(step.id);
		(result.get(partId ?? last.id) ?? result.get(last.id))!.push(step);
	}
	return result;
}

export type Scope<S> =
	| { kind: 'all'; steps: S[] }
	| { kind: 'part'; partId: number; steps: S[]; startFirst: boolean }
	| { kind: 'between' };

/**
 * The steps next/previous/goto may reach. Without parts: all of them, as always. With parts:
 * those of the running part; before any part ran, the first part's (the session's first
 * step starts it); between two parts (one ended, none started): none, so that a click on
 * "next" on the first date cannot open a step of the second.
 */
export function stepScope<S extends StepLike>(
	parts: readonly PartLike[],
	steps: readonly S[],
	assignment: ReadonlyMap<number, number>
): Scope<S> {
	if (parts.length === 0) return { kind: 'all', steps: [...steps] };
	const byPart = stepsByPart(parts, steps, assignment);
	const running = runningPart(parts);
	if (running)
		return { kind: 'part', partId: running.id, steps: byPart.get(running.id)!, startFirst: false };
	const ordered = sortParts(parts);
	if (ordered.every((part) => partStatus(part) === 'planned')) {
		const first = ordered[0]!;
		return { kind: 'part', partId: first.id, steps: byPart.get(first.id)!, startFirst: true };
	}
	return { kind: 'between' };
}

/**
 * Where a deleted part's steps go: to the part before it, else the one after it; null when
 * it was the only part (the programme is one part again).
 */
export function neighbourOf(parts: readonly PartLike[], partId: number): number | null {
	const ordered = sortParts(parts);
	const index = ordered.findIndex((part) => part.id === partId);
	if (index < 0) return null;
	return (ordered[index - 1] ?? ordered[index + 1])?.id ?? null;
}

export interface PartFields {
	title: { fr: string; nl: string; en: string };
	date: string;
	startTime: string;
	endTime: string;
	place: string;
	link: string;
}

/**
 * What the schema cannot say alone: a title in some content language (any language for a
 * French–Dutch concertation, as before), an end after the start.
 */
export function checkPartFields(
	fields: PartFields,
	languages: ContentLanguages = DEFAULT_CONTENT_LANGUAGES
): PartFields {
	const title = {
		fr: fields.title.fr.trim(),
		nl: fields.title.nl.trim(),
		en: fields.title.en.trim()
	};
	requireSomeLanguage(title, languages, {
		namespace: 'parts',
		code: 'title_required',
		field: `title.${languages[0]}`
	});
	if (fields.endTime && !fields.startTime) refuse('end_without_start', { field: 'startTime' });
	if (fields.endTime && fields.startTime && fields.endTime <= fields.startTime)
		refuse('end_before_start', { field: 'endTime' });
	return { ...fields, title, place: fields.place.trim(), link: fields.link.trim() };
}

/** The positions after moving one part up or down; unchanged at either end. */
export function movedOrder(
	parts: readonly PartLike[],
	partId: number,
	direction: 'up' | 'down'
): number[] {
	const ids = sortParts(parts).map((part) => part.id);
	const index = ids.indexOf(partId);
	const target = direction === 'up' ? index - 1 : index + 1;
	if (index < 0 || target < 0 || target >= ids.length) return ids;
	[ids[index], ids[target]] = [ids[target]!, ids[index]!];
	return ids;
}
