import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * Credential fields whose values must never reach a message, description or output. Matched by
 * name so that every provider's credential is covered without a list per provider.
 */
const SECRET_FIELD = /key|token|secret|password|pass$/i;

export function collectSecrets(credentials: Record<string, unknown> | undefined): string[] {
	if (!credentials) return [];
	const secrets = Object.entries(credentials)
		.filter(([field, value]) => SECRET_FIELD.test(field) && typeof value === 'string' && value.length >= 4)
		.map(([, value]) => value as string);
	// HTTP Basic sends `username:secret` in base64: a provider echoing the Authorization header
	// would show that, not the secret itself.
	const username = credentials.username;
	if (typeof username === 'string' && username !== '') {
		for (const secret of [...secrets]) secrets.push(Buffer.from(`${username}:${secret}`).toString('base64'));
	}
	return secrets;
}

/**
 * Replaces every secret in a text, however the text carries it: as typed, escaped inside JSON
 * (a `"` or `\` in a key becomes `\"` or `\\`), or URL- or form-encoded (a query string or a
 * form body echoed back). Base64 for HTTP Basic is one of the secrets already (collectSecrets).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
	let redacted = text;
	for (const form of secretForms(secrets)) redacted = redacted.split(form).join('***');
	return redacted;
}

function secretForms(secrets: readonly string[]): string[] {
	const forms = new Set<string>();
	for (const secret of secrets) {
		let jsonEscaped = secret;
		// Twice: a provider may put a JSON text inside a JSON string (an echoed request body).
		for (let depth = 0; depth < 2; depth++) {
			jsonEscaped = JSON.stringify(jsonEscaped).slice(1, -1);
			forms.add(jsonEscaped);
		}
		const urlEncoded = encodeURIComponent(secret);
		forms.add(secret).add(urlEncoded).add(urlEncoded.replace(/%20/g, '+')).add(new URLSearchParams({ s: secret }).toString().slice(2));
	}
	// Longest first, so that a secret inside another's escaped form is not replaced half-way.
	return [...forms].filter((form) => form !== '').sort((a, b) => b.length - a.length);
}

/** Deep copy of a provider's body with every secret replaced (in keys and values), for error details and outputs. */
export function redactValue<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0 || value === undefined) return value;
	const redact = (inner: unknown): unknown => {
		if (typeof inner === 'string') return redactSecrets(inner, secrets);
		if (Array.isArray(inner)) return inner.map(redact);
		if (typeof inner === 'object' && inner !== null) {
			return Object.fromEntries(Object.entries(inner).map(([key, entry]) => [redactSecrets(key, secrets), redact(entry)]));
		}
		return inner;
	};
	return redact(value) as T;
}

export interface InputProblem {
	/** The field as the user sees it in the node, e.g. "To". */
	field: string;
	/** What is wrong, continuing "The field "To" of item 3 …", e.g. "is too short". */
	reason: string;
	/** How to fix it. */
	hint: string;
}

/** Bad input: names the item and the field, says how to fix it, and nothing was sent for it. */
export function invalidInputError(node: INode, itemIndex: number, problem: InputProblem): NodeOperationError {
	return new NodeOperationError(node, `The field "${problem.field}" of item ${itemIndex} ${problem.reason}`, {
		itemIndex,
		description: `${problem.hint}. Nothing was sent for this item.`,
	});
}

export interface ProviderErrorExplanation {
	/** What happened, in the user's words, e.g. "The API key was refused". */
	message: string;
	/** How to fix it. */
	description: string;
}

export interface ProviderFailure {
	httpCode?: number;
	/** The provider's own answer, kept in the error details (redacted). */
	body?: unknown;
	explanation: ProviderErrorExplanation;
	itemIndex?: number;
	secrets?: readonly string[];
	/**
	 * The answer leaves it open whether the provider took the message (a timeout, a cut answer, a
	 * 5xx to a send): the item is never sent again without the user's opt-in, not even by n8n's
	 * Retry On Fail (withRetryMemory in lib/send.ts).
	 */
	mayHaveBeenSent?: boolean;
}

export function providerError(node: INode, failure: ProviderFailure): NodeApiError {
	const secrets = failure.secrets ?? [];
	const message = redactSecrets(failure.explanation.message, secrets);
	const description = redactSecrets(failure.explanation.description, secrets);
	// The provider's HTTP status only when it is one of an error (or a redirect): a refusal inside a
	// 200 answer would otherwise read "200" next to "refused".
	const httpCode = failure.httpCode !== undefined && failure.httpCode >= 300 ? String(failure.httpCode) : undefined;
	const details: JsonObject = { message, description };
	if (httpCode !== undefined) details.httpCode = httpCode;
	if (failure.body !== undefined) details.providerResponse = redactValue(failure.body, secrets) as JsonObject;
	const error = new NodeApiError(node, details, { message, description, httpCode, itemIndex: failure.itemIndex });
	if (failure.mayHaveBeenSent) error.context = { ...error.context, mayHaveBeenSent: true };
	return error;
}

/** Whether an item's error says its message may have reached the provider (see ProviderFailure). */
export function mayHaveBeenSent(error: unknown): boolean {
	if (typeof error !== 'object' || error === null) return false;
	const context = (error as { context?: { mayHaveBeenSent?: unknown } }).context;
	return context?.mayHaveBeenSent === true;
}

/**
 * Sentences for a message or description, each ending with its full stop, one space between:
 * explanations are written without a final full stop, and notes are appended to them.
 */
export function joinSentences(...parts: Array<string | null | undefined>): string {
	return parts
		.map((part) => (part ?? '').trim())
		.filter((part) => part !== '')
		.map((part) => (/[.!?]$/.test(part) ? part : `${part}.`))
		.join(' ');
}

/** A 3xx answer: requests never follow one (lib/http.ts), so say where it points and what to do. */
export function explainRedirect(status: number, location: string | undefined, providerName: string): ProviderErrorExplanation {
	const where = location ? ` to ${location}` : '';
	return {
		message: `${providerName} redirected the request (HTTP ${status})`,
		description:
			`The address in the credential points elsewhere${where}. The node does not follow redirects, so that the key goes only ` +
			'to the address you set and nothing is posted twice: if that is the right address, set it as the Base URL in the credential',
	};
}

/** Generic explanations by HTTP status, used where a provider's own table has nothing better. */
export function explainHttpStatus(status: number, providerName: string): ProviderErrorExplanation {
	if (status === 400 || status === 422) {
		return {
			message: `${providerName} refused the request as invalid`,
			description: 'Check the fields of this item against what the provider accepts; the provider response is in the error details',
		};
	}
	if (status === 401) {
		return {
			message: `${providerName} refused the credentials`,
			description: `Check the API key in the ${providerName} credential, and that it belongs to the environment (base URL) it is used with`,
		};
	}
	if (status === 403) {
		return {
			message: `${providerName} does not allow this for the account`,
			description: 'The credentials were accepted but lack the permission; check the account settings with the provider',
		};
	}
	if (status === 404) {
		return {
			message: `${providerName} does not know this address or resource`,
			description: 'Check the base URL in the credential and the ID used in this item',
		};
	}
	if (status === 429) {
		return {
			message: `${providerName} kept answering "too many requests"`,
			description: 'Lower the Concurrency option or spread the workflow over time; the node already waited and retried',
		};
	}
	if (status >= 500) {
		return {
			message: `${providerName} had a server error (HTTP ${status})`,
			description: 'The provider had a problem; try again later',
		};
	}
	return {
		message: `${providerName} answered with HTTP ${status}`,
		description: 'The provider response is in the error details',
	};
}

/** "1 message", "3 messages": a count with its noun in the right number. */
export function countOf(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The items of a batch as a user reads them: "item 4", "items 0–9", or "items 0, 2 and 5" when not consecutive. */
export function describeItems(itemIndexes: readonly number[]): string {
	const sorted = [...itemIndexes].sort((a, b) => a - b);
	if (sorted.length === 1) return `item ${sorted[0]}`;
	const consecutive = sorted.every((index, position) => position === 0 || index === sorted[position - 1] + 1);
	if (consecutive) return `items ${sorted[0]}–${sorted[sorted.length - 1]}`;
	return `items ${sorted.slice(0, -1).join(', ')} and ${sorted[sorted.length - 1]}`;
}
