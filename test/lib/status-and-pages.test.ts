import { collectAllNumberedPages, collectPages, type NumberedPage } from '../../lib/pagination';
import { retryAfterMs } from '../../lib/http';
import { isFailureStatus, normalizeDeliveryStatus } from '../../lib/status';
import { collectSecrets, redactSecrets, redactValue } from '../../lib/errors';

describe('normalizeDeliveryStatus', () => {
	const table = { Delivered: 'delivered', DeliveredFailed: 'failed' } as const;
	it.each([
		['Delivered', 'delivered'],
		['delivered', 'delivered'],
		['DeliveredFailed', 'failed'],
		['Something new', 'unknown'],
		[undefined, 'unknown'],
		[null, 'unknown'],
	])('%s → %s', (raw, status) => {
		expect(normalizeDeliveryStatus(raw, table)).toBe(status);
	});

	it('counts failed and undelivered as failures', () => {
		expect(['queued', 'sent', 'delivered', 'failed', 'undelivered', 'unknown'].filter((s) => isFailureStatus(s as never))).toEqual([
			'failed',
			'undelivered',
		]);
	});
});

describe('retryAfterMs', () => {
	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs('0')).toBe(0);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
		const inFiveSeconds = new Date(Date.now() + 5000).toUTCString();
		expect(retryAfterMs(inFiveSeconds)).toBeGreaterThan(3000);
		expect(retryAfterMs(inFiveSeconds)).toBeLessThanOrEqual(5000);
	});
});

describe('collectPages', () => {
	// A list of 45 records served 20 at a time, with a cursor like SMSCPR's.
	const records = Array.from({ length: 45 }, (_, index) => index);
	const fetchPage = async (cursor: number | undefined, size: number | undefined) => {
		const start = cursor ?? 0;
		const end = Math.min(start + Math.min(size ?? 20, 20), records.length);
		return { items: records.slice(start, end), next: end < records.length ? end : undefined };
	};

	it('returns everything with returnAll', async () => {
		expect(await collectPages(fetchPage, { returnAll: true, limit: 0 }, 20)).toEqual(records);
	});

	it('stops at the limit, across pages', async () => {
		expect(await collectPages(fetchPage, { returnAll: false, limit: 25 }, 20)).toEqual(records.slice(0, 25));
		expect(await collectPages(fetchPage, { returnAll: false, limit: 5 }, 20)).toEqual(records.slice(0, 5));
	});
});

describe('collectAllNumberedPages', () => {
	const PAGE_SIZE = 3;
	const entriesOf = (page: number) => Array.from({ length: PAGE_SIZE }, (_, index) => `p${page}e${index}`);
	const wait = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

	/** A list of `lastPage` pages, each answered after `delayMs(page)`, recording what was asked and how much at once. */
	function list(lastPage: number, answer: (page: number) => Partial<NumberedPage<string>> | Error = () => ({}), delayMs = (_page: number) => 5) {
		const asked: number[] = [];
		let inFlight = 0;
		let maxInFlight = 0;
		const fetchPage = async (page: number): Promise<NumberedPage<string>> => {
			asked.push(page);
			maxInFlight = Math.max(maxInFlight, ++inFlight);
			await wait(delayMs(page));
			inFlight--;
			const given = answer(page);
			if (given instanceof Error) throw given;
			return { items: entriesOf(page), lastPage, ...given };
		};
		return { fetchPage, asked, maxInFlight: () => maxInFlight };
	}

	it('reads the pages after the first up to the concurrency at once, each once, and keeps page order whatever order they answer in', async () => {
		// Later pages answer sooner.
		const pages = list(10, undefined, (page) => (page === 1 ? 1 : (11 - page) * 3));

		const entries = await collectAllNumberedPages(pages.fetchPage, () => 3);

		expect(entries).toEqual(Array.from({ length: 10 }, (_, index) => entriesOf(index + 1)).flat());
		expect(pages.asked[0]).toBe(1);
		expect([...pages.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
		expect(pages.maxInFlight()).toBe(3);
	});

	it('fails with the error of the lowest page that failed, after reading every page below it, and starts no page above it', async () => {
		// Page 6 fails at once, page 4 (started earlier) later: reading one page after another would have failed at 4.
		const pages = list(
			10,
			(page) => (page === 4 || page === 6 ? new Error(`page ${page} failed`) : {}),
			(page) => (page === 4 ? 30 : page === 6 ? 0 : 5),
		);

		await expect(collectAllNumberedPages(pages.fetchPage, () => 3)).rejects.toThrow('page 4 failed');
		expect([...pages.asked].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
	});

	it('stops where reading one page after another would: at an empty page, or at a page that says it is the last', async () => {
		const emptyThird = list(6, (page) => (page === 3 ? { items: [] } : {}));
		expect(await collectAllNumberedPages(emptyThird.fetchPage, () => 5)).toEqual([...entriesOf(1), ...entriesOf(2)]);

		const shrunk = list(6, (page) => (page === 2 ? { lastPage: 2 } : {}));
		expect(await collectAllNumberedPages(shrunk.fetchPage, () => 5)).toEqual([...entriesOf(1), ...entriesOf(2)]);

		// An empty page below a failed one ends the list there, as it would have before the failed page was asked.
		const endedBeforeFailure = list(6, (page) => (page === 2 ? { items: [] } : page === 3 ? new Error('page 3 failed') : {}));
		expect(await collectAllNumberedPages(endedBeforeFailure.fetchPage, () => 5)).toEqual(entriesOf(1));

		const single = list(1);
		expect(await collectAllNumberedPages(single.fetchPage, () => 5)).toEqual(entriesOf(1));
		expect(single.asked).toEqual([1]);
	});

	it('reads on when the last page read says the list grew meanwhile, and ends at an unreadable last page number', async () => {
		const grown = list(3, (page) => (page === 3 ? { lastPage: 5 } : page > 3 ? { lastPage: 5 } : {}));
		expect(await collectAllNumberedPages(grown.fetchPage, () => 5)).toEqual([1, 2, 3, 4, 5].flatMap(entriesOf));

		const unreadable = list(Number.NaN);
		expect(await collectAllNumberedPages(unreadable.fetchPage, () => 5)).toEqual(entriesOf(1));
	});
});

describe('secrets', () => {
	it('collects secret-looking credential fields and redacts them everywhere', () => {
		const secrets = collectSecrets({ apiKey: 'k-123456', environment: 'custom', baseUrl: 'http://x', password: 'hunter22' });
		expect(secrets).toEqual(['k-123456', 'hunter22']);
		expect(redactSecrets('key k-123456 and hunter22', secrets)).toBe('key *** and ***');
		expect(redactValue({ echo: { headers: { ApiKey: 'k-123456' } } }, secrets)).toEqual({ echo: { headers: { ApiKey: '***' } } });
	});
});
