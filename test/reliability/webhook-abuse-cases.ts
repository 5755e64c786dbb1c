import { gzipSync } from 'node:zlib';

import type { IDataObject, INodeType } from 'n8n-workflow';

import { ClearLineTrigger } from '../../nodes/ClearLine/ClearLineTrigger.node';
import { ClickSendTrigger } from '../../nodes/ClickSend/ClickSendTrigger.node';
import { SkycoreTrigger } from '../../nodes/Skycore/SkycoreTrigger.node';
import { SmscprTrigger } from '../../nodes/Smscpr/SmscprTrigger.node';
import type { ProviderName } from '../../sandbox/types';
import { SPEC_RECEIPT } from '../nodes/ClickSend/clicksend-trigger-fixtures';
import { SPEC_DELIVERY, SPEC_INBOUND } from '../nodes/Skycore/skycore-fixtures';
import { SPEC_DLR, SPEC_MO } from '../nodes/Smscpr/smscpr-fixtures';

/**
 * The providers' own webhook bodies, as docs/providers/*.md describe them and the trigger
 * tests give them: each trigger's valid receipt, and the foreign payloads posted to the others.
 */
export const PAYLOADS = {
	/** clearline.md, Delivery Status Callback. */
	clearlineReceipt: {
		messageId: 'a3f1c2d4-0000-4000-8000-000000000001',
		deliveryStatus: 'DeliveredFailed',
		externalDeliveryStatus: 'Rejected',
		reasonText: 'Rejected by the carrier',
	},
	/** clicksend.md, "Create Test SMS Receipt". */
	clicksendReceipt: SPEC_RECEIPT,
	/** clicksend.md, "Create Test Inbound SMS". */
	clicksendInbound: {
		timestamp_send: 1722580202,
		from: '+61487722156',
		body: 'This is a test incoming SMS. E8PWYYVFWK.',
		original_body: 'This is the original message. LSGRMF3FOW.',
		original_message_id: '00DD4A0B-FC0F-4FFB-9A95-4BACC477C372',
		to: '+61411111111',
		custom_string: 'Test custom string ',
		message_id: '7E0F75B6-8CE0-4202-B589-8BA8E5CBA661',
	},
	/** skycore.md, SMS MT postback v2 (N201). */
	skycoreDelivery: SPEC_DELIVERY,
	/** skycore.md, SMS MO postback v2 (N211). */
	skycoreInbound: SPEC_INBOUND,
	/** smscpr.md, delivery receipt (DLR). */
	smscprReceipt: SPEC_DLR,
	/** smscpr.md, inbound (MO). */
	smscprInbound: SPEC_MO,
	/** What Amigo's own status webhook receives (Twilio's status callback): no trigger reads it. */
	twilioStatus: {
		MessageSid: 'SM0123456789abcdef0123456789abcdef',
		MessageStatus: 'delivered',
		AccountSid: 'AC0123456789abcdef0123456789abcdef',
		From: '+15550001111',
		To: '+15550002222',
	},
} satisfies Record<string, IDataObject>;

export type PayloadName = keyof typeof PAYLOADS;

export interface ProviderTrigger {
	provider: ProviderName;
	nodeType: new () => INodeType;
	nodeName: string;
	/** The Basic Auth user of the trigger's credential (the password is TEST_WEBHOOK_PASSWORD). */
	basicAuthUser: string;
	/** Node parameters besides authentication and options. */
	parameters: Record<string, unknown>;
	/** The field of the receipt that is the message ID (and so part of the duplicate key). */
	idField: string;
	/** This provider's payloads: the first is the receipt every case posts. */
	own: PayloadName[];
}

export const TRIGGERS: ProviderTrigger[] = [
	{
		provider: 'clearline',
		nodeType: ClearLineTrigger,
		nodeName: 'ClearLine Trigger',
		basicAuthUser: 'clearline',
		parameters: {},
		idField: 'messageId',
		own: ['clearlineReceipt'],
	},
	{
		provider: 'clicksend',
		nodeType: ClickSendTrigger,
		nodeName: 'ClickSend Trigger',
		basicAuthUser: 'clicksend',
		parameters: {},
		idField: 'message_id',
		own: ['clicksendReceipt', 'clicksendInbound'],
	},
	{
		provider: 'skycore',
		nodeType: SkycoreTrigger,
		nodeName: 'Skycore Trigger',
		basicAuthUser: 'skycore',
		parameters: {},
		idField: 'tracking-id',
		own: ['skycoreDelivery', 'skycoreInbound'],
	},
	{
		provider: 'smscpr',
		nodeType: SmscprTrigger,
		nodeName: 'SMSCPR Trigger',
		basicAuthUser: 'smscpr',
		// Both kinds, as the SMSCPR trigger tests configure it.
		parameters: { events: ['deliveryReceipt', 'inboundMessage'] },
		idField: 'msgId',
		own: ['smscprReceipt', 'smscprInbound'],
	},
];

/** The trigger's valid receipt, with another message ID when one is given. */
export function receiptOf(trigger: ProviderTrigger, messageId?: string): IDataObject {
	const receipt: IDataObject = { ...PAYLOADS[trigger.own[0]] };
	if (messageId !== undefined) receipt[trigger.idField] = messageId;
	return receipt;
}

/** Every payload another provider (or Amigo's Twilio webhook) would post: never this trigger's event. */
export function foreignPayloads(trigger: ProviderTrigger): PayloadName[] {
	return (Object.keys(PAYLOADS) as PayloadName[]).filter((name) => !trigger.own.includes(name));
}

/** What a case posts: the bytes as they go on the wire, and their labels. */
export interface RawRequest {
	body: string | Buffer;
	/** Undefined: no Content-Type header at all. */
	contentType: string | undefined;
	headers?: Record<string, string>;
}

/** What the trigger must answer a body case. */
export interface BodyExpectation {
	status: number;
	/** How many executions the post starts: 0 or 1. */
	executions: number;
	/** The answer's `message` (a 4xx) when it is worth pinning down. */
	message?: string | RegExp;
}

export interface BodyCase {
	name: string;
	request(trigger: ProviderTrigger): RawRequest;
	expected: BodyExpectation;
}

const ONE_MB = 1024 * 1024;

const json = (body: string | Buffer, contentType: string | undefined = 'application/json'): RawRequest => ({ body, contentType });

function asXml(fields: IDataObject): string {
	const escape = (value: unknown) => String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;');
	const elements = Object.entries(fields).map(([name, value]) => `<${name}>${escape(value)}</${name}>`);
	return `<?xml version="1.0" encoding="UTF-8"?><receipt>${elements.join('')}</receipt>`;
}

/** Junk that is not JSON and not a form either: no `=` or `&`. */
const junk = (bytes: number) => 'abcdefghij'.repeat(Math.ceil(bytes / 10)).slice(0, bytes);

const BAD_BODY: RegExp = /^(The body is empty|Not an? )/;

/**
 * Bodies a stranger, a scanner or a misconfigured provider may post. Where n8n itself refuses the
 * body (422 "Failed to parse request body") the node never runs; everything else reaches the node.
 *
 * Not here: a malformed XML body (e.g. JSON sent as application/xml). n8n's shared xml2js parser
 * (mirrored by the harness) never settles a second parse error in the same process, so the
 * second such request hangs: that is n8n's body parser, before any node runs.
 */
export const BODY_CASES: BodyCase[] = [
	// Malformed JSON: n8n answers 422 before the node runs.
	{
		name: 'malformed JSON (a receipt cut short)',
		request: (trigger) => json(JSON.stringify(receiptOf(trigger)).slice(0, 30)),
		expected: { status: 422, executions: 0, message: 'Failed to parse request body' },
	},
	{
		name: 'malformed JSON (single quotes, trailing comma)',
		request: () => json("{'messageId': 'abc', 'status': 'DELIVERED',}"),
		expected: { status: 422, executions: 0, message: 'Failed to parse request body' },
	},
	// JSON that is not an object: the node reads nothing from it.
	{ name: 'JSON null', request: () => json('null'), expected: { status: 400, executions: 0, message: BAD_BODY } },
	{ name: 'a JSON string', request: () => json('"hello"'), expected: { status: 400, executions: 0, message: BAD_BODY } },
	{ name: 'a JSON number', request: () => json('42'), expected: { status: 400, executions: 0, message: BAD_BODY } },
	{
		name: 'a JSON array holding the valid receipt',
		request: (trigger) => json(JSON.stringify([receiptOf(trigger)])),
		expected: { status: 400, executions: 0, message: BAD_BODY },
	},
	{ name: 'an empty JSON object', request: () => json('{}'), expected: { status: 400, executions: 0, message: BAD_BODY } },
	// Empty bodies.
	{ name: 'an empty body labelled JSON', request: () => json(''), expected: { status: 400, executions: 0, message: BAD_BODY } },
	{ name: 'an empty body without Content-Type', request: () => json('', undefined), expected: { status: 400, executions: 0, message: BAD_BODY } },
	{ name: 'a body of blanks', request: () => json(' \r\n\t ', 'text/plain'), expected: { status: 400, executions: 0, message: BAD_BODY } },
	// Wrong content types.
	{
		name: 'the receipt’s fields as XML (application/xml)',
		request: (trigger) => json(asXml(receiptOf(trigger)), 'application/xml'),
		expected: { status: 400, executions: 0, message: BAD_BODY },
	},
	{
		name: 'a sentence as text/plain',
		request: () => json('please deliver this message', 'text/plain'),
		expected: { status: 400, executions: 0, message: BAD_BODY },
	},
	{
		name: 'the receipt’s JSON labelled as a form',
		request: (trigger) => json(JSON.stringify(receiptOf(trigger)), 'application/x-www-form-urlencoded'),
		expected: { status: 400, executions: 0, message: BAD_BODY },
	},
	{
		name: 'binary junk as application/octet-stream',
		request: () => json(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b, 0x80, 0x9f]), 'application/octet-stream'),
		expected: { status: 400, executions: 0, message: BAD_BODY },
	},
	// The body decides, not the label (readWebhookBody reads raw bytes n8n left unparsed): the
	// provider's own receipt with a wrong or missing Content-Type is still the provider's receipt.
	{
		name: 'the valid receipt labelled text/plain (read: the body decides)',
		request: (trigger) => json(JSON.stringify(receiptOf(trigger)), 'text/plain'),
		expected: { status: 200, executions: 1 },
	},
	{
		name: 'the valid receipt without Content-Type (read: the body decides)',
		request: (trigger) => json(JSON.stringify(receiptOf(trigger)), undefined),
		expected: { status: 200, executions: 1 },
	},
	// Size: an SMS event is a few KB; above MAX_EVENT_BODY_BYTES (256 KiB) the node refuses it.
	{
		name: 'a 1 MB body: the valid receipt with a 1 MB string field',
		request: (trigger) => json(JSON.stringify({ ...receiptOf(trigger), padding: 'x'.repeat(ONE_MB) })),
		expected: { status: 413, executions: 0, message: /larger than 256 KiB/ },
	},
	{
		name: 'a 1 MB body: a JSON object of one 1 MB string',
		request: () => json(JSON.stringify({ data: 'x'.repeat(ONE_MB) })),
		expected: { status: 413, executions: 0, message: /larger than 256 KiB/ },
	},
	{
		name: 'a 1 MB body: junk as text/plain',
		request: () => json(junk(ONE_MB), 'text/plain'),
		expected: { status: 413, executions: 0, message: /larger than 256 KiB/ },
	},
	{
		name: 'a 1 MB body: junk labelled JSON (n8n refuses it)',
		request: () => json(junk(ONE_MB)),
		expected: { status: 422, executions: 0, message: 'Failed to parse request body' },
	},
	{
		name: 'a 1 MB body gzip-compressed to a few KB (measured after n8n inflates it)',
		request: (trigger) => ({
			...json(gzipSync(JSON.stringify({ ...receiptOf(trigger), padding: 'x'.repeat(ONE_MB) }))),
			headers: { 'content-encoding': 'gzip' },
		}),
		expected: { status: 413, executions: 0, message: /larger than 256 KiB/ },
	},
	{
		name: 'control: the valid receipt padded to 200 KB (under the limit) still runs',
		request: (trigger) => json(JSON.stringify({ ...receiptOf(trigger), padding: 'x'.repeat(200 * 1024) })),
		expected: { status: 200, executions: 1 },
	},
];

/** Fields no provider sends, some named like the trigger's own output to try to override it. */
export const UNEXPECTED_FIELDS: IDataObject = {
	unexpected: { nested: [1, 2, { deep: true }] },
	event: 'inboundMessage',
	provider: 'someone-else',
	isFailure: 'yes',
	receivedAt: '1970-01-01T00:00:00.000Z',
	raw: 'not the raw body',
};

/** The same with keys that pollute a prototype when merged carelessly (only JSON text has them as own keys). */
export function withPrototypeKeys(body: IDataObject): string {
	const text = JSON.stringify({ ...body, ...UNEXPECTED_FIELDS });
	return `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${text.slice(1)}`;
}
