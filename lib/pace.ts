import { sleep } from 'n8n-workflow';

/**
 * How far apart the pool starts its requests, as a share of (round trip ÷ requests in flight).
 * Answers that arrive together wait for each other: n8n's request helper spends about a
 * millisecond of CPU on every request, so twenty answers landing at once hold the twentieth back
 * by twenty milliseconds, and the requests that go out again together come back together, round
 * after round. Starting them apart keeps them apart. Below 1 so that the spacing never becomes
 * the limit when round trips vary: the slots stay that.
 */
export const START_SPREAD = 0.8;

/**
 * The spacing is based on a quick round trip, not the average one: the estimate follows a quicker
 * answer half-way at once and a slower one by a twentieth (each counted as at most twice the
 * estimate, so one stuck request barely moves it). With steady round trips that is the round trip.
 * With widely varying ones the estimate stays near the quick answers and the spacing stays short:
 * the pool is then not in lockstep anyway, and spacing by the average held it back (measured:
 * docs/benchmark.md, "Requests in lockstep").
 */
const QUICKER_WEIGHT = 0.5;
const SLOWER_WEIGHT = 0.05;

/** A timer cannot wait less than about this: a shorter wait for a start would become this long. */
const TIMER_RESOLUTION_MS = 1;

/**
 * Shared by every request of one node execution, retries included: at most `concurrency`
 * requests are in flight, and their starts are spread over the round trip (START_SPREAD). When
 * the provider answers 429 the whole pool pauses for the Retry-After time and halves how many
 * requests it keeps in flight, then grows back one step per round of successes (additive
 * increase, multiplicative decrease). Retries queue for a slot like first attempts, so the
 * requests that all got 429 together do not all come back together.
 */
export class RequestPace {
	private allowed: number;
	private resumeAt = 0;
	private successesSinceChange = 0;
	private inFlight = 0;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	private readonly waiting: Array<() => void> = [];
	/** A quick round trip of answered requests (QUICKER_WEIGHT); undefined until the first answer. */
	private roundTripMs: number | undefined;
	/** performance.now() before which the next request may not start. */
	private nextStartAt = 0;

	constructor(readonly maxConcurrency: number) {
		this.allowed = maxConcurrency;
	}

	/** How many requests may be in flight now. */
	get concurrency(): number {
		return this.allowed;
	}

	/** The least time between the starts of two requests now, in ms (0 before the first answer). */
	get startSpacingMs(): number {
		// One request at a time cannot bunch up, and spacing it would only hold back a quick answer's successor.
		if (this.roundTripMs === undefined || this.allowed <= 1) return 0;
		return (START_SPREAD * this.roundTripMs) / this.allowed;
	}

	/**
	 * Waits until the pause (if any) is over, a slot is free and the previous request started far
	 * enough back (startSpacingMs), then takes the slot.
	 */
	async acquire(): Promise<void> {
		for (;;) {
			// Checked again after every wait: a 429 that came in meanwhile may have moved resumeAt.
			const pause = this.resumeAt - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.inFlight >= this.allowed) {
				await new Promise<void>((resolve) => this.waiting.push(resolve));
				continue;
			}
			this.inFlight++;
			const now = performance.now();
			const startAt = Math.max(now, this.nextStartAt);
			this.nextStartAt = startAt + this.startSpacingMs;
			if (startAt - now < TIMER_RESOLUTION_MS) return;
			await sleep(startAt - now);
			if (this.resumeAt <= Date.now()) return;
			// A 429 arrived while this request waited for its start: queue again behind the pause.
			this.release();
		}
	}

	/**
	 * Gives back the slot taken by acquire(), whatever the request's outcome. `roundTripMs`: how
	 * long the provider took to answer, when it did answer (not after a timeout or a dropped
	 * connection, which say nothing about the usual round trip).
	 */
	release(roundTripMs?: number): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (roundTripMs !== undefined) this.recordRoundTrip(roundTripMs);
		this.wakeOne();
	}

	private recordRoundTrip(ms: number): void {
		if (this.roundTripMs === undefined) {
			this.roundTripMs = ms;
			return;
		}
		const sample = Math.min(ms, 2 * this.roundTripMs);
		this.roundTripMs += (sample < this.roundTripMs ? QUICKER_WEIGHT : SLOWER_WEIGHT) * (sample - this.roundTripMs);
	}

	/**
	 * A 429 for a request sent at `sentAt`. The 429s of requests that were already in flight when
	 * the pool last slowed down report the same overload: they extend the pause but do not halve
	 * again, or one burst of twenty 429s would bring twenty in flight down to one.
	 */
	slowDown(pauseMs: number, sentAt = Date.now()): void {
		const now = Date.now();
		this.resumeAt = Math.max(this.resumeAt, now + pauseMs);
		if (sentAt >= this.lastDecreaseAt) {
			this.allowed = Math.max(1, Math.floor(this.allowed / 2));
			this.lastDecreaseAt = now;
		}
		this.successesSinceChange = 0;
	}

	recordSuccess(): void {
		if (this.allowed >= this.maxConcurrency) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.allowed) {
			this.allowed++;
			this.successesSinceChange = 0;
			this.wakeOne();
		}
	}

	private wakeOne(): void {
		this.waiting.shift()?.();
	}
}
