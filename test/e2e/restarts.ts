/**
 * The trigger checks that need n8n stopped and started again: receipts answered just before a
 * graceful stop still run, receipts replayed after a restart start nothing, and what the
 * duplicate memory saves stays small. All on the ClearLine burst workflow, with message IDs of
 * their own (the burst check before them used others).
 */
import { BURST_TRIGGERS } from './receipt-burst';

/** Receipts posted at once, as a provider's webhook sender would. */
const IN_FLIGHT = 20;

export const RESTART_TRIGGER = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClearLine')!;

/** Distinct ClearLine message IDs for one check: `series` keeps the checks' IDs apart. */
export function restartMessageIds(series: number, count: number): string[] {
	return Array.from(
		{ length: count },
		(_, index) => `00000000-0000-4000-${String(8000 + series)}-${String(index).padStart(12, '0')}`,
	);
}

export interface PostOutcome {
	messageId: string;
	status: number | null;
}

/** Posts one ClearLine receipt per ID straight to the trigger's URL, `inFlight` at a time. */
export async function postReceipts(webhookUrl: string, messageIds: string[], inFlight = IN_FLIGHT): Promise<PostOutcome[]> {
	const outcomes: PostOutcome[] = [];
	let next = 0;
	const worker = async () => {
		while (next < messageIds.length) {
			const messageId = messageIds[next++];
			const { body } = RESTART_TRIGGER.receipt(messageId);
			try {
				const response = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				await response.arrayBuffer();
				outcomes.push({ messageId, status: response.status });
			} catch {
				outcomes.push({ messageId, status: null });
			}
		}
	};
	await Promise.all(Array.from({ length: inFlight }, worker));
	return outcomes;
}

export interface ExecutionRecord {
	status: string;
	data: unknown;
}

/** How many executions hold each ID, and how many of those did not succeed. */
export function executionsPerId(
	executions: ExecutionRecord[],
	messageIds: string[],
): { count: Map<string, number>; unsuccessful: Map<string, string[]> } {
	const count = new Map(messageIds.map((id) => [id, 0]));
	const unsuccessful = new Map<string, string[]>();
	for (const execution of executions) {
		const data = String(execution.data);
		for (const id of messageIds) {
			if (!data.includes(id)) continue;
			count.set(id, (count.get(id) ?? 0) + 1);
			if (execution.status !== 'success') unsuccessful.set(id, [...(unsuccessful.get(id) ?? []), execution.status]);
		}
	}
	return { count, unsuccessful };
}
