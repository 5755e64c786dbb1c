/**
 * Every timer the sandbox starts goes through here, so that close() can cancel them all and a
 * jest run can exit without waiting for a latency or callback delay to run out.
 */
export class TimerSet {
	private readonly pending = new Set<NodeJS.Timeout>();

	after(ms: number, run: () => void): void {
		const timer = setTimeout(() => {
			this.pending.delete(timer);
			run();
		}, ms);
		this.pending.add(timer);
	}

	/** Resolves after `ms`; never resolves if cancelled first (nothing is left holding the event loop). */
	delay(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => this.after(ms, resolve));
	}

	cancelAll(): void {
		for (const timer of this.pending) clearTimeout(timer);
		this.pending.clear();
	}
}
