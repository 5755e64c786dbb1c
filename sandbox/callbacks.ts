import http from 'node:http';
import https from 'node:https';

import { TimerSet } from './timers';
import type {
	CallbackContentType,
	CallbackLogEntry,
	CallbackMethod,
	CallbackOptions,
	DeliverRequest,
	DeliverResult,
	ProviderName,
} from './types';

/** Skycore gives receivers 10 s; no provider we emulate waits longer. */
const CALLBACK_TIMEOUT_MS = 10_000;
const MAX_RESPONSE_CHARS = 4096;

interface Waiter {
	count: number;
	resolve(entries: CallbackLogEntry[]): void;
	reject(error: Error): void;
	timer: NodeJS.Timeout;
}

/** Sends the webhooks providers would send (delivery receipts, replies) and keeps a log of them. */
export class CallbackSender {
	private log: CallbackLogEntry[] = [];
	private readonly waiters = new Set<Waiter>();
	private readonly inFlight = new Set<http.ClientRequest>();
	private readonly timers = new TimerSet();
	/** Bumped by reset(): answers to POSTs started before it are not logged after it. */
	private generation = 0;

	constructor(
		private readonly delayMs: () => number,
		private readonly report: (line: string) => void,
	) {}

	schedule(origin: ProviderName, url: string, body: unknown, options: CallbackOptions = {}): void {
		const scheduledAt = new Date().toISOString();
		const contentType = options.contentType ?? 'json';
		const headers = options.headers ?? {};
		const method = options.method ?? 'POST';
		const target = method === 'GET' ? withQueryString(url, body) : url;
		this.timers.after(this.delayMs(), () => {
			const generation = this.generation;
			void this.post(target, body, contentType, headers, method).then(({ result, sentAt }) => {
				if (generation !== this.generation) return;
				this.append({ origin, method, url: target, contentType, headers, body, scheduledAt, sentAt, ...result });
			});
		});
	}

	/** POSTs now, `repeat` times one after another, and logs each attempt with origin `deliver`. */
	async deliver(request: DeliverRequest): Promise<DeliverResult[]> {
		const contentType = request.contentType ?? 'json';
		const headers = request.headers ?? {};
		const results: DeliverResult[] = [];
		for (let attempt = 0; attempt < (request.repeat ?? 1); attempt++) {
			const scheduledAt = new Date().toISOString();
			const generation = this.generation;
			const { result, sentAt } = await this.post(request.url, request.body, contentType, headers);
			if (generation === this.generation) {
				this.append({ origin: 'deliver', method: 'POST', url: request.url, contentType, headers, body: request.body, scheduledAt, sentAt, ...result });
			}
			results.push(result);
		}
		return results;
	}

	entries(): CallbackLogEntry[] {
		return this.log.map((entry) => ({ ...entry }));
	}

	waitFor(count: number, timeoutMs: number): Promise<CallbackLogEntry[]> {
		if (this.log.length >= count) return Promise.resolve(this.entries());
		return new Promise((resolve, reject) => {
			const waiter: Waiter = {
				count,
				resolve,
				reject,
				timer: setTimeout(() => {
					this.waiters.delete(waiter);
					reject(new Error(`Expected ${count} callback(s) within ${timeoutMs} ms, got ${this.log.length}`));
				}, timeoutMs),
			};
			this.waiters.add(waiter);
		});
	}

	/** Forgets the log and drops callbacks not sent yet. */
	reset(): void {
		this.generation++;
		this.timers.cancelAll();
		this.log = [];
	}

	close(): void {
		this.reset();
		for (const request of this.inFlight) request.destroy();
		this.inFlight.clear();
		for (const waiter of this.waiters) {
			clearTimeout(waiter.timer);
			waiter.reject(new Error('Sandbox closed'));
		}
		this.waiters.clear();
	}

	private append(entry: CallbackLogEntry): void {
		this.log.push(entry);
		this.report(`callback (${entry.origin}) ${entry.method} ${entry.url} → ${entry.status ?? entry.error}`);
		for (const waiter of this.waiters) {
			if (this.log.length < waiter.count) continue;
			clearTimeout(waiter.timer);
			this.waiters.delete(waiter);
			waiter.resolve(this.entries());
		}
	}

	/**
	 * Never rejects: a failed request is a result with an error, as the provider would record it.
	 * A GET sends no body: its data is already in the URL's query string.
	 */
	private post(
		url: string,
		body: unknown,
		contentType: CallbackContentType,
		headers: Record<string, string>,
		method: CallbackMethod = 'POST',
	): Promise<{ result: DeliverResult; sentAt: string }> {
		const sentAt = new Date().toISOString();
		return new Promise((resolve) => {
			const done = (result: DeliverResult) => resolve({ result, sentAt });
			let target: URL;
			try {
				target = new URL(url);
				if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error(`unsupported protocol ${target.protocol}`);
			} catch (error) {
				done({ status: null, responseBody: '', error: `Invalid URL: ${(error as Error).message}` });
				return;
			}

			const isGet = method === 'GET';
			const payload = isGet ? '' : encodeBody(body, contentType);
			const contentHeaders: Record<string, string> = isGet
				? {}
				: { 'content-type': contentType === 'form' ? 'application/x-www-form-urlencoded' : 'application/json' };
			const client = target.protocol === 'https:' ? https : http;
			// agent: false = no keep-alive socket left behind to hold the process open.
			const request = client.request(target, {
				method: isGet ? 'GET' : 'POST',
				agent: false,
				timeout: CALLBACK_TIMEOUT_MS,
				headers: {
					...contentHeaders,
					'content-length': String(Buffer.byteLength(payload)),
					'user-agent': 'n8n-nodes-sms-gateways-sandbox',
					...headers,
				},
			});
			this.inFlight.add(request);
			request.on('response', (response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => {
					if (text.length < MAX_RESPONSE_CHARS) text += chunk;
				});
				response.on('end', () => {
					this.inFlight.delete(request);
					done({ status: response.statusCode ?? null, responseBody: text.slice(0, MAX_RESPONSE_CHARS), error: null });
				});
				response.on('error', (error) => {
					this.inFlight.delete(request);
					done({ status: response.statusCode ?? null, responseBody: text, error: error.message });
				});
			});
			request.on('timeout', () => request.destroy(new Error(`No answer within ${CALLBACK_TIMEOUT_MS} ms`)));
			request.on('error', (error) => {
				this.inFlight.delete(request);
				done({ status: null, responseBody: '', error: describeError(error) });
			});
			request.end(payload);
		});
	}
}

/** A GET webhook carries its fields in the query string, added to any the URL already has. */
function withQueryString(url: string, body: unknown): string {
	const query = encodeBody(body, 'form');
	if (query === '') return url;
	return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

function encodeBody(body: unknown, contentType: CallbackContentType): string {
	if (contentType === 'json') return typeof body === 'string' ? body : JSON.stringify(body ?? null);
	if (typeof body === 'string') return body;
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
		const values = Array.isArray(value) ? value : [value];
		for (const item of values) form.append(key, item === null || item === undefined ? '' : String(item));
	}
	return form.toString();
}

function describeError(error: NodeJS.ErrnoException): string {
	return error.code ? `${error.code}: ${error.message}` : error.message;
}
