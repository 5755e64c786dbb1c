import type { IDataObject } from 'n8n-workflow';

import { countSegments, type SmsEncoding } from './segments';

/**
 * What a Send says about a message the provider took, the same for every provider, so that a
 * workflow can switch provider without changing what reads the output. A message the provider
 * refused is the item's error, never an output, so a Send has no failure status.
 *
 * - accepted: the provider took the message to send it now (queued, pending, or already on its way)
 * - scheduled: the provider holds the message until the time the user set
 */
export const SEND_STATUSES = ['accepted', 'scheduled'] as const;

export type SendStatus = (typeof SEND_STATUSES)[number];

/** What a provider's Send knows about one message it sent. */
export interface SentMessage {
	messageId: string;
	status: SendStatus;
	/** The provider's own word for the status, unchanged; null when its answer has none. */
	providerStatus: string | null;
	/** The recipient in E.164, as the node sent it. */
	to: string;
	/** The sender the provider reported, or else the one the user set; null when neither is known. */
	from?: string | null;
	/** The text sent: encoding, segments and characters are counted from it. */
	text: string;
	/** The provider's price for this message, as a number or numeric text. */
	price?: unknown;
	currency?: string | null;
}

/** The output of every Send: these fields first, for every provider, then that provider's own. */
export interface SentMessageOutput extends IDataObject {
	messageId: string;
	status: SendStatus;
	providerStatus: string | null;
	to: string;
	from: string | null;
	encoding: SmsEncoding;
	segments: number;
	characters: number;
	price: number | null;
	currency: string | null;
}

/**
 * The item's output of a Send. `providerFields` are the rest of the provider's answer, kept under
 * the provider's names; one that has a shared field's name is left out, so that a provider's
 * `status` or `to` never replaces the shared one.
 */
export function sentMessageOutput(message: SentMessage, providerFields: IDataObject = {}): SentMessageOutput {
	const output: SentMessageOutput = {
		messageId: message.messageId,
		status: message.status,
		providerStatus: message.providerStatus,
		to: message.to,
		from: nonEmptyText(message.from) ?? null,
		...countSegments(message.text),
		price: priceOf(message.price),
		currency: nonEmptyText(message.currency) ?? null,
	};
	for (const [name, value] of Object.entries(providerFields)) {
		if (!(name in output)) output[name] = value;
	}
	return output;
}

/** Providers give prices as numbers or as decimal text ("0.0792"); anything else is no price. */
function priceOf(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value !== 'string' || value.trim() === '') return null;
	const price = Number(value);
	return Number.isFinite(price) ? price : null;
}

function nonEmptyText(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
