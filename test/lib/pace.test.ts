import { RequestPace } from '../../lib/pace';

describe('RequestPace', () => {
	it('halves the requests in flight on each 429 and grows back one step per round of successes', () => {
		const pace = new RequestPace(20);
		expect(pace.concurrency).toBe(20);
		pace.slowDown(0);
		expect(pace.concurrency).toBe(10);
		pace.slowDown(0);
		pace.slowDown(0);
		pace.slowDown(0);
		pace.slowDown(0);
		expect(pace.concurrency).toBe(1);
		pace.recordSuccess();
		expect(pace.concurrency).toBe(2);
		pace.recordSuccess();
		expect(pace.concurrency).toBe(2);
		pace.recordSuccess();
		expect(pace.concurrency).toBe(3);
		for (let index = 0; index < 500; index++) pace.recordSuccess();
		expect(pace.concurrency).toBe(20);
	});

	it('holds every request until the Retry-After time has passed', async () => {
		const pace = new RequestPace(5);
		pace.slowDown(300);
		const started = Date.now();
		await Promise.all([pace.waitForTurn(), pace.waitForTurn()]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});
});
