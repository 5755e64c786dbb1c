import type { IDataObject } from 'n8n-workflow';

import { isFailureStatus, normalizeDeliveryStatus, type DeliveryStatus } from '../../lib/status';

/** SMSCPR's public delivery statuses (spec) in the shared status. */
export const SMSCPR_STATUS_TABLE: Readonly<Record<string, DeliveryStatus>> = {
	QUEUED: 'queued',
	SENT: 'sent',
	DELIVERED: 'delivered',
	FAILED: 'failed',
	UNKNOWN: 'unknown',
};

export const SMSCPR_STATUSES = Object.keys(SMSCPR_STATUS_TABLE);

/**
 * A DeliveryReceipt (what send, status and list answer) as node output: `messageId` and the shared
 * `status` first, so workflows route the same way as on the trigger's receipts; SMSCPR's own
 * status is `providerStatus`, and every other field is kept as SMSCPR gave it.
 */
export function describeMessage(record: IDataObject): IDataObject {
	const { msgId, status, ...rest } = record;
	const shared = normalizeDeliveryStatus(status, SMSCPR_STATUS_TABLE);
	return {
		messageId: msgId,
		status: shared,
		isFailure: isFailureStatus(shared),
		providerStatus: status ?? null,
		...rest,
	};
}
