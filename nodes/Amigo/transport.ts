import type { IExecuteFunctions } from 'n8n-workflow';

import { type ProviderErrorExplanation } from '../../lib/errors';
import { createProviderClient, type ProviderClient, type ProviderResponse, type RequestPace } from '../../lib/http';
import { requireBaseUrl, requireCredentialField } from '../../lib/inputs';

export const AMIGO_CREDENTIAL = 'amigoApi';
export const PROVIDER_NAME = 'Amigo';
export const DEFAULT_BASE_URL = 'https://api.platform.amigo.ai';

export async function createAmigoClient(context: IExecuteFunctions, pace: RequestPace, timeoutMs?: number): Promise<ProviderClient> {
	const credentials = await context.getCredentials(AMIGO_CREDENTIAL);
	requireCredentialField(context.getNode(), credentials.apiKey, 'Amigo API', 'API Key');
	return createProviderClient(context, {
		credentialType: AMIGO_CREDENTIAL,
		providerName: PROVIDER_NAME,
		baseUrl: requireBaseUrl(context.getNode(), String(credentials.baseUrl ?? DEFAULT_BASE_URL), 'Amigo API'),
		credentials,
		explainError: explainAmigoError,
		pace,
		timeoutMs,
	});
}

interface ReasonFix {
	/** Recognises the reason Amigo gave. Amigo does not publish the exact texts, so the patterns match the words of its spec and of the carrier errors it passes on. */
	matches: RegExp;
	/** What the user must do, shown as the error description. */
	fix: string;
}

/**
 * The 422 reasons of the spec, most specific first: "No verified A2P campaign for the … sender
 * pool" must not be read as "no number in the sender pool", and "Destination region …" must not be
 * read as an invalid destination.
 */
const UNPROCESSABLE_REASONS: ReasonFix[] = [
	{
		matches: /brand.*suspend|suspend.*brand/i,
		fix: 'The brand registration (TCR) behind this use case is suspended, so no message can go out through it. Resolve the suspension with Amigo support or send through another use case',
	},
	{
		matches: /a2p|10dlc|campaign/i,
		fix: 'Register an A2P 10DLC campaign for this use case and wait until it is verified (US long-code numbers need one), or send through a use case whose numbers are toll-free or short codes',
	},
	{
		matches: /opted[ -]?out|unsubscribed|\bstop\b/i,
		fix: 'The recipient has opted out (e.g. replied STOP): do not send to this number again unless they opt back in, for example by texting START',
	},
	{
		matches: /region|geo(graphic)?[ -]?permission|country.*not (permitted|allowed|enabled)/i,
		fix: "The messaging service may not send to this number's country: ask Amigo to enable that destination region for the use case, or remove the number",
	},
	{
		matches: /landline|not a (real|valid|mobile)|invalid (destination|phone|to\b)|not.*sms[- ]capable/i,
		fix: 'Check the To number: it must be a real mobile number that can receive SMS, not a landline. Correct it or remove it from the list',
	},
	{
		matches: /\bno (phone )?numbers?\b|sender pool|number.*assigned/i,
		fix: "Assign at least one phone number to this use case's sender pool in Amigo, then send again",
	},
];

/**
 * Amigo answers errors as FastAPI does: `{ detail: "<reason>" }`, or `{ detail: [{ loc, msg }] }`
 * when the body fails validation. The reason is shown as Amigo gave it, followed by the fix.
 */
export function explainAmigoError(response: ProviderResponse): ProviderErrorExplanation | undefined {
	const { statusCode } = response;
	const reason = readReason(response.body);
	const detail = reason ?? readValidationIssues(response.body);
	if (statusCode === 401) {
		return {
			message: 'Amigo refused the API key',
			description:
				'Check the API key in the Amigo API credential: it must be a current workspace API key (keys expire; create a new one in the workspace) for the Base URL of your region',
		};
	}
	if (statusCode === 403) {
		return {
			message: `Amigo does not allow this API key to send SMS${detail ? `: ${detail}` : ''}`,
			description: 'Use a workspace API key whose role may send SMS, or ask a workspace admin to grant it',
		};
	}
	if (statusCode === 404) {
		if (detail === undefined || detail === 'Not Found') {
			// FastAPI's answer for a path it does not have: the base URL is wrong, not the use case.
			return {
				message: 'Amigo does not know this address',
				description: `Check the Base URL in the Amigo API credential (usually ${DEFAULT_BASE_URL}, without a path)`,
			};
		}
		return {
			message: `Amigo refused the message: ${detail}`,
			description:
				'Check the Use Case ID: copy it from the SMS use case in the Amigo workspace of this API key. The use case must exist, be active and not deleted',
		};
	}
	if (statusCode === 422 && reason) {
		const known = UNPROCESSABLE_REASONS.find((candidate) => candidate.matches.test(reason));
		return {
			message: `Amigo refused the message: ${reason}`,
			description: known?.fix ?? 'Fix what Amigo names above for this item and run it again; the provider response is in the error details',
		};
	}
	if (statusCode === 422 && detail) {
		return { message: `Amigo refused the request as invalid: ${detail}`, description: 'Fix the field named above for this item and run it again' };
	}
	if (detail && statusCode >= 400 && statusCode < 500 && statusCode !== 429) {
		return { message: `Amigo refused the request (HTTP ${statusCode}): ${detail}`, description: 'The provider response is in the error details' };
	}
	return undefined;
}

function detailOf(body: unknown): unknown {
	return typeof body === 'object' && body !== null ? (body as { detail?: unknown }).detail : undefined;
}

/** A refusal's reason: the text `detail` of a FastAPI HTTPException. */
function readReason(body: unknown): string | undefined {
	const detail = detailOf(body);
	return typeof detail === 'string' && detail.trim() !== '' ? detail.trim() : undefined;
}

/** A failed validation's `detail` list as one line: each invalid field with its message. */
function readValidationIssues(body: unknown): string | undefined {
	const detail = detailOf(body);
	if (!Array.isArray(detail)) return undefined;
	const issues = detail
		.filter((issue): issue is { loc?: unknown; msg?: unknown } => typeof issue === 'object' && issue !== null)
		.map((issue) => {
			const location = Array.isArray(issue.loc) ? issue.loc.filter((part) => part !== 'body').join('.') : '';
			const message = typeof issue.msg === 'string' ? issue.msg : 'invalid';
			return location ? `${location}: ${message}` : message;
		});
	return issues.length > 0 ? issues.join('; ') : undefined;
}
