import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import type { ProviderClient } from '../../../lib/http';
import type { ClickSendMessage } from '../messages';
import { listAllPagesInParallel } from '../transport';

/** History statuses of messages that never went out and never will. */
const NOT_SENT_STATUSES = new Set(['cancelled', 'cancelledafterreview']);

const SECONDS_PER_HOUR = 3600;

/** Options › Skip Messages Sent in the Last (Hours): 0 (the default) reads no history. */
export function readSkipSentWithinHours(context: IExecuteFunctions, options: IDataObject): number {
	const given = options.skipSentWithinHours ?? 0;
	const hours = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
	if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0) {
		throw invalidInputError(context.getNode(), 0, {
			field: 'Skip Messages Sent in the Last (Hours)',
			reason: `is ${JSON.stringify(given) ?? String(given)}`,
			hint: 'Use a number of hours of 0 or more (0 sends every item)',
		});
	}
	return hours;
}

/**
 * The messages ClickSend's SMS history lists from the last hours, read once per run, so that a
 * send run again after it stopped half-way leaves out what the earlier run already got to
 * ClickSend, including a batch whose answer never came back. Each history entry stands for one
 * item at most, so two identical items are both sent when the history holds one.
 */
export class SentHistory {
	private unclaimed?: Promise<Map<string, IDataObject[]>>;

	constructor(
		private readonly client: () => ProviderClient,
		private readonly withinHours: number,
	) {}

	/** For each message, the history entry of the same message sent earlier, or undefined to send it. */
	async claim(messages: ClickSendMessage[], itemIndex: number): Promise<Array<IDataObject | undefined>> {
		this.unclaimed ??= this.read(itemIndex);
		const unclaimed = await this.unclaimed;
		// Synchronous from here, so batches running at the same time never claim the same entry.
		return messages.map((message) => unclaimed.get(keyOf(message.to, message.body, message.custom_string))?.shift());
	}

	private async read(itemIndex: number): Promise<Map<string, IDataObject[]>> {
		const dateFrom = Math.floor(Date.now() / 1000 - this.withinHours * SECONDS_PER_HOUR);
		// Oldest first from a fixed date, so the pages do not move while they are read in parallel.
		const entries = await listAllPagesInParallel(this.client(), '/sms/history', { date_from: dateFrom, order_by: 'date:asc' }, itemIndex);
		const byMessage = new Map<string, IDataObject[]>();
		for (const entry of entries) {
			if (entry.direction === 'in' || NOT_SENT_STATUSES.has(String(entry.status).toLowerCase())) continue;
			const key = keyOf(entry.to, entry.body, entry.custom_string);
			const same = byMessage.get(key);
			if (same) same.push(entry);
			else byMessage.set(key, [entry]);
		}
		return byMessage;
	}
}

/** The same recipient, text and Custom String: what makes two messages the same one. */
function keyOf(to: unknown, body: unknown, customString: unknown): string {
	return JSON.stringify([String(to ?? ''), String(body ?? ''), customString === null || customString === undefined ? '' : String(customString)]);
}
