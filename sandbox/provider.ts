import type { CallbackOptions, Fault, ProviderActionResult, ProviderName } from './types';

/** A request as a provider route sees it: the path is relative to the provider prefix. */
export interface ProviderRequest {
	method: string;
	path: string;
	/** Values of `:name` segments of the matched route. */
	params: Record<string, string>;
	query: Record<string, string | string[]>;
	/** Header names are lower case, as Node gives them. */
	headers: Record<string, string | string[] | undefined>;
	contentType: string;
	rawBody: string;
	/** Parsed JSON or form, the raw text otherwise, null when empty. */
	body: unknown;
}

/** What a route answers. A string body is sent as is, anything else as JSON, undefined as nothing. */
export interface ProviderResponse {
	status: number;
	body?: unknown;
	contentType?: string;
	headers?: Record<string, string>;
}

export interface ProviderRoute {
	method: string;
	/** e.g. `/MessageSender/sms` or `/automations/sms/inbound/:id`. */
	path: string;
	handle(request: ProviderRequest): ProviderResponse | Promise<ProviderResponse>;
}

/** What the core lends to a provider instance. */
export interface ProviderContext {
	/** POSTs a delivery callback after the configured delay; logged, never throws, cancelled by reset/close. */
	scheduleCallback(url: string, body: unknown, options?: CallbackOptions): void;
}

/** One provider's state and routes; the core creates a fresh one on reset. */
export interface ProviderInstance {
	routes: ProviderRoute[];
	/** Read-only views served at GET /_sandbox/<provider>/<view>. */
	views?: Record<string, () => unknown>;
	/** Provider-side events a test can trigger at POST /_sandbox/<provider>/<action>, e.g. an inbound SMS. */
	actions?: Record<string, (body: unknown) => ProviderActionResult>;
}

export interface ProviderDefinition {
	name: ProviderName;
	title: string;
	/** Whether route paths match in any case (ASP.NET routing does). */
	caseInsensitivePaths?: boolean;
	/** Lines for the `npm run sandbox` banner: how to authenticate, rules worth knowing. */
	describe(): string[];
	create(context: ProviderContext): ProviderInstance;
	/** The provider's answer to a path it does not have. */
	notFound(request: ProviderRequest): ProviderResponse;
	/** The provider's answer to a known path with the wrong method; notFound when absent. */
	methodNotAllowed?(request: ProviderRequest, allowed: string[]): ProviderResponse;
	/**
	 * Rejects a request to one of its routes with bad credentials: returns the rejection, or
	 * undefined to let it through. Runs after routing and before the body is looked at.
	 */
	authenticate?(request: ProviderRequest): ProviderResponse | undefined;
	/** The provider's answer to a JSON body it cannot parse, sent to one of its routes. */
	invalidJson(request: ProviderRequest, parseError: string): ProviderResponse;
	/**
	 * Headers the provider puts on an answer like this fault's, e.g. `X-RateLimit-*` on a 429,
	 * so that an injected fault looks like the real thing. Optional; a fault's own headers win.
	 */
	faultHeaders?(fault: Fault): Record<string, string>;
}
