import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeCredentialDescription,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { forgetEventIfNotStarted, isDuplicateEvent } from './event-memory';
import {
	acknowledgeWithoutRun,
	checkWebhookAuthentication,
	MAX_EVENT_BODY_BYTES,
	readWebhookBody,
	rejectWebhook,
	startExecution,
	WEBHOOK_BASIC_AUTH,
	WEBHOOK_HEADER_AUTH,
	webhookBodySize,
} from './webhooks';

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

/**
 * The one webhook of a provider trigger. `onReceived` with an empty `responseData` makes n8n
 * answer after it has created the execution, with the body the node gives (startExecution);
 * without `responseData` n8n would send the literal text "firstEntryJson".
 */
export function providerEventWebhook(path: string): IWebhookDescription {
	return { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path };
}

/** What every trigger's description has the same: no input (the provider starts it), one output. */
export function triggerNodeConnections(): Pick<INodeTypeDescription, 'inputs' | 'outputs'> {
	return { inputs: [], outputs: [NodeConnectionTypes.Main] };
}

/**
 * The credentials of the Authentication choice every trigger offers; new objects for each node,
 * since n8n keeps a node's description as its own.
 */
export function webhookProtectionCredentials(): INodeCredentialDescription[] {
	return [
		{ name: WEBHOOK_HEADER_AUTH, required: true, displayOptions: { show: { authentication: ['headerAuth'] } } },
		{ name: WEBHOOK_BASIC_AUTH, required: true, displayOptions: { show: { authentication: ['basicAuth'] } } },
	];
}

/**
 * A trigger's webhook(): every event through receiveProviderEvent with the provider's reader. n8n
 * calls it with the request's context as `this`, so it is a function.
 */
export function triggerWebhook(
	readEvent: (body: IDataObject | undefined) => ProviderEventCheck,
): NonNullable<INodeType['webhook']> {
	return async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveProviderEvent(this, readEvent);
	};
}

/**
 * The path of every provider event through a trigger: the URL's protection first (so a stranger
 * learns nothing about the body), then the body's size (413 above MAX_EVENT_BODY_BYTES), the
 * provider's reading of the body (400 if it is not the provider's event), the Events choice,
 * duplicates, Only Failures, Only Opt-Outs, and one execution.
 * A trigger without an Events parameter takes every kind its reader returns.
 */
export async function receiveProviderEvent(
	context: IWebhookFunctions,
	readEvent: (body: IDataObject | undefined) => ProviderEventCheck,
): Promise<IWebhookResponseData> {
	const rejected = await checkWebhookAuthentication(context);
	if (rejected) return rejected;

	if (webhookBodySize(context) > MAX_EVENT_BODY_BYTES) {
		return rejectWebhook(context, 413, `The body is larger than ${MAX_EVENT_BODY_BYTES / 1024} KiB: not a provider event`);
	}
	const received = readEvent(readWebhookBody(context));
	if (!received.valid) return rejectWebhook(context, 400, received.reason);

	const wanted = context.getNodeParameter('events', ALL_EVENT_KINDS) as ProviderEventKind[];
	if (!wanted.includes(received.kind)) return acknowledgeWithoutRun(context, 'event not selected');

	const options = context.getNodeParameter('options', {}) as IDataObject;
	// Providers post again when they think a delivery was lost, so the same event can come twice.
	if (options.ignoreDuplicates !== false) {
		if (isDuplicateEvent(context, received.eventKey)) return acknowledgeWithoutRun(context, 'duplicate');
		forgetEventIfNotStarted(context, received.eventKey);
	}
	// Only Failures is about receipts: an inbound SMS is never a failure and always passes.
	if (options.onlyFailures === true && received.kind === 'deliveryReceipt' && received.event.isFailure !== true) {
		return acknowledgeWithoutRun(context, 'not a failure');
	}
	// Only Opt-Outs is about inbound SMS, as Only Failures is about receipts: the two combine.
	if (options.onlyOptOuts === true && received.kind === 'inboundMessage' && received.event.optOut !== true) {
		return acknowledgeWithoutRun(context, 'not an opt-out');
	}
	// eventKey goes out with the event, so a workflow can deduplicate on it with n8n's own nodes.
	return startExecution(context, [{ ...received.event, eventKey: received.eventKey }]);
}
