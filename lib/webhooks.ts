import { timingSafeEqual } from 'node:crypto';
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { readComplianceKeywords } from './keywords';
import { isFailureStatus, type DeliveryStatus } from './status';

export type WebhookAuthentication = 'none' | 'headerAuth' | 'basicAuth';

/** Credential types of the two protections, defined once in credentials/ for every trigger. */
export const WEBHOOK_HEADER_AUTH = 'smsWebhookHeaderAuth';
export const WEBHOOK_BASIC_AUTH = 'smsWebhookBasicAuth';

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

/**
 * Checks the protection the user chose for the webhook URL (the providers sign nothing, so the
 * URL is the only secret unless a header or basic auth is added). Returns a rejection, or
 * undefined when the request may pass.
 */
export async function checkWebhookAuthentication(
	context: IWebhookFunctions,
): Promise<IWebhookResponseData | undefined> {
	const authentication = context.getNodeParameter('authentication', 'none') as WebhookAuthentication;
	if (authentication === 'none') return undefined;
	const headers = context.getHeaderData() as Record<string, string | undefined>;

	if (authentication === 'headerAuth') {
		const expected = await context.getCredentials<{ name: string; secret: string }>(WEBHOOK_HEADER_AUTH);
		const received = headers[expected.name.toLowerCase()];
		if (received === undefined || !sameSecret(received, expected.secret)) {
			return rejectWebhook(context, 401, 'Authorization is required');
		}
		return undefined;
	}

	const expected = await context.getCredentials<{ user: string; password: string }>(WEBHOOK_BASIC_AUTH);
	const given = parseBasicAuthorization(headers.authorization);
	if (!given || !sameSecret(given.user, expected.user) || !sameSecret(given.password, expected.password)) {
		return rejectWebhook(context, 401, 'Authorization is required');
	}
	return undefined;
}

function parseBasicAuthorization(header: string | undefined): { user: string; password: string } | undefined {
	if (!header?.toLowerCase().startsWith('basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return undefined;
	return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

function sameSecret(received: string, expected: string): boolean {
	const a = Buffer.from(received);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

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

export interface DeliveryReceiptEvent extends IDataObject {
	event: 'deliveryReceipt';
	provider: string;
	messageId: string;
	/** The shared status: route on this one whatever the provider. */
	status: DeliveryStatus;
	isFailure: boolean;
	/** The provider's own status, unchanged. */
	providerStatus: string;
	receivedAt: string;
}

export function deliveryReceiptEvent(fields: {
	provider: string;
	messageId: string;
	status: DeliveryStatus;
	providerStatus: string;
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
	/** The sender's phone number, as the provider gave it. */
	from: string;
	/** The account's number or short code that received it. */
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
		from: fields.from,
		to: fields.to,
		text: fields.text,
		...readComplianceKeywords(fields.text),
		...fields.details,
		receivedAt: new Date().toISOString(),
		raw: fields.raw,
	};
}
