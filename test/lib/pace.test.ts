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

	it('holds every request until the Retry-After time has passed, and again if another 429 moves it', async () => {
		const pace = new RequestPace(5);
		pace.slowDown(200);
		const started = Date.now();
		setTimeout(() => pace.slowDown(300), 100);
		const request = async () => {
			await pace.acquire();
			const waited = Date.now() - started;
			pace.release();
			return waited;
		};
		const waits = await Promise.all([request(), request()]);
		expect(Math.min(...waits)).toBeGreaterThanOrEqual(390);
	});

	it('halves once for a burst of 429s to requests that were in flight together', () => {
		const pace = new RequestPace(20);
		const sentTogether = Date.now() - 50;
		for (let index = 0; index < 20; index++) pace.slowDown(0, sentTogether);
		expect(pace.concurrency).toBe(10);
		// A request sent after the pool slowed down that still gets a 429 is a new signal.
		pace.slowDown(0, Date.now());
		expect(pace.concurrency).toBe(5);
	});

	it('lets only the halved number of requests back in after a pause, the rest as slots free up', async () => {
		const pace = new RequestPace(20);
		await Promise.all(Array.from({ length: 20 }, async () => await pace.acquire()));
		// All twenty are answered 429 together: each gives its slot back and queues again.
		pace.slowDown(50);
		let admitted = 0;
		const retries = Array.from({ length: 20 }, async () => {
			pace.release();
			await pace.acquire();
			admitted++;
		});
		await new Promise((resolve) => setTimeout(resolve, 120));
		expect(admitted).toBe(10);

		for (let index = 0; index < 10; index++) {
			pace.recordSuccess();
			pace.release();
		}
		await Promise.all(retries);
		expect(admitted).toBe(20);
	});
});
