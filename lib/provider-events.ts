import type { IDataObject } from 'n8n-workflow';

import { readComplianceKeywords } from './keywords';
import { reportedNumberAsE164 } from './phone';
import { isFailureStatus, type DeliveryStatus } from './status';

/**
 * The events every trigger outputs, the same fields whatever the provider: a provider's reader
 * (its postback.ts or receipt.ts) turns the body it posted into one of them.
 */

export type ProviderEventKind = 'deliveryReceipt' | 'inboundMessage';

export const ALL_EVENT_KINDS: ProviderEventKind[] = ['deliveryReceipt', 'inboundMessage'];

/** What a provider's reader makes of a webhook body. */
export type ProviderEventCheck =
	| {
			valid: true;
			kind: ProviderEventKind;
			/** The trigger's output item (deliveryReceiptEvent / inboundMessageEvent). */
			event: IDataObject;
			/** Identifies the event for duplicate suppression, e.g. message ID + status. */
			eventKey: string;
	  }
	| { valid: false; reason: string };

export interface DeliveryReceiptEvent extends IDataObject {
	event: 'deliveryReceipt';
	provider: string;
	messageId: string;
	/** The shared status: route on this one whatever the provider. */
	status: DeliveryStatus;
	isFailure: boolean;
	/** The provider's own status, unchanged. */
	providerStatus: string;
	/** Why the message failed, in the provider's words; null unless isFailure (or the provider gave none). */
	failureReason: string | null;
	receivedAt: string;
}

export function deliveryReceiptEvent(fields: {
	provider: string;
	messageId: string;
	status: DeliveryStatus;
	providerStatus: string;
	/** The provider's text on why it failed, if the receipt has one: kept only for failures. */
	reasonText: string | null;
	details: IDataObject;
	raw: IDataObject;
}): DeliveryReceiptEvent {
	return {
		event: 'deliveryReceipt',
		provider: fields.provider,
		messageId: fields.messageId,
		status: fields.status,
		isFailure: isFailureStatus(fields.status),
		providerStatus: fields.providerStatus,
		failureReason: isFailureStatus(fields.status) ? fields.reasonText : null,
		...fields.details,
		receivedAt: new Date().toISOString(),
		raw: fields.raw,
	};
}

/** An SMS someone sent to the account's number (a reply or a keyword), the same for every provider. */
export interface InboundMessageEvent extends IDataObject {
	event: 'inboundMessage';
	provider: string;
	/** The provider's ID of the inbound message. */
	messageId: string;
	/** The sender's number in E.164 (`+` added where the provider leaves it out); a short code or name as given. */
	from: string;
	/** The account's number (E.164, as `from`) or short code that received it. */
	to: string;
	text: string;
	/** The first word is an opt-out keyword (STOP, UNSUBSCRIBE, …; lib/keywords.ts). */
	optOut: boolean;
	/** The first word is an opt-in keyword (START, UNSTOP, YES). */
	optIn: boolean;
	/** The first word is HELP or INFO. */
	helpRequest: boolean;
	receivedAt: string;
}

export function inboundMessageEvent(fields: {
	provider: string;
	messageId: string;
	from: string;
	to: string;
	text: string;
	details?: IDataObject;
	raw: IDataObject;
}): InboundMessageEvent {
	return {
		event: 'inboundMessage',
		provider: fields.provider,
		messageId: fields.messageId,
		from: reportedNumberAsE164(fields.from),
		to: reportedNumberAsE164(fields.to),
		text: fields.text,
		...readComplianceKeywords(fields.text),
		...fields.details,
		receivedAt: new Date().toISOString(),
		raw: fields.raw,
	};
}
