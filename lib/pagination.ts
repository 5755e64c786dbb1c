import { runPool } from './send';

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

export interface NumberedPage<T> {
	items: T[];
	/** The number of the list's last page, as this page's answer gives it. */
	lastPage: number;
}

/**
 * Reads every page of a page-numbered list: the first alone, which tells how many there are, then
 * the others up to `concurrency()` at once. Only for a list whose pages do not shift while it is
 * read (oldest first from a fixed date, where new entries only add pages at the end): a page read
 * out of order after the list shifted could skip an entry. The result is the one reading the pages
 * one after another gives: entries in page order, up to the first empty page or the first that
 * says it is the last (more pages are read when the last one read says the list grew), and the
 * error of the lowest page that failed. Pages are started in order and none after a failure, so
 * every page below the failed one has been read and none above it is started.
 */
export async function collectAllNumberedPages<T>(
	fetchPage: (page: number) => Promise<NumberedPage<T>>,
	concurrency: () => number,
): Promise<T[]> {
	const pages: Array<NumberedPage<T>> = [await fetchPage(1)];
	for (;;) {
		const last = lastPageRead(pages);
		if (last !== undefined || pages.length >= MAX_PAGES) return entriesUpTo(pages, last ?? MAX_PAGES);

		const numbers: number[] = [];
		for (let page = pages.length + 1; page <= Math.min(pages[pages.length - 1].lastPage, MAX_PAGES); page++) numbers.push(page);
		let failed: { page: number; error: unknown } | undefined;
		await runPool(
			numbers,
			async (page) => {
				try {
					pages[page - 1] = await fetchPage(page);
				} catch (error) {
					if (!failed || page < failed.page) failed = { page, error };
				}
			},
			concurrency,
			() => failed !== undefined,
		);
		if (failed) {
			// Read one after another, a list that ended below the failed page would not have reached it.
			const ended = lastPageRead(pages.slice(0, failed.page - 1));
			if (ended === undefined) throw failed.error;
			return entriesUpTo(pages, ended);
		}
	}
}

/** The number of the first page read that ends the list (empty, or not saying that more follow), if any. */
function lastPageRead<T>(pages: Array<NumberedPage<T>>): number | undefined {
	const index = pages.findIndex((page, position) => page.items.length === 0 || !(page.lastPage > position + 1));
	return index === -1 ? undefined : index + 1;
}

function entriesUpTo<T>(pages: Array<NumberedPage<T>>, lastPage: number): T[] {
	return pages.slice(0, lastPage).flatMap((page) => page.items);
}
