/**
 * Shared by every request of one node execution: when the provider answers 429 the whole pool
 * pauses for the Retry-After time and halves how many requests it keeps in flight, then grows
 * back one step per round of successes (additive increase, multiplicative decrease).
 */
export class RequestPace {
	private allowed: number;
	private resumeAt = 0;
	private successesSinceChange = 0;

	constructor(readonly maxConcurrency: number) {
		this.allowed = maxConcurrency;
	}

	/** How many requests may be in flight now. */
	get concurrency(): number {
		return this.allowed;
	}

	async waitForTurn(): Promise<void> {
		const wait = this.resumeAt - Date.now();
		if (wait > 0) await sleep(wait);
	}

	slowDown(pauseMs: number): void {
		this.resumeAt = Math.max(this.resumeAt, Date.now() + pauseMs);
		this.allowed = Math.max(1, Math.floor(this.allowed / 2));
		this.successesSinceChange = 0;
	}

	recordSuccess(): void {
		if (this.allowed >= this.maxConcurrency) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.allowed) {
			this.allowed++;
			this.successesSinceChange = 0;
		}
	}
}

export async function sleep(ms: number): Promise<void> {
	await new Promise((resolve) => setTimeout(resolve, ms));
}
