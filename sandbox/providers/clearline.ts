/**
 * ClearLine, emulated from its contract (docs/providers/clearline.md): POST /MessageSender/sms with an
 * `ApiKey` header, answering { succeed, messageId }, and a JSON delivery callback to `callbackUrl`.
 *
 * The spec documents no error answers. ClearLine is an ASP.NET Core API (controller/action routes),
 * so where the spec is silent this module answers as an ASP.NET Core [ApiController] does by default:
 * - missing or wrong `ApiKey` → 401 with an empty body (an authentication handler's default
 *   challenge). Authentication runs before model binding, so a bad key wins over a bad body;
 * - a body that is not `application/json` → 415 ProblemDetails;
 * - JSON that does not parse, is not an object, or has a field of the wrong type → 400 ProblemDetails
 *   keyed by JSON path (`$`, `$.phone`), as System.Text.Json reports it, and nothing else is checked;
 * - a missing or blank field, or a value that breaks a rule → 400 ProblemDetails "One or more
 *   validation errors occurred." keyed by the C# property name (`Phone`, `Message`, `CallbackUrl`);
 * - property names and route paths match in any case; an unknown path → 404 with an empty body,
 *   a known path with another method → 405 with an empty body and `Allow`.
 * Rules the sandbox adds: `phone` must be a valid number written exactly in E.164 (what
 * libphonenumber formats it to: `+` and digits, no spaces); `callbackUrl` is optional (null or ''
 * = none) and must be an absolute https URL, or http to a loopback host because n8n runs on plain
 * http locally.
 */
import { randomBytes, randomUUID } from 'node:crypto';

import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js';

import { isJsonMediaType, mediaType } from '../http';
import { SANDBOX_KEYS } from '../keys';
import type { ProviderContext, ProviderDefinition, ProviderInstance, ProviderRequest, ProviderResponse } from '../provider';

export interface ClearLineSendRequest {
	phone: string;
	message: string;
	callbackUrl: string | null;
}

export interface ClearLineAcceptedMessage extends ClearLineSendRequest {
	messageId: string;
	acceptedAt: string;
}

export interface ClearLineDeliveryCallback {
	messageId: string;
	deliveryStatus: 'Delivered' | 'DeliveredFailed';
	externalDeliveryStatus: string;
	reasonText: string;
}

type ValidationErrors = Record<string, string[]>;

const SEND_PATH = '/MessageSender/sms';
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export const clearline: ProviderDefinition = {
	name: 'clearline',
	title: 'ClearLine',
	caseInsensitivePaths: true,

	describe: () => [
		`Auth: header ApiKey: ${SANDBOX_KEYS.clearline.apiKey}`,
		`Send: POST ${SEND_PATH} {"phone": "+12025551234", "message": "…", "callbackUrl": "…"}`,
		'Delivery callback outcome by the last four digits of the phone: 0000 → DeliveredFailed/Rejected,',
		'  0001 → DeliveredFailed/Expired, anything else → Delivered/Delivered.',
	],

	create: createClearLine,

	authenticate(request) {
		return request.headers.apikey === SANDBOX_KEYS.clearline.apiKey ? undefined : { status: 401 };
	},

	notFound: () => ({ status: 404 }),

	methodNotAllowed: (_request, allowed) => ({ status: 405, headers: { allow: allowed.join(', ') } }),

	invalidJson: (_request, parseError) =>
		validationProblem({ $: [`The JSON value could not be parsed. Path: $ | ${parseError}`] }),
};

function createClearLine(context: ProviderContext): ProviderInstance {
	const accepted: ClearLineAcceptedMessage[] = [];

	function send(request: ProviderRequest): ProviderResponse {
		if (!isJsonMediaType(mediaType(request.contentType))) return unsupportedMediaType();
		const checked = readSendRequest(request.body);
		if ('errors' in checked) return validationProblem(checked.errors);

		const message: ClearLineAcceptedMessage = { ...checked.request, messageId: randomUUID(), acceptedAt: new Date().toISOString() };
		accepted.push(message);
		if (message.callbackUrl) {
			const callback: ClearLineDeliveryCallback = { messageId: message.messageId, ...deliveryOutcome(message.phone) };
			context.scheduleCallback(message.callbackUrl, callback, { contentType: 'json' });
		}
		return { status: 200, body: { succeed: true, messageId: message.messageId } };
	}

	return {
		routes: [{ method: 'POST', path: SEND_PATH, handle: send }],
		views: { messages: () => accepted.map((message) => ({ ...message })) },
	};
}

/** The deterministic sandbox rule, so tests and demos can ask for a failed delivery. */
export function deliveryOutcome(phone: string): Omit<ClearLineDeliveryCallback, 'messageId'> {
	const lastFour = phone.slice(-4);
	if (lastFour === '0000') {
		return {
			deliveryStatus: 'DeliveredFailed',
			externalDeliveryStatus: 'Rejected',
			reasonText: 'Rejected by the carrier (sandbox rule: number ends in 0000)',
		};
	}
	if (lastFour === '0001') {
		return {
			deliveryStatus: 'DeliveredFailed',
			externalDeliveryStatus: 'Expired',
			reasonText: 'Validity period expired before delivery (sandbox rule: number ends in 0001)',
		};
	}
	return { deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered', reasonText: 'Delivered to handset' };
}

function readSendRequest(body: unknown): { request: ClearLineSendRequest } | { errors: ValidationErrors } {
	if (body === null) return { errors: { '': ['A non-empty request body is required.'] } };
	if (typeof body !== 'object' || Array.isArray(body)) {
		return { errors: { $: ['The JSON value could not be converted to SendSmsRequest. Path: $'] } };
	}

	// System.Text.Json stops at the first value it cannot convert, before any validation runs.
	const fields = { phone: '', message: '', callbackUrl: '' };
	for (const name of Object.keys(fields) as Array<keyof typeof fields>) {
		const value = propertyIgnoringCase(body as Record<string, unknown>, name);
		if (value !== undefined && value !== null && typeof value !== 'string') {
			return { errors: { [`$.${name}`]: [`The JSON value could not be converted to System.String. Path: $.${name}`] } };
		}
		fields[name] = value ?? '';
	}

	const errors: ValidationErrors = {};
	const phoneError = checkPhone(fields.phone);
	if (phoneError) errors.Phone = [phoneError];
	if (fields.message.trim() === '') errors.Message = ['The Message field is required.'];
	const callbackError = checkCallbackUrl(fields.callbackUrl);
	if (callbackError) errors.CallbackUrl = [callbackError];
	if (Object.keys(errors).length > 0) return { errors };

	return { request: { phone: fields.phone, message: fields.message, callbackUrl: fields.callbackUrl || null } };
}

function propertyIgnoringCase(body: Record<string, unknown>, name: string): unknown {
	const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : body[key];
}

function checkPhone(phone: string): string | undefined {
	if (phone.trim() === '') return 'The Phone field is required.';
	const parsed = parsePhoneNumberFromString(phone);
	const isE164 = parsed !== undefined && parsed.number === phone;
	if (!isE164 || !isValidPhoneNumber(phone)) {
		return 'The Phone field must be a valid phone number in E.164 format, e.g. +12025551234.';
	}
	return undefined;
}

function checkCallbackUrl(callbackUrl: string): string | undefined {
	if (callbackUrl === '') return undefined;
	let url: URL;
	try {
		url = new URL(callbackUrl);
	} catch {
		return 'The CallbackUrl field is not a valid fully-qualified http or https URL.';
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:') return 'The CallbackUrl field is not a valid fully-qualified http or https URL.';
	if (LOOPBACK_HOSTS.has(url.hostname)) return undefined;
	return 'The CallbackUrl field must be an HTTPS URL (the sandbox allows http only to localhost and 127.0.0.1).';
}

function unsupportedMediaType(): ProviderResponse {
	return problem({ type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16', title: 'Unsupported Media Type', status: 415 });
}

function validationProblem(errors: ValidationErrors): ProviderResponse {
	return problem({
		type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
		title: 'One or more validation errors occurred.',
		status: 400,
		errors,
	});
}

/** RFC 9457 ProblemDetails, with the traceId ASP.NET Core adds. */
function problem(details: { type: string; title: string; status: number; errors?: ValidationErrors }): ProviderResponse {
	const traceId = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`;
	return {
		status: details.status,
		contentType: 'application/problem+json; charset=utf-8',
		body: { ...details, traceId },
	};
}
