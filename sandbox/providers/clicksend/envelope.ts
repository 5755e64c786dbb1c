import type { ProviderRequest, ProviderResponse } from '../../provider';

/** ClickSend answers every call, error or not, in this envelope. */
export interface ClickSendEnvelope {
	http_code: number;
	response_code: string;
	response_msg: string;
	data: unknown;
}

/** Laravel's length-aware paginator, which ClickSend's lists are. */
export interface ClickSendPage<T> {
	total: number;
	per_page: number;
	current_page: number;
	last_page: number;
	next_page_url: string | null;
	prev_page_url: string | null;
	from: number | null;
	to: number | null;
	data: T[];
}

export const DEFAULT_PAGE_SIZE = 15;
export const MAX_PAGE_SIZE = 100;

export function success(responseMessage: string, data: unknown): ProviderResponse {
	return envelope(200, 'SUCCESS', responseMessage, data);
}

export function failure(status: number, responseCode: string, responseMessage: string, data: unknown = null): ProviderResponse {
	return envelope(status, responseCode, responseMessage, data);
}

export function badRequest(responseMessage: string): ProviderResponse {
	return failure(400, 'BAD_REQUEST', responseMessage);
}

export function notFound(responseMessage = 'Resource not found.'): ProviderResponse {
	return failure(404, 'NOT_FOUND', responseMessage);
}

function envelope(status: number, responseCode: string, responseMessage: string, data: unknown): ProviderResponse {
	const body: ClickSendEnvelope = { http_code: status, response_code: responseCode, response_msg: responseMessage, data };
	return { status, body };
}

/** A query value as one string (the first, when a name is repeated). */
export function queryValue(request: ProviderRequest, name: string): string | undefined {
	const value = request.query[name];
	return Array.isArray(value) ? value[0] : value;
}

/** The JSON (or form) body as an object; anything else reads as an empty object. */
export function bodyObject(request: ProviderRequest): Record<string, unknown> {
	const body = request.body;
	return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function unixNow(): number {
	return Math.floor(Date.now() / 1000);
}

/** Whole number from JSON or a form field (where every value is a string); undefined otherwise. */
export function toInteger(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isInteger(value)) return value;
	if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
	return undefined;
}

/**
 * `page` (default 1) and `limit` (15–100, default 15; out of range is clamped, as the spec gives
 * the range but no error), with page URLs that keep the caller's other query parameters.
 */
export function paginate<T>(items: readonly T[], request: ProviderRequest): ClickSendPage<T> {
	const limit = Math.min(MAX_PAGE_SIZE, Math.max(DEFAULT_PAGE_SIZE, toInteger(queryValue(request, 'limit')) ?? DEFAULT_PAGE_SIZE));
	const lastPage = Math.max(1, Math.ceil(items.length / limit));
	const page = Math.max(1, toInteger(queryValue(request, 'page')) ?? 1);
	const start = (page - 1) * limit;
	const data = items.slice(start, start + limit);
	return {
		total: items.length,
		per_page: limit,
		current_page: page,
		last_page: lastPage,
		next_page_url: page < lastPage ? pageUrl(request, page + 1) : null,
		prev_page_url: page > 1 ? pageUrl(request, page - 1) : null,
		from: data.length > 0 ? start + 1 : null,
		to: data.length > 0 ? start + data.length : null,
		data,
	};
}

function pageUrl(request: ProviderRequest, page: number): string {
	const query = new URLSearchParams();
	for (const [name, value] of Object.entries(request.query)) {
		if (name === 'page') continue;
		for (const item of Array.isArray(value) ? value : [value]) query.append(name, item);
	}
	query.set('page', String(page));
	return `${providerOrigin(request)}${request.path}?${query.toString()}`;
}

/** Where the caller reached us, e.g. `http://127.0.0.1:5690/clicksend` (real: `https://rest.clicksend.com/v3`). */
export function providerOrigin(request: ProviderRequest): string {
	const host = request.headers.host;
	return `http://${Array.isArray(host) ? host[0] : (host ?? '127.0.0.1')}/clicksend`;
}

/** `q=field:value[,field:value]`: field names in any case; an empty value means "has any value". */
export function parseSearch(q: string | undefined): Array<{ field: string; value: string }> {
	if (!q) return [];
	return q
		.split(',')
		.map((pair) => pair.split(/:(.*)/s))
		.filter((parts) => parts.length >= 2)
		.map(([field, value = '']) => ({ field: field.trim().toLowerCase(), value: value.trim() }));
}

export type SortKeys<T> = Record<string, (item: T) => string | number | null>;

/** `order_by=field:asc|desc`; an unknown field or direction falls back to the default order. */
export function sortItems<T>(items: readonly T[], orderBy: string | undefined, keys: SortKeys<T>, fallback: string): T[] {
	const [rawField, rawDirection] = (orderBy ?? fallback).split(':');
	const known = keys[rawField?.trim().toLowerCase()] !== undefined;
	const [field, direction] = known ? [rawField.trim().toLowerCase(), rawDirection] : fallback.split(':');
	const key = keys[field];
	const sign = direction?.trim().toLowerCase() === 'desc' ? -1 : 1;
	return [...items].sort((a, b) => {
		const left = key(a) ?? '';
		const right = key(b) ?? '';
		if (left === right) return 0;
		return (left < right ? -1 : 1) * sign;
	});
}
