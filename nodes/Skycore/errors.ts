import type { ProviderErrorExplanation } from '../../lib/errors';
import type { ProviderResponse } from '../../lib/http';

/**
 * What a Skycore error code means for the rest of the run:
 * - item: this message was refused (its number, sender, text or campaign); the other items can go;
 * - account: every message would be refused the same way (key, IP whitelist, billing), so the node
 *   sends nothing more once one item got it;
 * - rateLimit: the account is sending too fast; the request is retried like a 429 (see isSkycoreRateLimited).
 */
export type SkycoreErrorScope = 'item' | 'account' | 'rateLimit';

interface SkycoreErrorEntry extends ProviderErrorExplanation {
	scope: SkycoreErrorScope;
}

const AUTHENTICATION: SkycoreErrorEntry = {
	scope: 'account',
	message: 'Skycore refused the API key',
	description:
		'Check the API Key in the Skycore credential (Skycore shows it under Account › API Settings; it is case-sensitive and resetting it makes the old one invalid) and that the API Endpoint URL is the one Skycore gave this account',
};

/** The one table of Skycore's error codes (docs/providers/skycore.md): what to fix for each. */
const SKYCORE_ERRORS: Record<string, SkycoreErrorEntry> = {
	...Object.fromEntries(Array.from({ length: 10 }, (_, index) => [`E10${index}`, AUTHENTICATION])),
	E110: {
		scope: 'item',
		message: 'Skycore refused the receiver number',
		description:
			'Check the To field: Skycore needs a mobile number with its country code (the node sends it as international digits, e.g. 17743199144)',
	},
	E111: {
		scope: 'item',
		message: 'Skycore refused the sender',
		description:
			'Check the From field: it must be a short code, toll-free or 10DLC number of this Skycore account, numbers with their country code',
	},
	E112: {
		scope: 'account',
		message: 'Skycore refused the IP address n8n sends from',
		description:
			'Add the public IP address of this n8n to the IP whitelist in Skycore under Account › API Settings, or ask Skycore to lift the IP check',
	},
	E113: {
		scope: 'rateLimit',
		message: 'Skycore kept refusing: the account’s throughput was exceeded',
		description:
			'The node slowed down and retried. Lower the Concurrency option or spread the sends over time; Skycore shows the account’s limits under Account › API Settings',
	},
	E114: {
		scope: 'item',
		message: 'Skycore refused the receiver: the number is blacklisted',
		description:
			'The person asked not to be texted (usually by replying STOP) or the number was blocked; do not send to it unless they opted in again and Skycore removed it from the blacklist',
	},
	E120: {
		scope: 'rateLimit',
		message: 'Skycore kept refusing: the account’s API request limit was reached',
		description:
			'The node slowed down and retried. Skycore limits requests per second, minute and day (see Account › API Settings): run the rest later or lower the Concurrency option',
	},
	E201: {
		scope: 'item',
		message: 'Skycore says the receiver is missing',
		description: 'Map the To field to a field that holds the phone number',
	},
	E712: {
		scope: 'item',
		message: 'Skycore says the message text is missing',
		description: 'Type the Message or map a field that holds it',
	},
	E713: {
		scope: 'account',
		message: 'Skycore refused to send for a billing reason',
		description: 'Check the account’s balance, plan or invoices with Skycore; no message will go out until that is settled',
	},
	E715: {
		scope: 'item',
		message: 'Skycore refused the receiver: the number is not subscribed to the campaign',
		description:
			'The account enforces campaign checks: set Additional Fields › Campaign Reference to the campaign the number subscribed to, or subscribe the number first',
	},
};

export interface SkycoreFailure {
	code: string;
	info: string;
}

export interface SkycoreErrorExplanation extends ProviderErrorExplanation {
	scope: SkycoreErrorScope;
	code: string;
}

/** A `{"status":"Failure", "error-code", "error-info"}` body (whatever the HTTP status), or undefined. */
export function readSkycoreFailure(body: unknown): SkycoreFailure | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const answer = body as Record<string, unknown>;
	if (String(answer.status ?? '').toLowerCase() !== 'failure') return undefined;
	return {
		code: String(answer['error-code'] ?? '').trim().toUpperCase(),
		info: typeof answer['error-info'] === 'string' ? answer['error-info'].trim() : '',
	};
}

export function explainSkycoreFailure(failure: SkycoreFailure): SkycoreErrorExplanation {
	const said = failure.info ? `. Skycore said: “${failure.info}”` : '';
	const known = SKYCORE_ERRORS[failure.code];
	if (known) {
		return {
			scope: known.scope,
			code: failure.code,
			message: `${known.message} (${failure.code})`,
			description: `${known.description}${said}`,
		};
	}
	return {
		scope: 'item',
		code: failure.code,
		message: `Skycore refused the message${failure.code ? ` (${failure.code})` : ''}`,
		description: `Skycore answered with an error code this node does not know${said}`,
	};
}

/** The client's explainError hook: Skycore's own reading of an answer, whatever its HTTP status. */
export function explainSkycoreError(response: ProviderResponse): ProviderErrorExplanation | undefined {
	const failure = readSkycoreFailure(response.body);
	return failure ? explainSkycoreFailure(failure) : undefined;
}

/**
 * E113 (throughput exceeded) and E120 (request limit) come in a 200 answer. A Failure body means
 * Skycore did NOT accept the message, so sending the same request again cannot text the person
 * twice: it is as safe to retry as a 429, and is handled as one (wait, slow the pool, retry).
 */
export function isSkycoreRateLimited(response: ProviderResponse): boolean {
	const failure = readSkycoreFailure(response.body);
	return failure !== undefined && SKYCORE_ERRORS[failure.code]?.scope === 'rateLimit';
}
