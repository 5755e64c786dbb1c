import type { IncomingMessage, ServerResponse } from 'node:http';

import type { ProviderResponse } from './provider';

/** Bigger bodies than any SMS API takes; stops a runaway client from filling memory. */
const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export function readBody(request: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		request.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError(`Body larger than ${MAX_BODY_BYTES} bytes`));
				request.destroy();
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		request.on('error', reject);
	});
}

export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** `application/json`, `text/json` (ASP.NET accepts it) and `…+json` types. */
export function isJsonMediaType(type: string): boolean {
	return type === 'application/json' || type === 'text/json' || type.endsWith('+json');
}

export interface ParsedRequestBody {
	body: unknown;
	/** Set when the body claims to be JSON and is not. */
	jsonError?: string;
}

/** JSON and form bodies become values; anything else stays text; an empty body is null. */
export function parseBody(contentType: string, raw: string): ParsedRequestBody {
	if (raw === '') return { body: null };
	const type = mediaType(contentType);
	if (isJsonMediaType(type)) {
		try {
			return { body: JSON.parse(raw) };
		} catch (error) {
			return { body: raw, jsonError: (error as Error).message };
		}
	}
	if (type === 'application/x-www-form-urlencoded') return { body: searchParamsToObject(new URLSearchParams(raw)) };
	return { body: raw };
}

/** A repeated key becomes an array, the way most web frameworks read it. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string | string[]> {
	const result: Record<string, string | string[]> = {};
	for (const [key, value] of params) {
		const previous = result[key];
		if (previous === undefined) result[key] = value;
		else result[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
	}
	return result;
}

export function plainHeaders(request: IncomingMessage): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(request.headers)) {
		if (value !== undefined) headers[name] = value;
	}
	return headers;
}

/** Writes a response unless the client is already gone (it may have given up during latency). */
export function send(response: ServerResponse, answer: ProviderResponse): void {
	if (response.writableEnded || response.destroyed) return;
	const headers: Record<string, string> = { ...answer.headers };
	let payload = '';
	if (typeof answer.body === 'string') {
		payload = answer.body;
		headers['content-type'] = answer.contentType ?? 'text/plain; charset=utf-8';
	} else if (answer.body !== undefined) {
		payload = JSON.stringify(answer.body);
		headers['content-type'] = answer.contentType ?? 'application/json; charset=utf-8';
	} else if (answer.contentType) {
		headers['content-type'] = answer.contentType;
	}
	headers['content-length'] = String(Buffer.byteLength(payload));
	response.writeHead(answer.status, headers);
	response.end(payload);
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	send(response, { status, body });
}
