import type { IDataObject } from 'n8n-workflow';

import { reportedNumberAsE164 } from '../../lib/phone';
import { normalizeDeliveryStatus, type DeliveryStatus } from '../../lib/status';
import { deliveryReceiptEvent, inboundMessageEvent, type ProviderEventCheck } from '../../lib/provider-events';

/**
 * Skycore's delivery codes (SMS MT postback v2) in the shared status:
 *
 * | code | Skycore status | status |
 * | --- | --- | --- |
 * | N201 | Sent | sent (handed to the carrier) |
 * | N202 | Delivered | delivered |
 * | E201 | Failed | failed (the carrier did not take it) |
 * | E202 | Rejected | failed (the carrier took it, then refused it) |
 * | E202 | a status saying Expired | undelivered (Skycore's v1 docs put "Sent/Expired" under E202) |
 * | anything else | | unknown |
 */
const DELIVERY_STATUS_TABLE: Record<string, DeliveryStatus> = {
	N201: 'sent',
	N202: 'delivered',
	E201: 'failed',
	E202: 'failed',
};


export function readSkycorePostback(body: IDataObject | undefined): ProviderEventCheck {
	if (!body) return { valid: false, reason: 'The body is empty or not JSON' };
	const origin = String(body.origin ?? '').trim().toUpperCase();
	if (origin === 'SMS_MT') return readDeliveryPostback(body);
	if (origin === 'SMS_MO') return readInboundPostback(body);
	return { valid: false, reason: 'Not a Skycore postback: origin is missing or not SMS_MT or SMS_MO' };
}

function readDeliveryPostback(body: IDataObject): ProviderEventCheck {
	const trackingId = textField(body, 'tracking-id');
	if (!trackingId) return { valid: false, reason: 'Not a Skycore delivery postback: tracking-id is missing' };
	const code = textField(body, 'code')?.toUpperCase();
	if (!code) return { valid: false, reason: 'Not a Skycore delivery postback: code is missing' };

	const statusText = textField(body, 'status') ?? null;
	let status = normalizeDeliveryStatus(code, DELIVERY_STATUS_TABLE);
	if (code === 'E202' && /expired/i.test(statusText ?? '')) status = 'undelivered';
	const event = deliveryReceiptEvent({
		provider: 'skycore',
		messageId: trackingId,
		status,
		providerStatus: code,
		// Skycore's postback has no separate reason: its status text (e.g. "Rejected") is the most it says.
		reasonText: statusText,
		details: {
			statusText,
			from: numberField(body, 'from'),
			to: numberField(body, 'to'),
			operatorId: textField(body, 'operator-id') ?? null,
			operatorName: textField(body, 'operator-name') ?? null,
			campaignRef: textField(body, 'campaign-ref') ?? null,
			fromMask: textField(body, 'from-mask') ?? null,
			timestamp: textField(body, 'timestamp') ?? null,
		},
		raw: body,
	});
	return { valid: true, kind: 'deliveryReceipt', event, eventKey: `${trackingId}:${code}` };
}

function readInboundPostback(body: IDataObject): ProviderEventCheck {
	const trackingId = textField(body, 'tracking-id');
	if (!trackingId) return { valid: false, reason: 'Not a Skycore inbound postback: tracking-id is missing' };
	const from = textField(body, 'from');
	if (!from) return { valid: false, reason: 'Not a Skycore inbound postback: from is missing' };
	const text = body['message-text'];
	if (typeof text !== 'string') return { valid: false, reason: 'Not a Skycore inbound postback: message-text is missing' };

	const code = textField(body, 'code')?.toUpperCase() ?? 'N211';
	const event = inboundMessageEvent({
		provider: 'skycore',
		messageId: trackingId,
		from,
		to: textField(body, 'to') ?? '',
		text,
		details: { timestamp: textField(body, 'timestamp') ?? null },
		raw: body,
	});
	return { valid: true, kind: 'inboundMessage', event, eventKey: `${trackingId}:${code}` };
}

/** A phone-number field in E.164 where Skycore wrote international digits (lib/phone.ts), else as given. */
function numberField(body: IDataObject, name: string): string | null {
	const value = textField(body, name);
	return value === undefined ? null : reportedNumberAsE164(value);
}

/** A field as text: numbers are accepted (a form or a hand-made test may send them), blanks are not. */
function textField(body: IDataObject, name: string): string | undefined {
	const value = body[name];
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.trim();
}
