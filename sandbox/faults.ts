import type { ServerResponse } from 'node:http';

import { send } from './http';
import type { ActiveFault, Fault, FaultKind } from './types';

const FAULT_KINDS: readonly FaultKind[] = ['status', 'timeout', 'reset', 'malformed-json', 'html', 'hold'];

export const DEFAULT_HOLD_MS = 1000;

/** A 200 whose JSON stops half-way, as a proxy cutting a response short would leave it. */
const TRUNCATED_JSON = '{"succeed": tru';

export class InvalidFaultError extends Error {}

export class FaultStore {
	private active: ActiveFault[] = [];
	private nextId = 1;

	constructor(private readonly providers: readonly string[]) {}

	add(fault: Fault): ActiveFault {
		validateFault(fault, this.providers);
		const times = fault.times ?? 1;
		const stored: ActiveFault = {
			...fault,
			id: this.nextId++,
			remaining: times <= 0 ? null : times,
			passesLeft: Math.max(0, fault.after ?? 0),
		};
		this.active.push(stored);
		return { ...stored };
	}

	/** The first fault, in the order they were added, that matches; used up by one. */
	take(provider: string, method: string, path: string): ActiveFault | undefined {
		const fault = this.active.find((candidate) => matches(candidate, provider, method, path));
		if (!fault) return undefined;
		if (fault.passesLeft > 0) {
			fault.passesLeft -= 1;
			return undefined;
		}
		if (fault.remaining !== null) {
			fault.remaining -= 1;
			if (fault.remaining === 0) this.active = this.active.filter((candidate) => candidate !== fault);
		}
		return { ...fault };
	}

	list(): ActiveFault[] {
		return this.active.map((fault) => ({ ...fault }));
	}

	clear(): void {
		this.active = [];
	}
}

function matches(fault: Fault, provider: string, method: string, path: string): boolean {
	if (fault.provider !== provider) return false;
	if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
	if (fault.path && !path.toLowerCase().endsWith(fault.path.toLowerCase())) return false;
	return true;
}

function validateFault(fault: Fault, providers: readonly string[]): void {
	if (typeof fault !== 'object' || fault === null) throw new InvalidFaultError('A fault must be an object');
	if (!providers.includes(fault.provider)) {
		throw new InvalidFaultError(`Unknown provider "${fault.provider}"; known: ${providers.join(', ')}`);
	}
	if (!FAULT_KINDS.includes(fault.kind)) {
		throw new InvalidFaultError(`Unknown fault kind "${fault.kind}"; known: ${FAULT_KINDS.join(', ')}`);
	}
	if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
		throw new InvalidFaultError('status must be an integer from 100 to 599');
	}
	if (fault.times !== undefined && !Number.isInteger(fault.times)) {
		throw new InvalidFaultError('times must be an integer (0 or -1 = until cleared)');
	}
	if (fault.holdMs !== undefined && !(typeof fault.holdMs === 'number' && Number.isFinite(fault.holdMs) && fault.holdMs >= 0)) {
		throw new InvalidFaultError('holdMs must be a number of milliseconds ≥ 0');
	}
	for (const field of ['method', 'path'] as const) {
		if (fault[field] !== undefined && typeof fault[field] !== 'string') {
			throw new InvalidFaultError(`${field} must be a string`);
		}
	}
	if (fault.headers !== undefined && !isStringRecord(fault.headers)) {
		throw new InvalidFaultError('headers must be an object of header names to string values');
	}
}

function isStringRecord(value: unknown): value is Record<string, string> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	return Object.values(value).every((entry) => typeof entry === 'string');
}

/**
 * Answers (or does not) as the fault says; returns the status sent, null when nothing was.
 * `providerHeaders` are what the provider adds to such an answer (e.g. rate-limit headers on a 429).
 */
export function answerWithFault(response: ServerResponse, fault: Fault, providerHeaders: Record<string, string> = {}): number | null {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries({ ...providerHeaders, ...fault.headers })) headers[name.toLowerCase()] = value;
	if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);

	switch (fault.kind) {
		case 'hold':
			throw new Error('A hold fault answers as the provider; server.ts runs it');
		case 'timeout':
			// Left open on purpose: the client's own timeout, or close(), ends it.
			return null;
		case 'reset':
			response.socket?.destroy();
			return null;
		case 'malformed-json': {
			const body = typeof fault.body === 'string' ? fault.body : TRUNCATED_JSON;
			send(response, { status: 200, body, contentType: 'application/json; charset=utf-8', headers });
			return 200;
		}
		case 'html': {
			const status = fault.status ?? 502;
			send(response, { status, body: htmlErrorPage(status), contentType: 'text/html; charset=utf-8', headers });
			return status;
		}
		case 'status': {
			const status = fault.status ?? 500;
			send(response, { status, body: fault.body, headers });
			return status;
		}
	}
}

/** What a reverse proxy in front of the API shows when the API behind it is down. */
function htmlErrorPage(status: number): string {
	const title = status === 502 ? '502 Bad Gateway' : status === 503 ? '503 Service Temporarily Unavailable' : `${status} Error`;
	return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
