/**
 * One delivery status for every provider, so that a workflow can route on failures the same way
 * whatever the provider. Each trigger outputs it next to the provider's own status.
 *
 * - queued: accepted by the provider, not yet handed to a carrier
 * - sent: handed to the carrier, no handset confirmation yet
 * - delivered: the handset confirmed
 * - failed: the provider or carrier gave up (rejected, expired, blocked)
 * - undelivered: the carrier tried and could not reach the handset; may still be retried upstream
 * - unknown: the provider does not know, or said something we cannot map
 */
export const DELIVERY_STATUSES = ['queued', 'sent', 'delivered', 'failed', 'undelivered', 'unknown'] as const;

export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** The statuses a "failures only" filter lets through. */
export function isFailureStatus(status: DeliveryStatus): boolean {
	return status === 'failed' || status === 'undelivered';
}

/** Maps a provider status through that provider's own table, case-insensitively; `unknown` otherwise. */
export function normalizeDeliveryStatus(
	raw: unknown,
	table: Readonly<Record<string, DeliveryStatus>>,
): DeliveryStatus {
	if (raw === null || raw === undefined) return 'unknown';
	const key = String(raw).trim().toLowerCase();
	for (const [providerStatus, status] of Object.entries(table)) {
		if (providerStatus.toLowerCase() === key) return status;
	}
	return 'unknown';
}
