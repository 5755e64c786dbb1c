import type { IDataObject } from 'n8n-workflow';

import { normalizeDeliveryStatus } from '../../lib/status';
import { deliveryReceiptEvent, inboundMessageEvent, type ProviderEventCheck } from '../../lib/provider-events';
import { SMSCPR_STATUS_TABLE } from './messageRecord';


/**
 * One URL receives both kinds (spec): `direction` "MT" is a delivery receipt, "MO" an inbound SMS.
 * Of a receipt only `msgId` and `status` are guaranteed, so a body without `direction` that has a
 * status is read as a receipt too.
 */
export function readSmscprEvent(body: IDataObject | undefined): ProviderEventCheck {
	if (!body) return { valid: false, reason: 'The body is empty or not JSON' };
	const direction = typeof body.direction === 'string' ? body.direction.trim().toUpperCase() : undefined;
	if (direction === 'MO') return readInbound(body);
	if (direction === 'MT' || (direction === undefined && body.status !== undefined)) return readReceipt(body);
	return { valid: false, reason: 'Not an SMSCPR event: direction is neither MT (delivery receipt) nor MO (inbound SMS)' };
}

function readReceipt(body: IDataObject): ProviderEventCheck {
	const msgId = text(body.msgId);
	const status = text(body.status);
	if (!msgId) return { valid: false, reason: 'Not an SMSCPR delivery receipt: msgId is missing' };
	if (!status) return { valid: false, reason: 'Not an SMSCPR delivery receipt: status is missing' };
	const event = deliveryReceiptEvent({
		provider: 'smscpr',
		messageId: msgId,
		status: normalizeDeliveryStatus(status, SMSCPR_STATUS_TABLE),
		providerStatus: status,
		reasonText: text(body.errorMessage) ?? null,
		details: {
			from: text(body.from) ?? null,
			to: text(body.to) ?? null,
			errorCode: text(body.errorCode) ?? null,
			errorMessage: text(body.errorMessage) ?? null,
		},
		raw: body,
	});
	return { valid: true, kind: 'deliveryReceipt', event, eventKey: `${msgId}:${status}` };
}

function readInbound(body: IDataObject): ProviderEventCheck {
	const msgId = text(body.msgId);
	const from = text(body.from);
	if (!msgId) return { valid: false, reason: 'Not an SMSCPR inbound SMS: msgId is missing' };
	if (!from) return { valid: false, reason: 'Not an SMSCPR inbound SMS: from is missing' };
	if (typeof body.body !== 'string') return { valid: false, reason: 'Not an SMSCPR inbound SMS: body is missing' };
	const event = inboundMessageEvent({
		provider: 'smscpr',
		messageId: msgId,
		from,
		to: text(body.to) ?? '',
		text: body.body,
		details: { keyword: text(body.keyword) ?? null },
		raw: body,
	});
	return { valid: true, kind: 'inboundMessage', event, eventKey: `MO:${msgId}` };
}

/** A non-empty string field, trimmed; numbers (an errorCode sent as 0) as text. */
function text(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	return value.trim();
}
