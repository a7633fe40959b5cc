/**
 * `list` with its item at `index` moved one place up (-1) or down (+1): the new order a
 * console's ↑/↓ buttons send. Null when it is already first or last.
 */
export function movedOne<T>(list: readonly T[], index: number, step: -1 | 1): T[] | null {
	const target = index + step;
	if (index < 0 || index >= list.length || target < 0 || target >= list.length) return null;
	const next = [...list];
	[next[index], next[target]] = [next[target]!, next[index]!];
	return next;
}
