import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * What the earlier tries of a node run sent, so that n8n's Retry On Fail does not text anyone
 * twice. With Retry On Fail on, n8n calls the node's execute() again with the same input when a
 * try throws (or when the first output item is an error), in the same process and execution: a
 * run that stopped at item 40 would send items 0–39 again. The memory is per node run (execution
 * ID, node, run index) and per item (index and a fingerprint of what it sends, so an item whose
 * text or number changed is sent), in this process only, and short-lived.
 */

/**
 * How long a failed try's memory waits for the next try. n8n waits at most 5 s between tries (and
 * tries at most 5 times), so this is comfortably longer than the gap between two tries.
 */
export const RETRY_MEMORY_TTL_MS = 10 * 60_000;

/** Items remembered across all node runs at most; the oldest runs are forgotten first. */
export const RETRY_MEMORY_MAX_ITEMS = 100_000;

/** The parts of an error that a later try shows again for an item it does not send again. */
export interface RememberedError {
	message: string;
	description?: string;
	httpCode?: string;
}

/** `sent`: the provider accepted it (its output); `mayHaveBeenSent`: the answer left it open (its error). */
export type RememberedOutcome = { sent: IDataObject[] } | { mayHaveBeenSent: RememberedError };

/** One node run's memory: each item's fingerprint and outcome. */
export class NodeRunMemory {
	private readonly items = new Map<number, { fingerprint: string; outcome: RememberedOutcome }>();

	/** The outcome of an earlier try for this item, if it sent the same thing. */
	recall(itemIndex: number, fingerprint: string): RememberedOutcome | undefined {
		const entry = this.items.get(itemIndex);
		return entry?.fingerprint === fingerprint ? entry.outcome : undefined;
	}

	remember(itemIndex: number, fingerprint: string, outcome: RememberedOutcome): void {
		this.items.set(itemIndex, { fingerprint, outcome });
	}

	get size(): number {
		return this.items.size;
	}
}

export interface RetryMemoryLimits {
	ttlMs: number;
	maxItems: number;
}

/** The process-wide store of node runs between their tries; plain data, no timers. */
export class RetryMemory {
	private readonly runs = new Map<string, { memory: NodeRunMemory; expiresAt: number }>();

	constructor(
		private readonly limits: RetryMemoryLimits = { ttlMs: RETRY_MEMORY_TTL_MS, maxItems: RETRY_MEMORY_MAX_ITEMS },
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * The memory of the node run for the try that starts now: what the earlier tries left, or an
	 * empty one. It leaves the store while the try runs, so that its expiry cannot cut a long try short.
	 */
	claim(runKey: string): NodeRunMemory {
		this.dropExpired();
		const stored = this.runs.get(runKey);
		this.runs.delete(runKey);
		return stored?.memory ?? new NodeRunMemory();
	}

	/** Stores a failed try's memory for the next try, forgetting the oldest runs beyond the item limit. */
	keep(runKey: string, memory: NodeRunMemory): void {
		this.dropExpired();
		this.runs.delete(runKey);
		if (memory.size === 0) return;
		this.runs.set(runKey, { memory, expiresAt: this.now() + this.limits.ttlMs });
		let total = [...this.runs.values()].reduce((sum, run) => sum + run.memory.size, 0);
		for (const [key, run] of this.runs) {
			if (total <= this.limits.maxItems || key === runKey) break;
			this.runs.delete(key);
			total -= run.memory.size;
		}
	}

	/** Node runs stored between tries. */
	get size(): number {
		return this.runs.size;
	}

	private dropExpired(): void {
		const now = this.now();
		for (const [key, run] of this.runs) if (run.expiresAt <= now) this.runs.delete(key);
	}
}

/** The one store of this process: n8n retries a node in the process that ran it. */
export const retryMemory = new RetryMemory();

/** What an item sends, reduced to a short text that changes when any of it changes. */
export function fingerprintOf(prepared: unknown): string {
	return createHash('sha256').update(JSON.stringify(prepared) ?? '').digest('base64');
}

/**
 * The key of this node run, or undefined when n8n will not retry it (Retry On Fail off) or when
 * there is no execution ID to tell two executions apart (a new execution must send again).
 */
export function nodeRunKey(context: IExecuteFunctions): string | undefined {
	const node = context.getNode();
	if (node.retryOnFail !== true) return undefined;
	const executionId = context.getExecutionId();
	if (executionId === undefined || executionId === null || String(executionId) === '') return undefined;
	const runIndex = context.getWorkflowDataProxy(0).$runIndex;
	return JSON.stringify([String(executionId), node.id ?? '', node.name, runIndex]);
}
