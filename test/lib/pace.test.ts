import { RequestPace, START_SPREAD } from '../../lib/http';

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

	describe('spacing the starts of requests', () => {
		/** Starts `count` acquires at once and returns when each one got its slot (ms after the call). */
		async function startTimes(pace: RequestPace, count: number): Promise<number[]> {
			const calledAt = performance.now();
			return await Promise.all(
				Array.from({ length: count }, async () => {
					await pace.acquire();
					return performance.now() - calledAt;
				}),
			);
		}

		it('lets the first requests start together, before any round trip is known', async () => {
			const pace = new RequestPace(4);
			expect(pace.startSpacingMs).toBe(0);
			const starts = await startTimes(pace, 4);
			expect(Math.max(...starts)).toBeLessThan(20);
		});

		it('starts requests that were freed together a share of (round trip ÷ slots) apart', async () => {
			const pace = new RequestPace(4);
			await startTimes(pace, 4);
			// All four answered together after 200 ms: the next four must not start together.
			for (let index = 0; index < 4; index++) pace.release(200);
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 200) / 4);
			const starts = (await startTimes(pace, 4)).sort((a, b) => a - b);
			// Each start is due a spacing after the one before it. Measured from the call, not from the
			// previous start: a stall on a busy machine delays when a start is seen, never when it is due,
			// and timers may fire up to a millisecond early.
			starts.forEach((start, index) => expect(start).toBeGreaterThanOrEqual(index * pace.startSpacingMs - 2));
			expect(starts[3]).toBeLessThan(3 * pace.startSpacingMs + 40);
		});

		it('spaces by the requests allowed now: half as many after a 429, twice as far apart', () => {
			const pace = new RequestPace(20);
			pace.release(100);
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 100) / 20);
			pace.slowDown(0);
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 100) / 10);
		});

		it('follows quicker answers at once and slower ones only slowly, a stuck request barely', () => {
			const pace = new RequestPace(10);
			pace.release(100);
			pace.release(20);
			// Half-way to the quicker answer.
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 60) / 10);
			// A 30-second answer (a stuck request) counts as 120 ms and moves the estimate by a twentieth of that step.
			pace.release(30_000);
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 63) / 10);
			// Answers that stay slow do bring it up, over a few dozen requests.
			for (let index = 0; index < 200; index++) pace.release(400);
			expect(pace.startSpacingMs).toBeCloseTo((START_SPREAD * 400) / 10, 0);
		});

		it('does not hold a request back for less than a timer can wait (a quick provider is not slowed down)', async () => {
			const pace = new RequestPace(20);
			await startTimes(pace, 20);
			// A 5 ms round trip: 0.2 ms between starts, which a timer would stretch to a millisecond or more.
			for (let index = 0; index < 20; index++) pace.release(5);
			expect(pace.startSpacingMs).toBeCloseTo(0.2);
			const starts = await startTimes(pace, 5);
			expect(Math.max(...starts)).toBeLessThan(1);
		});

		it('does not space requests that go one at a time', () => {
			const pace = new RequestPace(1);
			pace.release(200);
			expect(pace.startSpacingMs).toBe(0);
		});

		it('ignores requests that ended without an answer', () => {
			const pace = new RequestPace(10);
			pace.release();
			expect(pace.startSpacingMs).toBe(0);
		});

		it('holds a request whose start was due during a 429 pause until the pause is over', async () => {
			const pace = new RequestPace(2);
			await startTimes(pace, 2);
			pace.release(400);
			pace.release(400);
			// The second start is 160 ms away; a 429 pauses the pool for 300 ms meanwhile.
			const calledAt = Date.now();
			const starts = Promise.all([pace.acquire(), pace.acquire()].map(async (acquired) => (await acquired, Date.now() - calledAt)));
			setTimeout(() => pace.slowDown(300), 50);
			// The first request is answered (and frees its slot) during the pause.
			setTimeout(() => pace.release(), 100);
			const [first, second] = (await starts).sort((a, b) => a - b);
			expect(first).toBeLessThan(40);
			expect(second).toBeGreaterThanOrEqual(340);
		});
	});
});
