/**
 * SMSCPR (Strategic Mobile) SMS API v1, emulated from its contract (docs/providers/smscpr.md, our
 * summary of SMSCPR's documentation). The base URL `https://api-sms.smscpr.com/v1` is
 * `<sandbox>/smscpr` here:
 * - `POST /sendsms` (also `POST /messages/sms`, the path of the spec's local-mock example) with
 *   `Authorization: Bearer <token>` and `{ servicePlanId, channel: "SMS", from, to, body, callbackUrl? }`
 *   → 202 with the DeliveryReceipt in status `QUEUED` and a `Location` header;
 * - `GET /messages/sms?servicePlanId=…&<at least one filter>` → newest first, cursor pagination;
 * - `GET /messages/sms/{msgId}?servicePlanId=…` → the DeliveryReceipt, 404 when unknown to the caller;
 * - a JSON DLR POSTed to the message's `callbackUrl`, and inbound (MO) messages on demand.
 *
 * The spec gives the statuses of the errors, not their bodies. `servicePlanId` is a 24-hex
 * MongoDB ObjectId, the mark of a Node/NestJS stack, so where the spec is silent this module answers
 * as NestJS does by default: `{ statusCode, message, error }` where `message` is a string, or a list
 * of strings for a failed validation (ValidationPipe), and `Cannot GET /path` for an unknown route.
 * The list body is `{ data: [...], pagination: { limit, nextCursor } }` (the spec names only
 * `pagination.nextCursor`).
 *
 * Sandbox rules (deterministic, listed in sandbox/README.md): the service plan decides 401 (inactive)
 * / 400 (incomplete configuration) / 404 (not provisioned), the sender decides 403 / 409 / 422, the
 * last four digits of `to` decide the DLR, and a raw body over 16 KiB is 413. The carrier answers
 * at once: the stored record takes its final status when the send is accepted (the 202 body is the
 * QUEUED snapshot) and the DLR is POSTed `callbackDelayMs` later.
 */
import { randomBytes } from 'node:crypto';

import { parsePhoneNumberFromString } from 'libphonenumber-js';

import { isJsonMediaType, mediaType } from '../http';
import { SANDBOX_KEYS } from '../keys';
import type { ProviderContext, ProviderDefinition, ProviderInstance, ProviderRequest, ProviderResponse } from '../provider';
import type { ProviderActionResult } from '../types';

export type SmscprStatus = 'QUEUED' | 'SENT' | 'DELIVERED' | 'FAILED' | 'UNKNOWN';
export const SMSCPR_STATUSES: readonly SmscprStatus[] = ['QUEUED', 'SENT', 'DELIVERED', 'FAILED', 'UNKNOWN'];

/** The DeliveryReceipt object: what send, status, list and the DLR callback all carry. */
export interface SmscprDeliveryReceipt {
	accountId: string;
	servicePlanId: string;
	msgId: string;
	channel: 'SMS';
	direction: 'MT';
	from: string;
	to: string;
	body: string;
	status: SmscprStatus;
	errorCode: string | null;
	errorMessage: string | null;
	country: string | null;
	mccmnc: string | null;
	price: number | null;
	ptf: number | null;
	createdAt: string;
	sentAt: string | null;
	callbackUrl: string | null;
}

export interface SmscprInboundMessage {
	servicePlanId: string;
	msgId: string;
	channel: 'SMS';
	direction: 'MO';
	from: string;
	to: string;
	keyword: string;
	body: string;
	receivedAt: string;
}

/** The account of the sandbox token (the spec's example account). */
export const SMSCPR_SANDBOX_ACCOUNT_ID = '111111111111111111111111';

/** Service plans the sandbox knows; any other 24-hex ID is not provisioned (404). */
export const SMSCPR_SANDBOX_PLANS = {
	ready: SANDBOX_KEYS.smscpr.servicePlanId,
	inactive: 'ffffffffffffffffffff0401',
	incomplete: 'ffffffffffffffffffff0400',
} as const;

/** Senders whose authorisation answers with the spec's sender errors (any case). */
export const SMSCPR_SANDBOX_SENDERS = { denied: 'DENIED', pending: 'PENDING', unrecognised: 'UNKNOWN' } as const;

const MAX_BODY_CHARACTERS = 1600;
const MAX_RECORD_BYTES = 16 * 1024;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;
const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
const SERVICE_PLAN_ID = /^[a-fA-F0-9]{24}$/;
const SHORT_CODE = /^\d{3,8}$/;
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/;
const MCCMNC = /^\d{5,6}$/;
const COUNTRY = /^[A-Z]{2}$/;
const E164_FORM = /^\+[1-9]\d{1,14}$/;
// The sandbox runs on http://127.0.0.1 and so does a local n8n: http is allowed to loopback only.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const LIST_FILTERS = ['from', 'to', 'status', 'country', 'mccmnc', 'fromDate', 'toDate'] as const;

type ListFilter = (typeof LIST_FILTERS)[number];
type Filters = Partial<Record<ListFilter, string>>;

export const smscpr: ProviderDefinition = {
	name: 'smscpr',
	title: 'SMSCPR',

	describe: () => [
		`Auth: header Authorization: Bearer ${SANDBOX_KEYS.smscpr.token}; servicePlanId ${SANDBOX_KEYS.smscpr.servicePlanId}`,
		'Send: POST /sendsms {"servicePlanId", "channel": "SMS", "from", "to", "body", "callbackUrl"} → 202 + Location',
		'List: GET /messages/sms?servicePlanId=…&<filter>; status: GET /messages/sms/{msgId}?servicePlanId=…',
		'DLR by the last four digits of to: 0000 → FAILED, 0001 → UNKNOWN, anything else → DELIVERED.',
		`Senders ${Object.values(SMSCPR_SANDBOX_SENDERS).join(' / ')} → 403 / 409 / 422; plan ${SMSCPR_SANDBOX_PLANS.inactive} → 401.`,
		'Inbound: POST /_sandbox/smscpr/inbound {"url", "from", "to", "body"}; seed the log: POST /_sandbox/smscpr/seed {"count"}.',
	],

	create: createSmscpr,

	authenticate(request) {
		const header = request.headers.authorization;
		const value = Array.isArray(header) ? header[0] : header;
		if (value === undefined || value.trim() === '') return unauthorized('Missing Bearer token');
		const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
		if (!match) return unauthorized('Malformed Authorization header: expected "Bearer <token>"');
		return match[1] === SANDBOX_KEYS.smscpr.token ? undefined : unauthorized('Invalid token');
	},

	notFound: (request) => nestError(404, `Cannot ${request.method.toUpperCase()} ${request.path}`),

	invalidJson: () => nestError(400, 'Request body is not valid JSON'),
};

function createSmscpr(context: ProviderContext): ProviderInstance {
	const records: SmscprDeliveryReceipt[] = [];

	function send(request: ProviderRequest): ProviderResponse {
		if (Buffer.byteLength(request.rawBody, 'utf8') > MAX_RECORD_BYTES) {
			return nestError(413, `The message record exceeds the maximum allowed size of ${MAX_RECORD_BYTES} bytes`);
		}
		if (!isJsonMediaType(mediaType(request.contentType))) return nestError(400, 'Content-Type must be application/json');
		const checked = readSendRequest(request.body);
		if ('problems' in checked) return nestError(400, checked.problems);

		const refusal = checkServicePlan(checked.send.servicePlanId) ?? checkSender(checked.send.from);
		if (refusal) return refusal;

		const now = new Date();
		const record: SmscprDeliveryReceipt = {
			accountId: SMSCPR_SANDBOX_ACCOUNT_ID,
			servicePlanId: checked.send.servicePlanId,
			msgId: uuidV7(now.getTime()),
			channel: 'SMS',
			direction: 'MT',
			from: checked.send.from,
			to: checked.send.to,
			body: checked.send.body,
			status: 'QUEUED',
			errorCode: null,
			errorMessage: null,
			country: parsePhoneNumberFromString(checked.send.to)?.country ?? null,
			mccmnc: null,
			price: null,
			ptf: null,
			createdAt: now.toISOString(),
			sentAt: null,
			callbackUrl: checked.send.callbackUrl,
		};
		const accepted = { ...record };
		Object.assign(record, carrierOutcome(record, now));
		records.push(record);
		if (record.callbackUrl) context.scheduleCallback(record.callbackUrl, deliveryCallback(record), { contentType: 'json' });
		return { status: 202, headers: { location: `/smscpr/messages/sms/${record.msgId}` }, body: accepted };
	}

	function list(request: ProviderRequest): ProviderResponse {
		const servicePlanId = queryValue(request, 'servicePlanId');
		const planProblem = servicePlanProblem(servicePlanId);
		if (planProblem) return nestError(400, [planProblem]);
		const refusal = checkServicePlan(servicePlanId!);
		if (refusal) return refusal;

		const query = readListQuery(request);
		if ('problems' in query) return nestError(400, query.problems);

		const matching = records
			.filter((record) => record.servicePlanId === servicePlanId && matchesFilters(record, query.filters))
			.sort(newestFirst)
			.filter((record) => !query.after || newestFirst(record, query.after) > 0);
		const page = matching.slice(0, query.limit);
		const last = page[page.length - 1];
		const nextCursor = matching.length > page.length && last ? encodeCursor(query.filters, last) : null;
		return { status: 200, body: { data: page.map(publicRecord), pagination: { limit: query.limit, nextCursor } } };
	}

	function status(request: ProviderRequest): ProviderResponse {
		const servicePlanId = queryValue(request, 'servicePlanId');
		const planProblem = servicePlanProblem(servicePlanId);
		if (planProblem) return nestError(400, [planProblem]);
		const refusal = checkServicePlan(servicePlanId!);
		if (refusal) return refusal;
		const record = records.find((candidate) => candidate.msgId === request.params.msgId && candidate.servicePlanId === servicePlanId);
		if (!record) return nestError(404, `Message ${request.params.msgId} not found`);
		return { status: 200, body: publicRecord(record) };
	}

	/** An inbound (MO) SMS, as the platform would POST it to the plan's inbound URL. */
	function inbound(body: unknown): ProviderActionResult {
		const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const missing = ['url', 'from', 'to', 'body'].filter((name) => typeof fields[name] !== 'string' || fields[name] === '');
		if (missing.length > 0) return { status: 400, body: { error: `Missing ${missing.join(', ')}` } };
		const text = fields.body as string;
		const message: SmscprInboundMessage = {
			servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId,
			msgId: uuidV7(Date.now()),
			channel: 'SMS',
			direction: 'MO',
			from: fields.from as string,
			to: fields.to as string,
			keyword: typeof fields.keyword === 'string' ? fields.keyword : (text.trim().split(/\s+/)[0] ?? ''),
			body: text,
			receivedAt: new Date().toISOString(),
		};
		context.scheduleCallback(fields.url as string, message, { contentType: 'json' });
		return { status: 202, body: message };
	}

	/** Past traffic for list tests: `count` delivered messages, one second apart, newest now. */
	function seed(body: unknown): ProviderActionResult {
		const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
		const count = Number(fields.count ?? 1);
		if (!Number.isInteger(count) || count < 1 || count > 10_000) return { status: 400, body: { error: 'count must be 1–10000' } };
		const newest = typeof fields.createdAt === 'string' ? Date.parse(fields.createdAt) : Date.now();
		const to = typeof fields.to === 'string' ? fields.to : '+15550002222';
		const created: string[] = [];
		for (let index = 0; index < count; index++) {
			const at = new Date(newest - index * 1000);
			const record: SmscprDeliveryReceipt = {
				accountId: SMSCPR_SANDBOX_ACCOUNT_ID,
				servicePlanId: SANDBOX_KEYS.smscpr.servicePlanId,
				msgId: uuidV7(at.getTime()),
				channel: 'SMS',
				direction: 'MT',
				from: typeof fields.from === 'string' ? fields.from : '+15550001111',
				to,
				body: `Seeded message ${index}`,
				status: 'QUEUED',
				errorCode: null,
				errorMessage: null,
				country: parsePhoneNumberFromString(to)?.country ?? null,
				mccmnc: null,
				price: null,
				ptf: null,
				createdAt: at.toISOString(),
				sentAt: null,
				callbackUrl: null,
			};
			Object.assign(record, carrierOutcome(record, at));
			records.push(record);
			created.push(record.msgId);
		}
		return { status: 201, body: { created: created.length, msgIds: created } };
	}

	return {
		routes: [
			{ method: 'POST', path: '/sendsms', handle: send },
			{ method: 'POST', path: '/messages/sms', handle: send },
			{ method: 'GET', path: '/messages/sms', handle: list },
			{ method: 'GET', path: '/messages/sms/:msgId', handle: status },
		],
		views: { messages: () => records.map(publicRecord) },
		actions: { inbound, seed },
	};
}

/** The deterministic sandbox rule, so tests and demos can ask for a failed delivery. */
export function carrierOutcome(
	record: Pick<SmscprDeliveryReceipt, 'to' | 'country'>,
	at: Date,
): Pick<SmscprDeliveryReceipt, 'status' | 'errorCode' | 'errorMessage' | 'mccmnc' | 'price' | 'sentAt'> {
	const lastFour = record.to.slice(-4);
	const sentAt = at.toISOString();
	if (lastFour === '0000') {
		return { status: 'FAILED', errorCode: '005', errorMessage: 'Rejected by the carrier (sandbox rule: number ends in 0000)', mccmnc: networkOf(record.country), price: null, sentAt };
	}
	if (lastFour === '0001') {
		return { status: 'UNKNOWN', errorCode: '999', errorMessage: 'No final status from the carrier (sandbox rule: number ends in 0001)', mccmnc: null, price: null, sentAt };
	}
	return { status: 'DELIVERED', errorCode: '000', errorMessage: 'No error', mccmnc: networkOf(record.country), price: 0.0075, sentAt };
}

/** The DLR body: the DeliveryReceipt without the fields only the API shows. */
function deliveryCallback(record: SmscprDeliveryReceipt): Record<string, unknown> {
	const { accountId, servicePlanId, msgId, channel, direction, from, to, body, status, errorCode, errorMessage } = record;
	return { accountId, servicePlanId, msgId, channel, direction, from, to, body, status, errorCode, errorMessage };
}

function publicRecord(record: SmscprDeliveryReceipt): SmscprDeliveryReceipt {
	return { ...record };
}

function networkOf(country: string | null): string {
	if (country === 'US' || country === 'PR') return '310260';
	if (country === 'GB') return '23410';
	return '00101';
}

interface SendRequest {
	servicePlanId: string;
	from: string;
	to: string;
	body: string;
	callbackUrl: string | null;
}

function readSendRequest(body: unknown): { send: SendRequest } | { problems: string[] } {
	if (body === null || typeof body !== 'object') return { problems: ['Request body must be a JSON object'] };
	if (Array.isArray(body)) return { problems: ['Request body must be a single message object, not a list'] };
	const fields = body as Record<string, unknown>;
	const problems: string[] = [];
	const text = (name: string): string => {
		const value = fields[name];
		if (typeof value !== 'string' || value === '') {
			problems.push(`${name} must be a non-empty string`);
			return '';
		}
		return value;
	};
	const servicePlanId = text('servicePlanId');
	const channel = text('channel');
	const from = text('from');
	const to = text('to');
	const messageBody = text('body');

	if (servicePlanId && !SERVICE_PLAN_ID.test(servicePlanId)) problems.push('servicePlanId must be a 24-character hex identifier');
	if (channel && channel !== 'SMS') problems.push('channel must be one of the following values: SMS');
	if (from && !isValidSender(from)) {
		problems.push('from must be a 3-8 digit short code, an E.164 phone number, or an alphanumeric sender ID (up to 11 chars, must contain a letter)');
	}
	if (to && !isE164(to)) problems.push('to must be a phone number in E.164 format');
	if ([...messageBody].length > MAX_BODY_CHARACTERS) problems.push(`body must be shorter than or equal to ${MAX_BODY_CHARACTERS} characters`);

	let callbackUrl: string | null = null;
	if (fields.callbackUrl !== undefined && fields.callbackUrl !== null && fields.callbackUrl !== '') {
		const problem = typeof fields.callbackUrl === 'string' ? callbackUrlProblem(fields.callbackUrl) : 'callbackUrl must be a URL string';
		if (problem) problems.push(problem);
		else callbackUrl = fields.callbackUrl as string;
	}
	if (problems.length > 0) return { problems };
	return { send: { servicePlanId, from, to, body: messageBody, callbackUrl } };
}

function isValidSender(from: string): boolean {
	return SHORT_CODE.test(from) || ALPHANUMERIC_SENDER.test(from) || isE164(from);
}

/**
 * SMSCPR checks the E.164 form (`+`, then up to 15 digits, no leading 0), not that the number
 * exists: the spec's own examples use the fictional +1 555 000 xxxx numbers.
 */
function isE164(value: string): boolean {
	return E164_FORM.test(value);
}

function callbackUrlProblem(value: string): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'callbackUrl must be a URL address';
	}
	if (url.hostname.includes('_')) return 'callbackUrl must have a valid hostname without underscores';
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
	return 'callbackUrl must use https (the sandbox also allows http to localhost and 127.0.0.1)';
}

function servicePlanProblem(value: string | undefined): string | undefined {
	if (value === undefined || value === '') return 'servicePlanId should not be empty';
	return SERVICE_PLAN_ID.test(value) ? undefined : 'servicePlanId must be a 24-character hex identifier';
}

function checkServicePlan(servicePlanId: string): ProviderResponse | undefined {
	const plan = servicePlanId.toLowerCase();
	if (plan === SMSCPR_SANDBOX_PLANS.ready) return undefined;
	if (plan === SMSCPR_SANDBOX_PLANS.inactive) return unauthorized('Service plan is not active');
	if (plan === SMSCPR_SANDBOX_PLANS.incomplete) return nestError(400, 'Service plan configuration is incomplete');
	return nestError(404, 'Service plan is not provisioned for this account');
}

function checkSender(from: string): ProviderResponse | undefined {
	const sender = from.toUpperCase();
	if (sender === SMSCPR_SANDBOX_SENDERS.denied) return nestError(403, `Sender ${from} is not authorized for this account and service plan`);
	if (sender === SMSCPR_SANDBOX_SENDERS.pending) return nestError(409, `Sender ${from} subscription is pending approval`);
	if (sender === SMSCPR_SANDBOX_SENDERS.unrecognised) return nestError(422, `Sender ${from} subscription status is not recognized`);
	return undefined;
}

interface ListQuery {
	filters: Filters;
	limit: number;
	/** The last record of the previous page (from the cursor). */
	after?: Pick<SmscprDeliveryReceipt, 'createdAt' | 'msgId'>;
}

function readListQuery(request: ProviderRequest): ListQuery | { problems: string[] } {
	const problems: string[] = [];
	let filters: Filters = {};
	for (const name of LIST_FILTERS) {
		const value = queryValue(request, name);
		if (value !== undefined && value !== '') filters[name] = value;
	}
	const cursor = queryValue(request, 'cursor');
	let after: ListQuery['after'];
	if (cursor !== undefined && cursor !== '') {
		const decoded = decodeCursor(cursor);
		if (!decoded) return { problems: ['cursor is not valid'] };
		// The cursor carries the filters of the search it continues.
		filters = decoded.filters;
		after = decoded.after;
	}
	if (Object.keys(filters).length === 0 && !after) {
		return {
			problems: ['Provide at least one filter in addition to servicePlanId: from, to, status, country, mccmnc, fromDate, toDate, or cursor'],
		};
	}

	if (filters.status !== undefined && !SMSCPR_STATUSES.includes(filters.status as SmscprStatus)) {
		problems.push(`status must be one of the following values: ${SMSCPR_STATUSES.join(', ')}`);
	}
	if (filters.country !== undefined && !COUNTRY.test(filters.country)) problems.push('country must be an ISO 3166-1 alpha-2 code');
	if (filters.mccmnc !== undefined && !MCCMNC.test(filters.mccmnc)) problems.push('mccmnc must be 5 or 6 digits');
	const fromDate = readDate(filters.fromDate, 'fromDate', problems);
	const toDate = readDate(filters.toDate, 'toDate', problems);
	if (fromDate !== undefined && toDate !== undefined) {
		if (fromDate > toDate) problems.push('fromDate must not be after toDate');
		else if (toDate - fromDate > MAX_WINDOW_MS) problems.push('The window between fromDate and toDate may not exceed 31 days');
	}

	let limit = DEFAULT_LIMIT;
	const rawLimit = queryValue(request, 'limit');
	if (rawLimit !== undefined && rawLimit !== '') {
		const parsed = Number(rawLimit);
		if (!Number.isInteger(parsed) || parsed < 1) problems.push('limit must be a positive integer');
		else limit = Math.min(parsed, MAX_LIMIT);
	}
	if (problems.length > 0) return { problems };
	return { filters, limit, after };
}

function readDate(value: string | undefined, name: string, problems: string[]): number | undefined {
	if (value === undefined) return undefined;
	const time = Date.parse(value);
	if (Number.isNaN(time) || !/^\d{4}-\d{2}-\d{2}/.test(value)) {
		problems.push(`${name} must be a valid ISO 8601 date string`);
		return undefined;
	}
	return time;
}

function matchesFilters(record: SmscprDeliveryReceipt, filters: Filters): boolean {
	if (filters.from !== undefined && record.from !== filters.from) return false;
	if (filters.to !== undefined && record.to !== filters.to) return false;
	if (filters.status !== undefined && record.status !== filters.status) return false;
	if (filters.country !== undefined && record.country !== filters.country) return false;
	if (filters.mccmnc !== undefined && record.mccmnc !== filters.mccmnc) return false;
	const created = Date.parse(record.createdAt);
	if (filters.fromDate !== undefined && created < Date.parse(filters.fromDate)) return false;
	if (filters.toDate !== undefined && created > Date.parse(filters.toDate)) return false;
	return true;
}

/** Newest first by createdAt, ties broken by msgId (the spec's order). */
function newestFirst(a: Pick<SmscprDeliveryReceipt, 'createdAt' | 'msgId'>, b: Pick<SmscprDeliveryReceipt, 'createdAt' | 'msgId'>): number {
	if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
	if (a.msgId === b.msgId) return 0;
	return a.msgId < b.msgId ? 1 : -1;
}

function encodeCursor(filters: Filters, last: SmscprDeliveryReceipt): string {
	return Buffer.from(JSON.stringify({ f: filters, c: last.createdAt, m: last.msgId })).toString('base64url');
}

function decodeCursor(cursor: string): { filters: Filters; after: ListQuery['after'] } | undefined {
	try {
		const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { f?: unknown; c?: unknown; m?: unknown };
		if (typeof parsed.c !== 'string' || typeof parsed.m !== 'string' || typeof parsed.f !== 'object' || parsed.f === null) return undefined;
		return { filters: parsed.f as Filters, after: { createdAt: parsed.c, msgId: parsed.m } };
	} catch {
		return undefined;
	}
}

function queryValue(request: ProviderRequest, name: string): string | undefined {
	const value = request.query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** A time-ordered UUID (version 7), the form of the spec's example IDs. */
function uuidV7(milliseconds: number): string {
	const bytes = randomBytes(16);
	const time = BigInt(milliseconds);
	for (let index = 0; index < 6; index++) bytes[index] = Number((time >> BigInt(8 * (5 - index))) & 0xffn);
	bytes[6] = (bytes[6] & 0x0f) | 0x70;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	404: 'Not Found',
	409: 'Conflict',
	413: 'Payload Too Large',
	422: 'Unprocessable Entity',
	429: 'Too Many Requests',
};

/** NestJS's default error body: `message` is a list of problems for a failed validation. */
function nestError(status: number, message: string | string[]): ProviderResponse {
	return { status, body: { statusCode: status, message, error: STATUS_TEXT[status] ?? 'Error' } };
}

function unauthorized(message: string): ProviderResponse {
	return { ...nestError(401, message), headers: { 'www-authenticate': 'Bearer' } };
}
