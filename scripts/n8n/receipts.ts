/**
 * Posting a burst of ClearLine delivery receipts to an n8n webhook, as ClearLine's webhook sender
 * would: a number of posts in flight at once. The e2e restart checks, the queue-mode bench and the
 * trigger-ingest bench post the same receipts.
 */

/** Receipts posted at once, as a provider's webhook sender would. */
export const RECEIPTS_IN_FLIGHT = 20;

/** Distinct ClearLine message IDs (UUIDs) for one run: `series` keeps the runs' IDs apart. */
export function receiptMessageIds(series: number, count: number): string[] {
	return Array.from({ length: count }, (_, index) => `00000000-0000-4000-${String(8000 + series)}-${String(index).padStart(12, '0')}`);
}

/** The body ClearLine posts for a delivered message. */
export function clearLineDeliveredReceipt(messageId: string): Record<string, string> {
	return { messageId, deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered', reasonText: 'Delivered to handset' };
}

export interface PostOutcome {
	messageId: string;
	/** The answer's status; null when the post failed. */
	status: number | null;
}

/** Posts one receipt per message ID to the webhook, `inFlight` at a time; one outcome per post. */
export async function postReceipts(webhookUrl: string, messageIds: string[], inFlight = RECEIPTS_IN_FLIGHT): Promise<PostOutcome[]> {
	const outcomes: PostOutcome[] = [];
	let next = 0;
	const worker = async () => {
		while (next < messageIds.length) {
			const messageId = messageIds[next++];
			try {
				const response = await fetch(webhookUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(clearLineDeliveredReceipt(messageId)),
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
