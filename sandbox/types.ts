import type { SANDBOX_KEYS } from './keys';

/** Every emulated provider has a sandbox key, so the key list is the provider list. */
export type ProviderName = keyof typeof SANDBOX_KEYS;

/**
 * `hold`: the provider takes matching requests one at a time, each answered `holdMs` after it was
 * taken; a request whose client has gone before its turn is never taken (see server.ts).
 */
export type FaultKind = 'status' | 'timeout' | 'reset' | 'malformed-json' | 'html' | 'hold';

/** A planned misbehaviour of one provider, consumed before the provider's route runs. */
export interface Fault {
	provider: string;
	/** Only requests with this method (any case); every method when absent. */
	method?: string;
	/** Only requests whose path after the provider prefix ends with this (any case), e.g. `/MessageSender/sms`. */
	path?: string;
	kind: FaultKind;
	/** Status of a `status` fault (default 500) or an `html` fault (default 502). */
	status?: number;
	/** Sets the `Retry-After` header (seconds or an HTTP date). */
	retryAfter?: number | string;
	/** Extra response headers, e.g. `X-RateLimit-Remaining`; they win over the provider's own fault headers. */
	headers?: Record<string, string>;
	/** Body of a `status` fault (JSON unless a string) or the raw text of a `malformed-json` fault. */
	body?: unknown;
	/** How long a `hold` fault keeps each answer after the request was taken (default 1000). */
	holdMs?: number;
	/** How many matching requests it hits: default 1; 0 or -1 = until cleared. */
	times?: number;
	/** How many matching requests pass untouched before it hits (default 0): a failure mid-run. */
	after?: number;
}

/** A fault as it is stored: `remaining` is null when it lasts until cleared. */
export interface ActiveFault extends Fault {
	id: number;
	remaining: number | null;
	/** Matching requests still to let through before the fault hits. */
	passesLeft: number;
}

export type ParsedBody = unknown;

export interface RequestLogEntry {
	/** Null for a request that matched no provider prefix (a wrong base URL, usually). */
	provider: ProviderName | null;
	method: string;
	/** The full path as requested, without the query string, e.g. `/clearline/MessageSender/sms`. */
	path: string;
	query: Record<string, string | string[]>;
	headers: Record<string, string | string[]>;
	/** Parsed JSON, a form as an object, raw text, or null when there was no body. */
	body: ParsedBody;
	receivedAt: string;
	/** Status sent; null while the request is still open, or when a fault hung or reset it. */
	status: number | null;
	/** The fault that answered instead of the provider, if any. */
	fault?: FaultKind;
	/** The JSON body the sandbox answered with (absent for empty or non-JSON answers). */
	response?: unknown;
}

export interface RequestFilter {
	provider?: string;
	method?: string;
	/** Matches the end of the path, like a fault's path. */
	path?: string;
}

export interface CallbackLogEntry {
	/** The provider that scheduled it, or `deliver` for a POST /_sandbox/deliver. */
	origin: ProviderName | 'deliver';
	/** POST, or GET when the body went as the query string. */
	method: CallbackMethod;
	/** For a GET, the URL with the body appended as the query string. */
	url: string;
	contentType: CallbackContentType;
	headers: Record<string, string>;
	body: unknown;
	scheduledAt: string;
	sentAt: string;
	/** Status the receiver answered; null when the POST failed. */
	status: number | null;
	responseBody: string;
	/** Why the POST failed (connection refused, timeout, …); null when it got an answer. */
	error: string | null;
}

export type CallbackContentType = 'json' | 'form';

export type CallbackMethod = 'POST' | 'GET';

export interface CallbackOptions {
	contentType?: CallbackContentType;
	/** Default POST. GET sends the body as the query string, no body (ClickSend's `get` webhook type). */
	method?: CallbackMethod;
	headers?: Record<string, string>;
}

export interface DeliverRequest {
	url: string;
	body: unknown;
	contentType?: CallbackContentType;
	headers?: Record<string, string>;
	/** How many times to POST it, one after another (default 1), e.g. to test duplicate suppression. */
	repeat?: number;
}

export interface DeliverResult {
	status: number | null;
	responseBody: string;
	error: string | null;
}

/** What a provider's control action answers (POST /_sandbox/<provider>/<action>). */
export interface ProviderActionResult {
	status: number;
	body: unknown;
}

export interface SandboxConfig {
	latencyMs: number;
	/** Each answer waits latencyMs plus a random share of this (uniform), as real round trips vary. */
	latencyJitterMs: number;
	callbackDelayMs: number;
}

export interface SandboxOptions {
	/** 0 = a random free port. Default: DEFAULT_SANDBOX_PORT. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Delay before every provider answer. Default 0. */
	latencyMs?: number;
	/** Up to this much more delay, at random, per answer. Default 0. */
	latencyJitterMs?: number;
	/** Delay before a provider's delivery callback is POSTed. Default 50. */
	callbackDelayMs?: number;
	/** No console output. */
	quiet?: boolean;
}

export interface Sandbox {
	/** e.g. `http://127.0.0.1:5690` */
	readonly baseUrl: string;
	readonly port: number;
	/** e.g. `http://127.0.0.1:5690/clearline`: the base URL to put in a credential. */
	providerUrl(name: ProviderName): string;
	requests(filter?: RequestFilter): RequestLogEntry[];
	callbacks(): CallbackLogEntry[];
	/** Throws on an invalid fault; returns it as stored. */
	injectFault(fault: Fault): ActiveFault;
	faults(): ActiveFault[];
	clearFaults(): void;
	/** `jitterMs` (default 0): each answer waits between ms and ms + jitterMs. */
	setLatency(ms: number, jitterMs?: number): void;
	setCallbackDelay(ms: number): void;
	config(): SandboxConfig;
	/** Read-only state a provider exposes, e.g. `inspect('clearline', 'messages')`. */
	inspect(provider: ProviderName, view: string): unknown;
	/**
	 * Makes a provider-side event happen, e.g. `act('clicksend', 'inbound', { from, to, body })`
	 * (what POST /_sandbox/<provider>/<action> does). Throws when the provider has no such action.
	 */
	act(provider: ProviderName, action: string, body: unknown): ProviderActionResult;
	/** POSTs a payload to a webhook now (what POST /_sandbox/deliver does). */
	deliver(request: DeliverRequest): Promise<DeliverResult[]>;
	/** Clears the logs, faults and provider state, and cancels callbacks not sent yet. Keeps the config. */
	reset(): void;
	/** Resolves with the callback log once it holds at least `count` entries; rejects after `timeoutMs`. */
	waitForCallbacks(count: number, timeoutMs?: number): Promise<CallbackLogEntry[]>;
	/** Closes every socket, open or hanging, and cancels every pending timer. */
	close(): Promise<void>;
}
