import type { IDataObject } from 'n8n-workflow';

import { normalizeDeliveryStatus, type DeliveryStatus } from '../../lib/status';
import { deliveryReceiptEvent, type ProviderEventCheck } from '../../lib/provider-events';

/** ClearLine's final status (spec: `Delivered` or `DeliveredFailed`). */
const DELIVERY_STATUS_TABLE: Record<string, DeliveryStatus> = {
	Delivered: 'delivered',
	DeliveredFailed: 'failed',
};

/**
 * The gateway's raw status refines a failure: an expired message reached the carrier but not the
 * handset, which is what "undelivered" means in the shared status.
 */
const UNDELIVERED_GATEWAY_STATUSES = new Set(['expired', 'undelivered', 'undeliverable']);

export function readClearLineReceipt(body: IDataObject | undefined): ProviderEventCheck {
	if (!body) return { valid: false, reason: 'The body is empty or not JSON' };
	const { messageId, deliveryStatus, externalDeliveryStatus, reasonText } = body;
	if (typeof messageId !== 'string' || messageId.trim() === '') {
		return { valid: false, reason: 'Not a ClearLine delivery receipt: messageId is missing' };
	}
	if (typeof deliveryStatus !== 'string' || deliveryStatus.trim() === '') {
		return { valid: false, reason: 'Not a ClearLine delivery receipt: deliveryStatus is missing' };
	}
	let status = normalizeDeliveryStatus(deliveryStatus, DELIVERY_STATUS_TABLE);
	if (status === 'failed' && UNDELIVERED_GATEWAY_STATUSES.has(String(externalDeliveryStatus ?? '').toLowerCase())) {
		status = 'undelivered';
	}
	const event = deliveryReceiptEvent({
		provider: 'clearline',
		messageId,
		status,
		providerStatus: deliveryStatus,
		reasonText: typeof reasonText === 'string' && reasonText.trim() !== '' ? reasonText.trim() : null,
		details: {
			gatewayStatus: typeof externalDeliveryStatus === 'string' ? externalDeliveryStatus : null,
			reason: typeof reasonText === 'string' ? reasonText : null,
		},
		raw: body,
	});
	return { valid: true, kind: 'deliveryReceipt', event, eventKey: `${messageId}:${deliveryStatus}` };
}
