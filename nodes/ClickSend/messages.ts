import type { IDataObject } from 'n8n-workflow';

import type { ProviderClient } from '../../lib/http';

/** ClickSend takes at most this many messages in one /sms/send or /sms/price request (spec). */
export const MAX_MESSAGES_PER_REQUEST = 1000;

/**
 * The spec gives no body limit. ClickSend's help pages put it at 8 parts: 1224 GSM characters
 * (8 × 153). The node refuses longer text before sending instead of letting ClickSend cut it.
 */
export const MAX_BODY_CHARACTERS = 1224;

/** One message of the request body, as the spec names its fields. */
export interface ClickSendMessage {
	to: string;
	body: string;
	source: string;
	from?: string;
	schedule?: number;
	custom_string?: string;
	country?: string;
}

/** `source` tells ClickSend which integration sent the message (shown in its dashboard). */
export const MESSAGE_SOURCE = 'n8n';

/** What to do about a message ClickSend did not queue. Statuses not listed get the generic hint. */
const REFUSAL_HINTS: Record<string, string> = {
	INVALID_RECIPIENT: 'ClickSend cannot deliver to this number: check that it is a mobile number with the right country code',
	INSUFFICIENT_CREDIT: 'The ClickSend account has not enough credit: top it up in the ClickSend dashboard, then send this item again',
	MISSING_REQUIRED_FIELDS: 'The message lacked a required field (recipient or text); check the item’s To and Message',
	INVALID_SENDER_ID: 'The sender is not allowed for this account or country: choose a dedicated number or an approved alpha tag in From, or leave it empty',
	COUNTRY_NOT_ENABLED: 'Sending to this country is not enabled for the account: enable it in the ClickSend dashboard (Settings › Countries)',
	ALREADY_EXISTS: 'ClickSend already has this message',
	DUPLICATE_MESSAGE: 'ClickSend already has this message',
};

/**
 * The item's error when ClickSend did not queue its message, undefined when it did. The request
 * still answers 200 when some of its messages are refused, so each message's status is the only sign.
 */
export function messageRefusal(client: ProviderClient, answered: IDataObject, itemIndex: number): Error | undefined {
	const status = typeof answered.status === 'string' ? answered.status : 'UNKNOWN';
	if (status === 'SUCCESS') return undefined;
	return client.error({
		body: answered,
		itemIndex,
		explanation: {
			message: `ClickSend refused the message to ${String(answered.to || 'the recipient')}: ${status}`,
			description: `${REFUSAL_HINTS[status] ?? 'The provider response is in the error details'}. This message was not sent.`,
		},
	});
}
