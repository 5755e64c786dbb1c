/**
 * The trigger checks that need n8n stopped and started again: receipts answered just before a
 * graceful stop still run, receipts replayed after a restart start nothing, and what the
 * duplicate memory saves stays small. All on the ClearLine burst workflow, with message IDs of
 * their own (the burst check before them used others).
 */
import { BURST_TRIGGERS } from './receipt-burst';

export { postReceipts, receiptMessageIds as restartMessageIds, type PostOutcome } from '../../scripts/n8n/receipts';

export const RESTART_TRIGGER = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClearLine')!;

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
