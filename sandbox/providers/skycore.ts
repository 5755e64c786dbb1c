/**
 * Skycore Messaging API v2, emulated from its contract (docs/providers/skycore.md, our summary of
 * Skycore's documentation): one account-specific endpoint URL (mounted here at
 * `/skycore`, so `<sandbox>/skycore` is what a credential's API Endpoint URL holds), a JSON POST
 * with `"action": "sendsms"` and an `x-api-key` header, answering `{"status":"Success", "tracking-id", …}`
 * or `{"status":"Failure", "error-code", "error-info", "to"}`.
 *
 * Where the spec is silent:
 * - every Failure comes with HTTP 200 (Skycore: "HTTP status may still be 200: check status");
 *   the body is checked before anything else only for the key;
 * - Skycore lists E100–E109 as authentication codes without saying which is which: the sandbox
 *   answers E100 for a body that is not a JSON object or has no valid `action` (Skycore's own
 *   E100 text), E103 for a missing `x-api-key`, E104 for a wrong one;
 * - numbers are international digits (Skycore's docs); the spec's examples write a leading `+`, so a
 *   `+` is accepted and echoed back as sent, a `00` prefix or anything not a digit is refused;
 * - `from-mask` longer than 11 characters is cut off, as the spec says Skycore does (the node
 *   refuses it before sending, so that nothing is cut silently);
 * - account-state refusals (IP whitelist, throughput, blacklist, request limit, billing, campaign
 *   check) cannot come from the request, so they are asked for by the receiver's last four digits;
 * - postbacks go to the one Postback URL of the account (Account › API Settings, no API), which
 *   the control route POST /_sandbox/skycore/postback-url sets.
 */
import { randomBytes } from 'node:crypto';

import { isJsonMediaType, mediaType } from '../http';
import { SANDBOX_KEYS } from '../keys';
import type { ProviderContext, ProviderDefinition, ProviderInstance, ProviderRequest, ProviderResponse } from '../provider';
import type { ProviderActionResult } from '../types';

export const SKYCORE_MAX_FROM_MASK = 11;

/** Refusals that depend on the account, not the request: asked for by the receiver's last four digits. */
export const SKYCORE_ACCOUNT_REFUSALS: Record<string, { code: string; info: string }> = {
	'9112': { code: 'E112', info: 'IP address is not whitelisted.' },
	'9113': { code: 'E113', info: 'Throughput exceeded.' },
	'9114': { code: 'E114', info: 'Receiver is blacklisted.' },
	'9120': { code: 'E120', info: 'API request limit exceeded.' },
	'9713': { code: 'E713', info: 'Billing error. Please contact your account manager.' },
	'9715': { code: 'E715', info: 'Receiver is not subscribed to the campaign.' },
};

const INVALID_REQUEST = 'Invalid request. Please make a valid JSON POST request with all the required variables.';
const INTERNATIONAL_DIGITS = /^\+?[1-9]\d{7,14}$/;
const SHORT_CODE = /^\d{3,8}$/;

export interface SkycoreAcceptedMessage {
	trackingId: string;
	to: string;
	from: string;
	messageText: string;
	fromMask: string | null;
	campaignRef: string | null;
	clickTracking: boolean;
	acceptedAt: string;
}

type Outcome = Array<{ code: string; status: string }>;

export const skycore: ProviderDefinition = {
	name: 'skycore',
	title: 'Skycore',

	describe: () => [
		`Auth: header x-api-key: ${SANDBOX_KEYS.skycore.apiKey}; endpoint URL = this /skycore address itself`,
		'Send: POST / {"action": "sendsms", "to": "17743199144", "from": "00000", "message-text": "…"}',
		'Refusals are HTTP 200 {"status": "Failure", "error-code"}; receivers ending 9112/9113/9114/9120/9713/9715 get that E-code.',
		'Postbacks: POST /_sandbox/skycore/postback-url {"url"} first; receiver ending 0000 → N201 + E202 Rejected,',
		'  0001 → E201 Failed, 0002 → N201 + E202 Expired, others → N201 + N202 Delivered.',
		'Inbound SMS: POST /_sandbox/skycore/inbound {"from", "to", "text"}.',
	],

	create: createSkycore,

	authenticate(request) {
		const key = request.headers['x-api-key'];
		if (key === undefined || key === '') return failure('E103', 'API key required.', request.body);
		return key === SANDBOX_KEYS.skycore.apiKey ? undefined : failure('E104', 'Invalid API key.', request.body);
	},

	notFound: () => ({ status: 404, body: '<html><body><h1>404 Not Found</h1></body></html>', contentType: 'text/html; charset=utf-8' }),

	methodNotAllowed: (request) => failure('E100', INVALID_REQUEST, request.body),

	invalidJson: () => failure('E100', INVALID_REQUEST, null),
};

function createSkycore(context: ProviderContext): ProviderInstance {
	const accepted: SkycoreAcceptedMessage[] = [];
	let postbackUrl: string | null = null;

	function send(request: ProviderRequest): ProviderResponse {
		const body = request.body;
		if (!isJsonMediaType(mediaType(request.contentType)) || typeof body !== 'object' || body === null || Array.isArray(body)) {
			return failure('E100', INVALID_REQUEST, body);
		}
		const fields = body as Record<string, unknown>;
		if (typeof fields.action !== 'string' || fields.action.trim().toLowerCase() !== 'sendsms') return failure('E100', INVALID_REQUEST, fields);

		const to = textOf(fields.to);
		if (to === '') return failure('E201', 'Receiver required.', fields);
		if (!INTERNATIONAL_DIGITS.test(to)) return failure('E110', 'Invalid Receiver.', fields);
		const from = textOf(fields.from);
		if (!SHORT_CODE.test(from) && !INTERNATIONAL_DIGITS.test(from)) return failure('E111', 'Invalid Sender.', fields);
		const messageText = typeof fields['message-text'] === 'string' ? fields['message-text'] : '';
		if (messageText.trim() === '') return failure('E712', 'Message text required.', fields);
		const optional = readOptionalFields(fields);
		if (!optional) return failure('E100', INVALID_REQUEST, fields);

		const refusal = SKYCORE_ACCOUNT_REFUSALS[to.slice(-4)];
		if (refusal) return failure(refusal.code, refusal.info, fields);

		const message: SkycoreAcceptedMessage = {
			trackingId: randomBytes(6).toString('hex'),
			to,
			from,
			messageText,
			...optional,
			acceptedAt: new Date().toISOString(),
		};
		accepted.push(message);
		if (postbackUrl) {
			for (const step of deliveryOutcome(to)) context.scheduleCallback(postbackUrl, deliveryPostback(message, step), { contentType: 'json' });
		}
		return {
			status: 200,
			body: {
				status: 'Success',
				'tracking-id': message.trackingId,
				to,
				from,
				'status-details': 'SMS request accepted and queued for delivery',
			},
		};
	}

	function setPostbackUrl(payload: unknown): ProviderActionResult {
		const url = (payload as { url?: unknown } | null)?.url;
		if (url === null || url === '') {
			postbackUrl = null;
			return { status: 200, body: { url: null } };
		}
		if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(url)) {
			return { status: 400, body: { error: 'url must be an absolute http(s) URL, or null to remove it' } };
		}
		postbackUrl = url;
		return { status: 200, body: { url } };
	}

	function receiveInbound(payload: unknown): ProviderActionResult {
		if (!postbackUrl) return { status: 409, body: { error: 'No postback URL: POST /_sandbox/skycore/postback-url {"url": "…"} first' } };
		const fields = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>;
		const from = textOf(fields.from);
		if (!INTERNATIONAL_DIGITS.test(from)) return { status: 400, body: { error: 'from must be a phone number in international digits, e.g. 17743199144' } };
		if (typeof fields.text !== 'string') return { status: 400, body: { error: 'text must be a string' } };
		const postback = {
			origin: 'SMS_MO',
			code: 'N211',
			from: from.replace(/^\+/, ''),
			to: textOf(fields.to) || '00000',
			'message-text': fields.text,
			'tracking-id': `smsmo${randomBytes(5).toString('hex')}`,
			timestamp: skycoreTimestamp(),
		};
		context.scheduleCallback(postbackUrl, postback, { contentType: 'json' });
		return { status: 202, body: { postback } };
	}

	return {
		routes: [{ method: 'POST', path: '/', handle: send }],
		views: {
			messages: () => accepted.map((message) => ({ ...message })),
			'postback-url': () => ({ url: postbackUrl }),
		},
		actions: { 'postback-url': setPostbackUrl, inbound: receiveInbound },
	};
}

function readOptionalFields(fields: Record<string, unknown>): Pick<SkycoreAcceptedMessage, 'fromMask' | 'campaignRef' | 'clickTracking'> | undefined {
	const { 'from-mask': fromMask, 'campaign-ref': campaignRef, 'click-tracking': clickTracking } = fields;
	if (fromMask !== undefined && fromMask !== null && typeof fromMask !== 'string') return undefined;
	if (campaignRef !== undefined && campaignRef !== null && typeof campaignRef !== 'string') return undefined;
	if (clickTracking !== undefined && clickTracking !== null && typeof clickTracking !== 'boolean') return undefined;
	return {
		// The spec: "The sender mask is limited to 11 characters beyond which it will be cut-off."
		fromMask: fromMask ? [...fromMask].slice(0, SKYCORE_MAX_FROM_MASK).join('') : null,
		campaignRef: campaignRef || null,
		clickTracking: clickTracking === true,
	};
}

/** The deterministic sandbox rule, so tests and demos can ask for each delivery code. */
export function deliveryOutcome(to: string): Outcome {
	const lastFour = to.slice(-4);
	if (lastFour === '0000') return [{ code: 'N201', status: 'Sent' }, { code: 'E202', status: 'Rejected' }];
	if (lastFour === '0001') return [{ code: 'E201', status: 'Failed' }];
	if (lastFour === '0002') return [{ code: 'N201', status: 'Sent' }, { code: 'E202', status: 'Expired' }];
	return [{ code: 'N201', status: 'Sent' }, { code: 'N202', status: 'Delivered' }];
}

function deliveryPostback(message: SkycoreAcceptedMessage, step: Outcome[number]): Record<string, string> {
	const postback: Record<string, string> = {
		origin: 'SMS_MT',
		code: step.code,
		'sent-as': 'SMS',
		status: step.status,
		from: message.from,
		to: message.to.replace(/^\+/, ''),
		'tracking-id': message.trackingId,
		'operator-id': '0001470',
		'operator-name': 'Sandbox Carrier',
		timestamp: skycoreTimestamp(),
	};
	if (message.campaignRef) postback['campaign-ref'] = message.campaignRef;
	if (message.fromMask) postback['from-mask'] = message.fromMask;
	return postback;
}

/** The spec's Failure body; `to` is "Always" there, written without `+` as in its example. */
function failure(code: string, info: string, body: unknown): ProviderResponse {
	const to = typeof body === 'object' && body !== null ? textOf((body as Record<string, unknown>).to).replace(/^\+/, '') : '';
	return { status: 200, body: { status: 'Failure', 'error-code': code, 'error-info': info, to } };
}

function textOf(value: unknown): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return typeof value === 'string' ? value.trim() : '';
}

/** As in Skycore's postback examples: `2021-01-26T18:00:07.990498+00:00`. */
function skycoreTimestamp(): string {
	return new Date().toISOString().replace('Z', '+00:00');
}
