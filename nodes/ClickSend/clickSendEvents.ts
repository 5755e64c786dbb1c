import type { IDataObject } from 'n8n-workflow';

import { normalizeDeliveryStatus, type DeliveryStatus } from '../../lib/status';
import { deliveryReceiptEvent, inboundMessageEvent, type ProviderEventCheck } from '../../lib/provider-events';

/**
 * ClickSend's receipt `status_code` in the shared status:
 *
 * | status_code | ClickSend says | status |
 * | --- | --- | --- |
 * | 201 | delivered to the handset | delivered |
 * | 200 | sent to the network | sent |
 * | 300 | temporary failure | undelivered |
 * | 301 | failed | failed |
 * | anything else | | unknown |
 *
 * 300 is "undelivered", not "failed": the carrier could not reach the handset yet and may still
 * deliver it (a later receipt then says 201), which is exactly what the shared "undelivered"
 * means. It still counts as a failure for Only Failures, since the message has not arrived.
 */
const DELIVERY_STATUS_TABLE: Record<string, DeliveryStatus> = {
	'201': 'delivered',
	'200': 'sent',
	'300': 'undelivered',
	'301': 'failed',
};

/** A receipt's `status_code` as the shared status, for receipts read through the API as well. */
export function receiptStatus(statusCode: unknown): DeliveryStatus {
	return normalizeDeliveryStatus(String(statusCode ?? ''), DELIVERY_STATUS_TABLE);
}

/**
 * Reads a receipt or an inbound SMS posted by a ClickSend automation rule, as a form (ClickSend's
 * `post` webhook type, and its receipts) or as JSON. Both rules post to the same URL, so the body
 * says which it is: only a receipt has a `status_code`, only an inbound SMS has a sender (`from`).
 */
export function readClickSendEvent(body: IDataObject | undefined): ProviderEventCheck {
	if (!body) return { valid: false, reason: 'The body is empty or is neither JSON nor a form' };
	if (body.status_code !== undefined) return readDeliveryReceipt(body);
	if (body.from !== undefined) return readInboundMessage(body);
	return { valid: false, reason: 'Not a ClickSend receipt or inbound SMS: it has neither status_code nor from' };
}

function readDeliveryReceipt(body: IDataObject): ProviderEventCheck {
	const messageId = textField(body, 'message_id');
	if (!messageId) return { valid: false, reason: 'Not a ClickSend delivery receipt: message_id is missing' };
	const statusCode = textField(body, 'status_code');
	if (!statusCode) return { valid: false, reason: 'Not a ClickSend delivery receipt: status_code is empty' };

	const event = deliveryReceiptEvent({
		provider: 'clicksend',
		messageId,
		status: receiptStatus(statusCode),
		providerStatus: statusCode,
		// error_text says why; status_text is ClickSend's name for the status (e.g. "Undelivered").
		reasonText: textField(body, 'error_text') ?? textField(body, 'status_text') ?? null,
		details: {
			statusText: textField(body, 'status_text') ?? null,
			errorCode: textField(body, 'error_code') ?? null,
			errorText: textField(body, 'error_text') ?? null,
			// What the sender put in custom_string: the key to match the receipt to its own record.
			customString: textField(body, 'custom_string') ?? null,
			messageType: textField(body, 'message_type') ?? null,
			subaccountId: textField(body, 'subaccount_id') ?? null,
			timestampSend: textField(body, 'timestamp_send') ?? null,
			timestamp: textField(body, 'timestamp') ?? null,
		},
		raw: body,
	});
	return { valid: true, kind: 'deliveryReceipt', event, eventKey: `receipt:${messageId}:${statusCode}` };
}

function readInboundMessage(body: IDataObject): ProviderEventCheck {
	const messageId = textField(body, 'message_id');
	if (!messageId) return { valid: false, reason: 'Not a ClickSend inbound SMS: message_id is missing' };
	const from = textField(body, 'from');
	if (!from) return { valid: false, reason: 'Not a ClickSend inbound SMS: from is empty' };
	// ClickSend repeats the text as body, message and sms; any one of them is enough.
	const text = [body.body, body.message, body.sms].find((value) => typeof value === 'string');
	if (typeof text !== 'string') return { valid: false, reason: 'Not a ClickSend inbound SMS: body is missing' };

	const event = inboundMessageEvent({
		provider: 'clicksend',
		messageId,
		from,
		to: textField(body, 'to') ?? '',
		text,
		details: {
			// The message this one answers, and its custom_string: how a reply finds its conversation.
			originalMessageId: textField(body, 'original_message_id') ?? null,
			originalBody: typeof body.original_body === 'string' ? body.original_body : null,
			customString: textField(body, 'custom_string') ?? null,
			subaccountId: textField(body, 'subaccount_id') ?? null,
			timestamp: textField(body, 'timestamp') ?? null,
		},
		raw: body,
	});
	return { valid: true, kind: 'inboundMessage', event, eventKey: `inbound:${messageId}` };
}

/** A field as text: JSON may give numbers, a form gives strings; blanks and nulls are absent. */
function textField(body: IDataObject, name: string): string | undefined {
	const value = body[name];
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.trim();
}
