/**
 * The trigger bursts of the queue-mode run: 1,000 distinct receipts per trigger, posted
 * alternately to the two webhook processors, every tenth posted again to the other processor —
 * half of those a few milliseconds after the first answer came back (what a provider's retry
 * looks like), half at the same moment as the first post (two copies racing).
 */
import { sleep } from '../../scripts/n8n/util';
import type { BurstTrigger } from '../e2e/receipt-burst';
import type { ExecutionRow } from '../../scripts/n8n/postgres-executions';

const DISTINCT_RECEIPTS = 1000;
const REPEAT_EVERY = 10;
/** Posts in flight at once, as a provider's webhook sender would have. */
const IN_FLIGHT = 20;
export const SEQUENTIAL_DELAY_MS = 5;

export interface BurstPlan {
	distinct: string[];
	/** Repeated a few ms after the first post's answer, at the other processor. */
	sequential: string[];
	/** Repeated at the same moment as the first post, at the other processor. */
	simultaneous: string[];
	posts: number;
}

export function burstPlan(trigger: BurstTrigger): BurstPlan {
	// Distinct from the e2e burst's IDs: the saved duplicate memory must not know them already.
	const distinct = Array.from({ length: DISTINCT_RECEIPTS }, (_, index) => trigger.messageId(500_000 + index));
	const repeated = distinct.filter((_, index) => index % REPEAT_EVERY === 0);
	const sequential = repeated.filter((_, index) => index % 2 === 0);
	const simultaneous = repeated.filter((_, index) => index % 2 === 1);
	return { distinct, sequential, simultaneous, posts: distinct.length + repeated.length };
}

async function postReceipt(url: string, trigger: BurstTrigger, messageId: string): Promise<string | undefined> {
	const { body, contentType } = trigger.receipt(messageId);
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' },
			body: contentType === 'form' ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
		});
		const text = await response.text();
		return response.ok ? undefined : `${messageId}: ${response.status} ${text.slice(0, 200)}`;
	} catch (error) {
		return `${messageId}: ${(error as Error).message}`;
	}
}

/** Posts the plan, IN_FLIGHT distinct receipts at a time; returns the posts not answered 2xx. */
export async function postBurst(webhookBaseUrls: string[], trigger: BurstTrigger, plan: BurstPlan): Promise<string[]> {
	const urls = webhookBaseUrls.map((base) => `${base}/webhook/${trigger.webhookId}/${trigger.webhookPath}`);
	const sequential = new Set(plan.sequential);
	const simultaneous = new Set(plan.simultaneous);
	const failures: string[] = [];
	let next = 0;
	const sender = async () => {
		while (next < plan.distinct.length) {
			const index = next++;
			const messageId = plan.distinct[index];
			const first = urls[index % urls.length];
			const other = urls[(index + 1) % urls.length];
			const posts = [postReceipt(first, trigger, messageId)];
			if (simultaneous.has(messageId)) posts.push(postReceipt(other, trigger, messageId));
			for (const failure of await Promise.all(posts)) if (failure) failures.push(failure);
			if (sequential.has(messageId)) {
				await sleep(SEQUENTIAL_DELAY_MS);
				const failure = await postReceipt(other, trigger, messageId);
				if (failure) failures.push(failure);
			}
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
	return failures;
}

export interface BurstSummary {
	lost: string[];
	unsuccessful: number;
	singleTwice: string[];
	sequentialTwice: string[];
	simultaneousTwice: string[];
}

/** Which receipts ran how often, from the executions' stored data (each carries its message ID). */
export function summariseBurst(executions: ExecutionRow[], plan: BurstPlan): BurstSummary {
	const runs = new Map<string, number>();
	const wanted = new Set(plan.distinct);
	let unsuccessful = 0;
	// The IDs are fixed-width (a UUID, or Skycore's e2e + 9 digits): find them by shape, then look them up.
	const idShape = /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}|e2e\d{9}/g;
	for (const execution of executions) {
		if (execution.status !== 'success') unsuccessful++;
		const ids = new Set((execution.data ?? '').match(idShape) ?? []);
		for (const id of ids) if (wanted.has(id) && execution.status === 'success') runs.set(id, (runs.get(id) ?? 0) + 1);
	}
	const repeated = new Set([...plan.sequential, ...plan.simultaneous]);
	const twice = (ids: string[]) => ids.filter((id) => (runs.get(id) ?? 0) > 1);
	return {
		lost: plan.distinct.filter((id) => !runs.has(id)),
		unsuccessful,
		singleTwice: twice(plan.distinct.filter((id) => !repeated.has(id))),
		sequentialTwice: twice(plan.sequential),
		simultaneousTwice: twice(plan.simultaneous),
	};
}
