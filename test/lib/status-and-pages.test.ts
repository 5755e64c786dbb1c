import { collectPages } from '../../lib/pagination';
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

describe('secrets', () => {
	it('collects secret-looking credential fields and redacts them everywhere', () => {
		const secrets = collectSecrets({ apiKey: 'k-123456', environment: 'custom', baseUrl: 'http://x', password: 'hunter22' });
		expect(secrets).toEqual(['k-123456', 'hunter22']);
		expect(redactSecrets('key k-123456 and hunter22', secrets)).toBe('key *** and ***');
		expect(redactValue({ echo: { headers: { ApiKey: 'k-123456' } } }, secrets)).toEqual({ echo: { headers: { ApiKey: '***' } } });
	});
});
