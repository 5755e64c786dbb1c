/**
 * Shared by every request of one node execution, retries included: at most `concurrency`
 * requests are in flight. When the provider answers 429 the whole pool pauses for the
 * Retry-After time and halves how many requests it keeps in flight, then grows back one step per
 * round of successes (additive increase, multiplicative decrease). Retries queue for a slot like
 * first attempts, so the requests that all got 429 together do not all come back together.
 */
export class RequestPace {
	private allowed: number;
	private resumeAt = 0;
	private successesSinceChange = 0;
	private inFlight = 0;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	private readonly waiting: Array<() => void> = [];

	constructor(readonly maxConcurrency: number) {
		this.allowed = maxConcurrency;
	}

	/** How many requests may be in flight now. */
	get concurrency(): number {
		return this.allowed;
	}

	/** Waits until the pause (if any) is over and a slot is free, then takes the slot. */
	async acquire(): Promise<void> {
		for (;;) {
			// Checked again after every wait: a 429 that came in meanwhile may have moved resumeAt.
			const pause = this.resumeAt - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.inFlight < this.allowed) {
				this.inFlight++;
				return;
			}
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
	}

	/** Gives back the slot taken by acquire(), whatever the request's outcome. */
	release(): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		this.wakeOne();
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

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
