import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	INode,
	NodeApiError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import {
	collectSecrets,
	explainHttpStatus,
	explainRedirect,
	joinSentences,
	providerError,
	type ProviderErrorExplanation,
	type ProviderFailure,
} from './errors';

/** What a node context must offer to call a provider (execute, hook and load-options contexts do). */
export interface RequestContext {
	getNode(): INode;
	helpers: Pick<IExecuteFunctions['helpers'], 'httpRequestWithAuthentication'>;
}

export interface ProviderResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: T;
}

/**
 * A send is not idempotent: after a 5xx, a timeout or a dropped connection the provider may have
 * accepted the message, and a retry would text the person twice. Reads can always be retried.
 */
export type CallKind = { kind: 'read' } | { kind: 'send'; retryOnServerError: boolean };

export interface ProviderCall {
	method: IHttpRequestMethods;
	/** Path below the credential's base URL, e.g. `/MessageSender/sms`. */
	path: string;
	body?: IDataObject | IDataObject[];
	qs?: IDataObject;
	headers?: IDataObject;
}

export interface ProviderClientOptions {
	credentialType: string;
	/** As the user knows it, e.g. "ClearLine"; used in error messages. */
	providerName: string;
	baseUrl: string;
	/**
	 * The credential as getCredentials gave it, read once per node run: every request is
	 * authenticated with it instead of n8n reading and decrypting it again, and its secrets are
	 * kept out of every message (see collectSecrets).
	 */
	credentials: ICredentialDataDecryptedObject;
	/** The provider's own reading of an error response; the generic one is used when it returns nothing. */
	explainError?: (response: ProviderResponse) => ProviderErrorExplanation | undefined;
	/**
	 * For providers that say "too many requests" in the body of a 2xx answer (Skycore's E113/E120):
	 * true makes the answer count as a 429. Only for answers that say the request was NOT accepted,
	 * since a 429 is retried even for a send.
	 */
	isRateLimited?: (response: ProviderResponse) => boolean;
	pace?: RequestPace;
	timeoutMs?: number;
}

export interface RetryLimits {
	/** Retries after 429 answers. */
	rateLimited: number;
	/** Retries after a refused connection (nothing reached the provider). */
	refused: number;
	/** Retries of reads (and opted-in sends) after a 5xx, a timeout or a dropped connection. */
	serverError: number;
	/** The longest Retry-After the node will wait; longer asks fail with a clear message. */
	maxWaitMs: number;
	/** First backoff step when the provider gives no Retry-After. */
	baseDelayMs: number;
}

// One place for the timing choices of every provider call.
export const DEFAULT_TIMEOUT_MS = 30_000;
/** The longest Timeout a user may set: beyond it a stuck provider holds the workflow too long. */
export const MAX_TIMEOUT_SECONDS = 300;
export const RETRY_LIMITS: RetryLimits = {
	rateLimited: 5,
	refused: 3,
	serverError: 2,
	maxWaitMs: 60_000,
	baseDelayMs: 500,
};

const UNREACHED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_BAD_RESPONSE']);

export interface ProviderClient {
	readonly pace: RequestPace | undefined;
	request<T = unknown>(call: ProviderCall, kind: CallKind, itemIndex?: number): Promise<ProviderResponse<T>>;
	/** The provider's error for an answer the node could not accept, with the credential's secrets redacted. */
	error(failure: Omit<ProviderFailure, 'secrets'>): NodeApiError;
}

export function createProviderClient(context: RequestContext, options: ProviderClientOptions): ProviderClient {
	const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const baseUrl = options.baseUrl.replace(/\/+$/, '');
	const secrets = collectSecrets(options.credentials);
	// Given to n8n's helper, so that it authenticates each request without decrypting the credential again.
	const credentialsDecrypted: ICredentialsDecrypted = { id: '', name: options.credentialType, type: options.credentialType, data: options.credentials };

	async function requestOnce(call: ProviderCall): Promise<ProviderResponse> {
		const request: IHttpRequestOptions = {
			method: call.method,
			url: `${baseUrl}${call.path}`,
			qs: call.qs,
			headers: { Accept: 'application/json', ...call.headers },
			timeout,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			// n8n's helper would follow a redirect with the credential's headers, to any host, and turn
			// a redirected POST into a GET that drops the message (or, on a 307, post it again): a
			// redirect is reported instead (explainRedirect). Following none also skips the redirect
			// wrapper's own work on every request.
			disableFollowRedirect: true,
		};
		if (call.body !== undefined) request.body = call.body;
		const response = (await context.helpers.httpRequestWithAuthentication.call(
			context as IExecuteFunctions,
			options.credentialType,
			request,
			{ credentialsDecrypted },
		)) as ProviderResponse;
		return { statusCode: response.statusCode, headers: response.headers ?? {}, body: parseBody(response.body) };
	}

	async function request<T>(call: ProviderCall, kind: CallKind, itemIndex?: number): Promise<ProviderResponse<T>> {
		const mayRetryUnsafe = kind.kind === 'read' || kind.retryOnServerError;
		const attempts = { rateLimited: 0, refused: 0, serverError: 0 };
		for (;;) {
			await options.pace?.acquire();
			const sentAt = Date.now();
			const startedAt = performance.now();
			let response: ProviderResponse;
			try {
				response = await requestOnce(call);
			} catch (error) {
				options.pace?.release();
				const code = transportErrorCode(error);
				if (code && UNREACHED_CODES.has(code) && attempts.refused < RETRY_LIMITS.refused) {
					await sleep(backoff(RETRY_LIMITS.baseDelayMs, attempts.refused++));
					continue;
				}
				const unsafe = code !== undefined && (TIMEOUT_CODES.has(code) || DROPPED_CODES.has(code));
				if (unsafe && mayRetryUnsafe && attempts.serverError < RETRY_LIMITS.serverError) {
					await sleep(backoff(RETRY_LIMITS.baseDelayMs, attempts.serverError++));
					continue;
				}
				throw providerError(context.getNode(), {
					explanation: explainTransportFailure(code, options.providerName, kind, timeout),
					itemIndex,
					secrets,
					mayHaveBeenSent: kind.kind === 'send' && !(code !== undefined && UNREACHED_CODES.has(code)),
				});
			}
			options.pace?.release(performance.now() - startedAt);

			if (response.statusCode === 429 || options.isRateLimited?.(response) === true) {
				const waitMs = retryAfterMs(response.headers['retry-after']) ?? backoff(RETRY_LIMITS.baseDelayMs * 2, attempts.rateLimited);
				if (attempts.rateLimited < RETRY_LIMITS.rateLimited && waitMs <= RETRY_LIMITS.maxWaitMs) {
					attempts.rateLimited++;
					options.pace?.slowDown(waitMs, sentAt);
					if (!options.pace) await sleep(waitMs);
					continue;
				}
				throw failure(response, kind, itemIndex, waitMs > RETRY_LIMITS.maxWaitMs ? waitMs : undefined);
			}
			if (response.statusCode >= 500 && mayRetryUnsafe && attempts.serverError < RETRY_LIMITS.serverError) {
				await sleep(backoff(RETRY_LIMITS.baseDelayMs, attempts.serverError++));
				continue;
			}
			if (response.statusCode >= 300) throw failure(response, kind, itemIndex);
			// A 2xx to a send that cannot be read (cut short, not JSON, empty) most likely took the
			// message: never a refusal, and never sent again.
			if (kind.kind === 'send' && (response.body === undefined || typeof response.body === 'string')) {
				throw unreadableAnswer(response, itemIndex);
			}
			options.pace?.recordSuccess();
			return response as ProviderResponse<T>;
		}
	}

	function failure(response: ProviderResponse, kind: CallKind, itemIndex: number | undefined, askedWaitMs?: number) {
		let explanation = isRedirect(response.statusCode)
			? explainRedirect(response.statusCode, headerValue(response.headers.location), options.providerName)
			: (options.explainError?.(response) ?? explainHttpStatus(response.statusCode, options.providerName));
		if (askedWaitMs !== undefined) {
			explanation = {
				message: `${options.providerName} asked to wait ${Math.ceil(askedWaitMs / 1000)} s before the next request`,
				description: `That is longer than the node waits (${RETRY_LIMITS.maxWaitMs / 1000} s). Run the workflow again later or lower the Concurrency option`,
			};
		}
		const serverErrorToSend = response.statusCode >= 500 && kind.kind === 'send';
		if (serverErrorToSend) {
			// The generic text says "try again later", which is wrong for a message that may have gone out.
			const generic = explanation.description === explainHttpStatus(response.statusCode, options.providerName).description;
			explanation = {
				...explanation,
				description: joinSentences(
					generic ? 'The provider had a problem while taking the message' : explanation.description,
					`${MAY_HAVE_ARRIVED}, or switch on Retry Sends After Server Errors`,
				),
			};
		}
		return providerError(context.getNode(), {
			httpCode: response.statusCode,
			body: response.body,
			explanation,
			itemIndex,
			secrets,
			mayHaveBeenSent: serverErrorToSend,
		});
	}

	function unreadableAnswer(response: ProviderResponse, itemIndex: number | undefined) {
		return providerError(context.getNode(), {
			httpCode: response.statusCode,
			body: response.body,
			itemIndex,
			secrets,
			mayHaveBeenSent: true,
			explanation: {
				message: `${options.providerName}'s answer to the message could not be read`,
				description: joinSentences(
					`The answer was ${response.body === undefined ? 'empty' : 'cut short or not JSON'}, but it was a success status (HTTP ${response.statusCode})`,
					MAY_HAVE_ARRIVED,
				),
			},
		});
	}

	const error = (failure: Omit<ProviderFailure, 'secrets'>) => providerError(context.getNode(), { ...failure, secrets });

	return { pace: options.pace, request, error };
}

const isRedirect = (status: number) => status >= 300 && status < 400;

/** What every error of a send that may have gone out says, in the same words. */
const MAY_HAVE_ARRIVED = 'The message may have reached the provider: check its message log before sending this item again';

function headerValue(value: string | string[] | undefined): string | undefined {
	return Array.isArray(value) ? value[0] : value;
}

/** Providers answer JSON, but a proxy or a broken gateway may answer HTML or cut JSON. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return body;
	}
}

export function retryAfterMs(header: string | string[] | undefined): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoff(baseMs: number, attempt: number): number {
	const exponential = baseMs * 2 ** attempt;
	return exponential + Math.floor(Math.random() * baseMs);
}

/** The network error code behind an error thrown by n8n's request helper, if there is one. */
export function transportErrorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		// n8n's NodeApiError keeps the network code in httpCode; axios and Node errors in code.
		for (const code of [(current as { code?: unknown }).code, (current as { httpCode?: unknown }).httpCode]) {
			if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

function explainTransportFailure(
	code: string | undefined,
	providerName: string,
	kind: CallKind,
	timeoutMs: number,
): ProviderErrorExplanation {
	const mayHaveArrived = kind.kind === 'send' ? ` ${MAY_HAVE_ARRIVED}.` : '';
	if (code && UNREACHED_CODES.has(code)) {
		return {
			// No error code in the message: n8n swaps a message containing one for its own generic text.
			message: `Could not connect to ${providerName}`,
			description: `Check the base URL in the credential and that this machine can reach it (${code}). Nothing was sent.`,
		};
	}
	if (code && TIMEOUT_CODES.has(code)) {
		return {
			message: `${providerName} did not answer within ${Math.round(timeoutMs / 1000)} s`,
			description: `The provider is slow or unreachable.${mayHaveArrived}`,
		};
	}
	return {
		message: `The connection to ${providerName} failed`,
		description: `The request did not complete${code ? ` (${code})` : ''}.${mayHaveArrived}`,
	};
}

/** One place for the Concurrency option's bounds. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 100;

/**
 * Requests in flight at once for read operations (status, lists, history). Reads have no
 * Concurrency option: a few in parallel keep a long list of IDs quick, and a RequestPace slows
 * them down on a 429.
 */
export const READ_CONCURRENCY = 5;

/**
 * How far apart the pool starts its requests, as a share of (round trip ÷ requests in flight).
 * Answers that arrive together wait for each other: n8n's request helper spends about a
 * millisecond of CPU on every request, so twenty answers landing at once hold the twentieth back
 * by twenty milliseconds, and the requests that go out again together come back together, round
 * after round. Starting them apart keeps them apart. Below 1 so that the spacing never becomes
 * the limit when round trips vary: the slots stay that.
 */
export const START_SPREAD = 0.8;

/**
 * The spacing is based on a quick round trip, not the average one: the estimate follows a quicker
 * answer half-way at once and a slower one by a twentieth (each counted as at most twice the
 * estimate, so one stuck request barely moves it). With steady round trips that is the round trip.
 * With widely varying ones the estimate stays near the quick answers and the spacing stays short:
 * the pool is then not in lockstep anyway, and spacing by the average held it back (measured:
 * docs/benchmark.md, "Requests in lockstep").
 */
const QUICKER_WEIGHT = 0.5;
const SLOWER_WEIGHT = 0.05;

/** A timer cannot wait less than about this: a shorter wait for a start would become this long. */
const TIMER_RESOLUTION_MS = 1;

/**
 * Shared by every request of one node execution, retries included: at most `concurrency`
 * requests are in flight, and their starts are spread over the round trip (START_SPREAD). When
 * the provider answers 429 the whole pool pauses for the Retry-After time and halves how many
 * requests it keeps in flight, then grows back one step per round of successes (additive
 * increase, multiplicative decrease). Retries queue for a slot like first attempts, so the
 * requests that all got 429 together do not all come back together.
 */
export class RequestPace {
	private allowed: number;
	private resumeAt = 0;
	private successesSinceChange = 0;
	private inFlight = 0;
	private lastDecreaseAt = Number.NEGATIVE_INFINITY;
	private readonly waiting: Array<() => void> = [];
	/** A quick round trip of answered requests (QUICKER_WEIGHT); undefined until the first answer. */
	private roundTripMs: number | undefined;
	/** performance.now() before which the next request may not start. */
	private nextStartAt = 0;

	constructor(readonly maxConcurrency: number) {
		this.allowed = maxConcurrency;
	}

	/** How many requests may be in flight now. */
	get concurrency(): number {
		return this.allowed;
	}

	/** The least time between the starts of two requests now, in ms (0 before the first answer). */
	get startSpacingMs(): number {
		// One request at a time cannot bunch up, and spacing it would only hold back a quick answer's successor.
		if (this.roundTripMs === undefined || this.allowed <= 1) return 0;
		return (START_SPREAD * this.roundTripMs) / this.allowed;
	}

	/**
	 * Waits until the pause (if any) is over, a slot is free and the previous request started far
	 * enough back (startSpacingMs), then takes the slot.
	 */
	async acquire(): Promise<void> {
		for (;;) {
			// Checked again after every wait: a 429 that came in meanwhile may have moved resumeAt.
			const pause = this.resumeAt - Date.now();
			if (pause > 0) {
				await sleep(pause);
				continue;
			}
			if (this.inFlight >= this.allowed) {
				await new Promise<void>((resolve) => this.waiting.push(resolve));
				continue;
			}
			this.inFlight++;
			const now = performance.now();
			const startAt = Math.max(now, this.nextStartAt);
			this.nextStartAt = startAt + this.startSpacingMs;
			if (startAt - now < TIMER_RESOLUTION_MS) return;
			await sleep(startAt - now);
			if (this.resumeAt <= Date.now()) return;
			// A 429 arrived while this request waited for its start: queue again behind the pause.
			this.release();
		}
	}

	/**
	 * Gives back the slot taken by acquire(), whatever the request's outcome. `roundTripMs`: how
	 * long the provider took to answer, when it did answer (not after a timeout or a dropped
	 * connection, which say nothing about the usual round trip).
	 */
	release(roundTripMs?: number): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (roundTripMs !== undefined) this.recordRoundTrip(roundTripMs);
		this.wakeOne();
	}

	private recordRoundTrip(ms: number): void {
		if (this.roundTripMs === undefined) {
			this.roundTripMs = ms;
			return;
		}
		const sample = Math.min(ms, 2 * this.roundTripMs);
		this.roundTripMs += (sample < this.roundTripMs ? QUICKER_WEIGHT : SLOWER_WEIGHT) * (sample - this.roundTripMs);
	}

	/**
	 * A 429 for a request sent at `sentAt`. The 429s of requests that were already in flight when
	 * the pool last slowed down report the same overload: they extend the pause but do not halve
	 * again, or one burst of twenty 429s would bring twenty in flight down to one.
	 */
	slowDown(pauseMs: number, sentAt = Date.now()): void {
		const now = Date.now();
		this.resumeAt = Math.max(this.resumeAt, now + pauseMs);
		if (sentAt >= this.lastDecreaseAt) {
			this.allowed = Math.max(1, Math.floor(this.allowed / 2));
			this.lastDecreaseAt = now;
		}
		this.successesSinceChange = 0;
	}

	recordSuccess(): void {
		if (this.allowed >= this.maxConcurrency) return;
		this.successesSinceChange++;
		if (this.successesSinceChange >= this.allowed) {
			this.allowed++;
			this.successesSinceChange = 0;
			this.wakeOne();
		}
	}

	private wakeOne(): void {
		this.waiting.shift()?.();
	}
}
