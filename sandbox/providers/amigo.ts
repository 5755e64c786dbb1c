/**
 * Amigo Platform API, emulated from its contract (docs/providers/amigo.md): POST /v1/sms/ with
 * `Authorization: Bearer <workspace API key>` and `{ use_case_id, to_phone_number, message }`,
 * answering 201 with the outbound message record (`from_number` and `num_segments` null until the
 * carrier hand-off, status `pending`), and 404 / 422 for the reasons the spec lists.
 *
 * The spec names the error conditions but not the bodies. Amigo's Platform API is a FastAPI
 * application (its OpenAPI titles are Pydantic's, e.g. `PaginatedResponse[ApiKeyResponse]`), so where
 * the spec is silent this module answers as FastAPI does by default:
 * - a refusal with a reason → `{ "detail": "<reason>" }` (HTTPException);
 * - a body that fails the model → 422 `{ "detail": [{ type, loc, msg, input, ctx? }] }`, every
 *   field at once, as Pydantic v2 reports it (a body that does not parse: `json_invalid`);
 * - missing or wrong bearer key → 401 `{ "detail": ... }` with `WWW-Authenticate: Bearer`, checked
 *   before the body;
 * - an unknown path → 404 `{ "detail": "Not Found" }`, another method → 405 `{ "detail":
 *   "Method Not Allowed" }` with `Allow`. Paths are case-sensitive; the trailing slash is optional.
 * Amigo's rate-limit page documents `X-RateLimit-Limit/-Remaining/-Reset` on responses and
 * `Retry-After` on a 429: every answer of a route carries the first three (nothing is enforced), and
 * an injected 429 fault gets them too (`Remaining: 0`).
 *
 * Sandbox rules (deterministic, documented in sandbox/README.md): the use case decides the
 * use-case reasons (AMIGO_SANDBOX_USE_CASES; any other UUID is unknown → 404), the destination
 * decides the others: not a real number or a landline (libphonenumber's full metadata), a number
 * ending in 7867 (STOP on a keypad) has opted out, a country other than US / CA is not permitted.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithFullMetadata } from 'libphonenumber-js/max';

import { isJsonMediaType, mediaType } from '../http';
import { SANDBOX_KEYS } from '../keys';
import type { ProviderDefinition, ProviderInstance, ProviderRequest, ProviderResponse } from '../provider';

export type AmigoMessageStatus = 'pending' | 'sent' | 'delivered' | 'failed' | 'undelivered';

/** The Response (201) table of the spec, field for field. */
export interface AmigoMessageRecord {
	id: string;
	use_case_id: string;
	message_sid: string;
	from_number: string | null;
	to_number: string;
	body: string;
	num_segments: number | null;
	status: AmigoMessageStatus;
	handed_off_at: string | null;
	delivered_at: string | null;
	errored_at: string | null;
	error_code: number | null;
	created_at: string;
	updated_at: string;
}

/** One item of a FastAPI / Pydantic v2 validation error. */
export interface AmigoValidationIssue {
	type: string;
	loc: Array<string | number>;
	msg: string;
	input: unknown;
	ctx?: Record<string, unknown>;
}

type UseCaseState = 'ready' | 'noPhoneNumber' | 'noA2pCampaign' | 'brandSuspended';

/** Use cases the sandbox knows; the ready one is also in SANDBOX_KEYS. Any other UUID → 404. */
export const AMIGO_SANDBOX_USE_CASES: Readonly<Record<UseCaseState, string>> = {
	ready: SANDBOX_KEYS.amigo.useCaseId,
	noPhoneNumber: '22222222-2222-4222-8222-222222222222',
	noA2pCampaign: '33333333-3333-4333-8333-333333333333',
	brandSuspended: '44444444-4444-4444-8444-444444444444',
};

/** The reasons the sandbox gives, one per condition of the spec's error table. */
export const AMIGO_REASONS = {
	useCaseNotFound: 'SMS use case not found',
	noPhoneNumber: 'No phone number assigned to the SMS use case',
	noA2pCampaign: "No verified A2P campaign for the SMS use case's US long-code sender pool",
	brandSuspended: 'The brand registration behind the SMS use case is suspended',
	notARealNumber: 'Invalid destination phone number: not a real number',
	landline: 'Invalid destination phone number: the number is a landline',
	optedOut: 'Destination phone number has opted out of receiving messages',
	regionNotPermitted: 'Destination region not permitted for the messaging service',
} as const;

const SEND_PATH = '/v1/sms/';
const MAX_MESSAGE_CHARACTERS = 1600;
const PERMITTED_COUNTRIES = new Set(['US', 'CA']);
const OPTED_OUT_SUFFIX = '7867';
const E164_SHAPE = /^\+[1-9]\d{1,14}$/;
export const AMIGO_RATE_LIMIT = 100;
const RATE_WINDOW_SECONDS = 60;

const USE_CASE_REFUSALS: Partial<Record<UseCaseState, string>> = {
	noPhoneNumber: AMIGO_REASONS.noPhoneNumber,
	noA2pCampaign: AMIGO_REASONS.noA2pCampaign,
	brandSuspended: AMIGO_REASONS.brandSuspended,
};

export const amigo: ProviderDefinition = {
	name: 'amigo',
	title: 'Amigo',

	describe: () => [
		`Auth: header Authorization: Bearer ${SANDBOX_KEYS.amigo.apiKey}`,
		`Send: POST ${SEND_PATH} {"use_case_id": "${SANDBOX_KEYS.amigo.useCaseId}", "to_phone_number": "+14155552671", "message": "…"}`,
		`Use cases: ${AMIGO_SANDBOX_USE_CASES.noPhoneNumber} → 422 no number, ${AMIGO_SANDBOX_USE_CASES.noA2pCampaign} → 422 no A2P campaign,`,
		`  ${AMIGO_SANDBOX_USE_CASES.brandSuspended} → 422 brand suspended, any other UUID → 404.`,
		'Destinations: landline (e.g. +442079460958) or not a real number → 422, ending in 7867 → 422 opted out,',
		'  outside US / CA → 422 region not permitted.',
	],

	create: createAmigo,

	authenticate(request) {
		const header = request.headers.authorization;
		const value = Array.isArray(header) ? header[0] : header;
		const challenge = { 'www-authenticate': 'Bearer' };
		if (!value || !/^bearer\s+\S/i.test(value)) {
			return { status: 401, body: { detail: 'Not authenticated' }, headers: challenge };
		}
		if (value.replace(/^bearer\s+/i, '').trim() !== SANDBOX_KEYS.amigo.apiKey) {
			return { status: 401, body: { detail: 'Invalid or expired API key' }, headers: challenge };
		}
		return undefined;
	},

	notFound: () => ({ status: 404, body: { detail: 'Not Found' } }),

	methodNotAllowed: (_request, allowed) => ({
		status: 405,
		body: { detail: 'Method Not Allowed' },
		headers: { allow: allowed.join(', ') },
	}),

	invalidJson: (request, parseError) => validationFailed([jsonInvalid(request.rawBody, parseError)]),

	faultHeaders(fault) {
		if (fault.kind !== 'status' || fault.status !== 429) return {};
		const retryAfterSeconds = Number(fault.retryAfter);
		const wait = Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : RATE_WINDOW_SECONDS;
		return rateLimitHeaders(0, Math.ceil(Date.now() / 1000 + wait));
	},
};

function createAmigo(): ProviderInstance {
	const accepted: AmigoMessageRecord[] = [];
	const rateWindow = { startsAt: 0, used: 0 };

	/** Counts requests per minute for the informational X-RateLimit-* headers. */
	function withRateLimit(answer: ProviderResponse): ProviderResponse {
		const now = Math.floor(Date.now() / 1000);
		if (now >= rateWindow.startsAt + RATE_WINDOW_SECONDS) Object.assign(rateWindow, { startsAt: now, used: 0 });
		rateWindow.used++;
		const remaining = Math.max(0, AMIGO_RATE_LIMIT - rateWindow.used);
		return { ...answer, headers: { ...answer.headers, ...rateLimitHeaders(remaining, rateWindow.startsAt + RATE_WINDOW_SECONDS) } };
	}

	function send(request: ProviderRequest): ProviderResponse {
		const body = requestBody(request);
		if ('jsonError' in body) return validationFailed([jsonInvalid(request.rawBody, body.jsonError)]);
		const checked = readSendRequest(body.value);
		if ('issues' in checked) return validationFailed(checked.issues);
		const { use_case_id: useCaseId, to_phone_number: to, message } = checked.request;

		const refusal = refuseForUseCase(useCaseId) ?? refuseForDestination(to);
		if (refusal) return refusal;

		const now = new Date().toISOString();
		const record: AmigoMessageRecord = {
			id: randomUUID(),
			use_case_id: useCaseId,
			message_sid: `SM${randomBytes(16).toString('hex')}`,
			from_number: null,
			to_number: to,
			body: message,
			num_segments: null,
			status: 'pending',
			handed_off_at: null,
			delivered_at: null,
			errored_at: null,
			error_code: null,
			created_at: now,
			updated_at: now,
		};
		accepted.push(record);
		return { status: 201, body: record };
	}

	return {
		routes: [{ method: 'POST', path: SEND_PATH, handle: (request) => withRateLimit(send(request)) }],
		views: {
			messages: () => accepted.map((record) => ({ ...record })),
			useCases: () => ({ ...AMIGO_SANDBOX_USE_CASES }),
		},
	};
}

function rateLimitHeaders(remaining: number, resetEpochSeconds: number): Record<string, string> {
	return {
		'x-ratelimit-limit': String(AMIGO_RATE_LIMIT),
		'x-ratelimit-remaining': String(remaining),
		'x-ratelimit-reset': String(resetEpochSeconds),
	};
}

/**
 * FastAPI parses the body as JSON when the content type is JSON or missing; any other content
 * type leaves the raw text, which then fails the model as "not an object".
 */
function requestBody(request: ProviderRequest): { value: unknown } | { jsonError: string } {
	const type = mediaType(request.contentType);
	if (request.rawBody === '') return { value: null };
	if (type === '') {
		try {
			return { value: JSON.parse(request.rawBody) as unknown };
		} catch (error) {
			return { jsonError: (error as Error).message };
		}
	}
	return { value: isJsonMediaType(type) ? request.body : request.rawBody };
}

interface AmigoSendRequest {
	use_case_id: string;
	to_phone_number: string;
	message: string;
}

function readSendRequest(body: unknown): { request: AmigoSendRequest } | { issues: AmigoValidationIssue[] } {
	if (body === null) return { issues: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }] };
	if (typeof body !== 'object' || Array.isArray(body)) {
		return {
			issues: [
				{
					type: 'model_attributes_type',
					loc: ['body'],
					msg: 'Input should be a valid dictionary or object to extract fields from',
					input: body,
				},
			],
		};
	}
	const fields = body as Record<string, unknown>;
	const issues: AmigoValidationIssue[] = [];
	const missing = (name: string) => issues.push({ type: 'missing', loc: ['body', name], msg: 'Field required', input: fields });

	let useCaseId = '';
	if (fields.use_case_id === undefined) missing('use_case_id');
	else {
		const parsed = parseUuid(fields.use_case_id);
		if ('issue' in parsed) issues.push(parsed.issue);
		else useCaseId = parsed.uuid;
	}

	const to = fields.to_phone_number;
	if (to === undefined) missing('to_phone_number');
	else if (typeof to !== 'string') issues.push(stringType('to_phone_number', to));
	else if (!E164_SHAPE.test(to)) {
		issues.push({
			type: 'value_error',
			loc: ['body', 'to_phone_number'],
			msg: 'Value error, to_phone_number must be in E.164 format, e.g. +14155552671',
			input: to,
			ctx: { error: {} },
		});
	}

	const message = fields.message;
	if (message === undefined) missing('message');
	else if (typeof message !== 'string') issues.push(stringType('message', message));
	else {
		// Pydantic counts characters as Python does: code points, so an emoji is one.
		const length = [...message].length;
		if (length < 1) {
			issues.push({ type: 'string_too_short', loc: ['body', 'message'], msg: 'String should have at least 1 character', input: message, ctx: { min_length: 1 } });
		} else if (length > MAX_MESSAGE_CHARACTERS) {
			issues.push({
				type: 'string_too_long',
				loc: ['body', 'message'],
				msg: `String should have at most ${MAX_MESSAGE_CHARACTERS} characters`,
				input: message,
				ctx: { max_length: MAX_MESSAGE_CHARACTERS },
			});
		}
	}

	if (issues.length > 0) return { issues };
	return { request: { use_case_id: useCaseId, to_phone_number: to as string, message: message as string } };
}

function stringType(field: string, input: unknown): AmigoValidationIssue {
	return { type: 'string_type', loc: ['body', field], msg: 'Input should be a valid string', input };
}

/** Pydantic's UUID parsing: hyphenated, 32 hex digits, `urn:uuid:` or braces; answered lower-case hyphenated. */
function parseUuid(input: unknown): { uuid: string } | { issue: AmigoValidationIssue } {
	const loc = ['body', 'use_case_id'];
	if (typeof input !== 'string') {
		return { issue: { type: 'uuid_type', loc, msg: 'UUID input should be a string, bytes or UUID object', input } };
	}
	const unwrapped = input.replace(/^urn:uuid:/i, '').replace(/^\{(.*)\}$/, '$1');
	const hex = unwrapped.replace(/-/g, '');
	const hyphenated = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(unwrapped);
	const simple = /^[0-9a-f]{32}$/i.test(unwrapped);
	if (hyphenated || simple) {
		const lower = hex.toLowerCase();
		return { uuid: `${lower.slice(0, 8)}-${lower.slice(8, 12)}-${lower.slice(12, 16)}-${lower.slice(16, 20)}-${lower.slice(20)}` };
	}
	const badIndex = [...unwrapped].findIndex((character) => !/[0-9a-fA-F-]/.test(character));
	const error =
		badIndex >= 0
			? `invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${[...unwrapped][badIndex]}\` at ${badIndex + 1}`
			: `invalid length: expected length 32 for simple format, found ${hex.length}`;
	return { issue: { type: 'uuid_parsing', loc, msg: `Input should be a valid UUID, ${error}`, input, ctx: { error } } };
}

function refuseForUseCase(useCaseId: string): ProviderResponse | undefined {
	const state = (Object.keys(AMIGO_SANDBOX_USE_CASES) as UseCaseState[]).find((key) => AMIGO_SANDBOX_USE_CASES[key] === useCaseId);
	if (!state) return { status: 404, body: { detail: AMIGO_REASONS.useCaseNotFound } };
	const reason = USE_CASE_REFUSALS[state];
	return reason ? unprocessable(reason) : undefined;
}

function refuseForDestination(to: string): ProviderResponse | undefined {
	if (!isValidPhoneNumber(to)) return unprocessable(AMIGO_REASONS.notARealNumber);
	const parsed = parseWithFullMetadata(to);
	if (parsed?.getType() === 'FIXED_LINE') return unprocessable(AMIGO_REASONS.landline);
	if (to.endsWith(OPTED_OUT_SUFFIX)) return unprocessable(AMIGO_REASONS.optedOut);
	const country = parsePhoneNumberFromString(to)?.country;
	if (!country || !PERMITTED_COUNTRIES.has(country)) return unprocessable(AMIGO_REASONS.regionNotPermitted);
	return undefined;
}

function unprocessable(reason: string): ProviderResponse {
	return { status: 422, body: { detail: reason } };
}

function validationFailed(issues: AmigoValidationIssue[]): ProviderResponse {
	return { status: 422, body: { detail: issues } };
}

/** What FastAPI answers for a JSON body that does not parse: the position where parsing stopped. */
function jsonInvalid(rawBody: string, parseError: string): AmigoValidationIssue {
	const position = /position (\d+)/.exec(parseError);
	return {
		type: 'json_invalid',
		loc: ['body', position ? Number(position[1]) : rawBody.length],
		msg: 'JSON decode error',
		input: {},
		ctx: { error: parseError },
	};
}
