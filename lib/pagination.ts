export interface Page<T, Cursor> {
	items: T[];
	/** Where the next page starts; undefined when this was the last page. */
	next?: Cursor;
}

export interface PageLimit {
	returnAll: boolean;
	/** Used when returnAll is off. */
	limit: number;
}

/** The bound on pages fetched for "Return All", so that a provider that never ends a list cannot hang a workflow. */
export const MAX_PAGES = 10_000;

/**
 * Walks a provider's pages (cursor, page number or offset: the caller's fetchPage decides) until
 * the limit is reached or the provider says there is no more.
 */
export async function collectPages<T, Cursor>(
	fetchPage: (cursor: Cursor | undefined, pageSize: number | undefined) => Promise<Page<T, Cursor>>,
	{ returnAll, limit }: PageLimit,
	maxPageSize?: number,
): Promise<T[]> {
	const collected: T[] = [];
	let cursor: Cursor | undefined;
	for (let page = 0; page < MAX_PAGES; page++) {
		const wanted = returnAll ? maxPageSize : Math.min(limit - collected.length, maxPageSize ?? Infinity);
		const { items, next } = await fetchPage(cursor, wanted);
		collected.push(...items);
		if (!returnAll && collected.length >= limit) return collected.slice(0, limit);
		if (next === undefined || next === null || items.length === 0) return collected;
		cursor = next;
	}
	return collected;
}
