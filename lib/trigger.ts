import {
	NodeConnectionTypes,
	type IDataObject,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { forgetEventIfNotStarted, isDuplicateEvent } from './event-memory';
import { ALL_EVENT_KINDS, type ProviderEventCheck, type ProviderEventKind } from './provider-events';
import { passesWebhookProtection } from './webhook-protection';

/**
 * The one webhook of a provider trigger. `onReceived` with an empty `responseData` makes n8n
 * answer after it has created the execution, with the body the node gives (startExecution);
 * without `responseData` n8n would send the literal text "firstEntryJson".
 */
export function providerEventWebhook(path: string): IWebhookDescription {
	return { name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: '', path };
}

/**
 * What every trigger's description has the same: a new node on the canvas is named after the node
 * (its display name), no input (the provider starts it), one output.
 */
export function triggerNodeBasics(displayName: string): Pick<INodeTypeDescription, 'defaults' | 'inputs' | 'outputs'> {
	return { defaults: { name: displayName }, inputs: [], outputs: [NodeConnectionTypes.Main] };
}

/**
 * The webhook lifecycle of a trigger whose address is set outside n8n (typed into the provider's
 * settings, or sent with each message): activation has nothing to create at the provider and
 * deactivation nothing to delete, and the node's static data (its duplicate memory) is left alone.
 */
export function nothingToRegisterWebhookMethods(): NonNullable<INodeType['webhookMethods']> {
	return {
		default: {
			checkExists: async () => true,
			create: async () => true,
			delete: async () => true,
		},
	};
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
	if (!(await passesWebhookProtection(context))) return rejectWebhook(context, 401, 'Authorization is required');

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

// ---------------------------------------------------------------------------------------------
// The wire: the request's body, and the answer

/**
 * The largest body a trigger reads. A provider's event is a few KB (ClickSend repeats an inbound
 * text in up to four fields, percent-encoded in a form: under 100 KB for the longest SMS); a larger
 * body is not an event, and reading it would put it into the execution data.
 */
export const MAX_EVENT_BODY_BYTES = 256 * 1024;

/** The size in bytes of the body as received (after n8n undid any Content-Encoding). */
export function webhookBodySize(context: IWebhookFunctions): number {
	const raw = (context.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	if (raw !== undefined) return Buffer.byteLength(raw);
	const declared = Number((context.getHeaderData() as Record<string, unknown>)['content-length']);
	return Number.isFinite(declared) ? declared : 0;
}

/**
 * The event body as an object, whether the provider posted JSON or a form. n8n parses both into
 * the body; a body n8n could not read (wrong content type) is read from the raw bytes here.
 */
export function readWebhookBody(context: IWebhookFunctions): IDataObject | undefined {
	const body = context.getBodyData();
	if (isPlainObject(body) && Object.keys(body).length > 0) return body;
	const raw = (context.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	const text = raw === undefined ? '' : raw.toString().trim();
	if (text === '') return undefined;
	if (text.startsWith('{')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			return isPlainObject(parsed) ? parsed : undefined;
		} catch {
			return undefined;
		}
	}
	const form = new URLSearchParams(text);
	const fields: IDataObject = {};
	for (const [key, value] of form) fields[key] = value;
	return Object.keys(fields).length > 0 ? fields : undefined;
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Answers the provider and starts no execution. */
export function rejectWebhook(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	const response = context.getResponseObject();
	if (status === 401 && context.getNodeParameter('authentication', 'none') === 'basicAuth') {
		response.setHeader('WWW-Authenticate', 'Basic realm="Webhook"');
	}
	response.status(status).json({ message });
	return { noWebhookResponse: true };
}

/** Acknowledges a valid event that the node's options filter out (or a duplicate): 200, no execution. */
export function acknowledgeWithoutRun(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	context.getResponseObject().status(200).json({ received: true, ignored: reason });
	return { noWebhookResponse: true };
}

/**
 * Starts one execution with these items. n8n answers the provider (200 `{"received": true}`)
 * only once it has created the execution, so an event answered before n8n stops is never lost;
 * the webhook description's empty `responseData` (see providerEventWebhook) makes n8n answer with
 * this body rather than its default text "firstEntryJson".
 */
export function startExecution(context: IWebhookFunctions, events: IDataObject[]): IWebhookResponseData {
	return { workflowData: [context.helpers.returnJsonArray(events)], webhookResponse: { received: true } };
}
