import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { type ProviderErrorExplanation } from '../../lib/errors';
import { createProviderClient, type ProviderClient, type ProviderResponse, type RequestPace } from '../../lib/http';
import { requireBaseUrl, requireCredentialField } from '../../lib/inputs';

export const CLEARLINE_CREDENTIAL = 'clearLineApi';
export const PROVIDER_NAME = 'ClearLine';

const ENVIRONMENT_URLS: Record<string, string> = {
	production: 'https://api.clearline.me',
	staging: 'https://apistage.clearline.me',
};

export function clearLineBaseUrl(credentials: IDataObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') return String(credentials.baseUrl ?? '').trim();
	return ENVIRONMENT_URLS[environment] ?? ENVIRONMENT_URLS.production;
}

export async function createClearLineClient(context: IExecuteFunctions, pace: RequestPace, timeoutMs?: number): Promise<ProviderClient> {
	const credentials = await context.getCredentials(CLEARLINE_CREDENTIAL);
	requireCredentialField(context.getNode(), credentials.apiKey, 'ClearLine API', 'API Key');
	return createProviderClient(context, {
		credentialType: CLEARLINE_CREDENTIAL,
		providerName: PROVIDER_NAME,
		baseUrl: requireBaseUrl(context.getNode(), clearLineBaseUrl(credentials), 'ClearLine API'),
		credentials,
		explainError: explainClearLineError,
		pace,
		timeoutMs,
	});
}

/**
 * ClearLine documents only its success body. It is an ASP.NET API, so validation errors come as
 * ProblemDetails (`{title, errors: {Field: [..]}}`) and a refused key as a bare 401; the sandbox
 * answers the same way. A `{succeed: false, message}` body is read too, in case the API uses it.
 */
export function explainClearLineError(response: ProviderResponse): ProviderErrorExplanation | undefined {
	if (response.statusCode === 401 || response.statusCode === 403) {
		return {
			message: 'ClearLine refused the API key',
			description:
				'Check the API key in the ClearLine credential, and that it belongs to the chosen environment (a staging key does not work in production)',
		};
	}
	const detail = describeProblem(response.body);
	if (response.statusCode === 400 && detail) {
		return { message: `ClearLine refused the message: ${detail}`, description: 'Fix the field named above for this item and run it again' };
	}
	if (detail && response.statusCode < 500) {
		return { message: `ClearLine refused the request (HTTP ${response.statusCode}): ${detail}`, description: 'The provider response is in the error details' };
	}
	return undefined;
}

function describeProblem(body: unknown): string | undefined {
	if (typeof body !== 'object' || body === null) return undefined;
	const problem = body as { errors?: Record<string, unknown>; title?: unknown; message?: unknown };
	if (problem.errors && typeof problem.errors === 'object') {
		const fields = Object.entries(problem.errors).map(
			([field, messages]) => `${field}: ${Array.isArray(messages) ? messages.join(' ') : String(messages)}`,
		);
		if (fields.length > 0) return fields.join('; ');
	}
	if (typeof problem.message === 'string' && problem.message !== '') return problem.message;
	if (typeof problem.title === 'string' && problem.title !== '') return problem.title;
	return undefined;
}
