import type { IExecuteFunctions } from 'n8n-workflow';

import { createProviderClient, type ProviderClient, type RequestPace } from '../../lib/http';
import { requireBaseUrl, requireCredentialField } from '../../lib/inputs';
import { explainSkycoreError, isSkycoreRateLimited } from './errors';

export const SKYCORE_CREDENTIAL = 'skycoreApi';
export const PROVIDER_NAME = 'Skycore';

export interface SkycoreClient {
	client: ProviderClient;
	/**
	 * Skycore gives each account its own endpoint URL and every request is a POST to that URL
	 * itself. The client drops a trailing slash from its base URL; this path puts it back, so the
	 * request goes exactly where the user's URL points (a server may not accept it without).
	 */
	endpointPath: '' | '/';
}

export async function createSkycoreClient(context: IExecuteFunctions, pace: RequestPace, timeoutMs?: number): Promise<SkycoreClient> {
	const credentials = await context.getCredentials(SKYCORE_CREDENTIAL);
	requireCredentialField(context.getNode(), credentials.apiKey, 'Skycore API', 'API Key');
	const endpointUrl = String(credentials.endpointUrl ?? '');
	const client = createProviderClient(context, {
		credentialType: SKYCORE_CREDENTIAL,
		providerName: PROVIDER_NAME,
		baseUrl: requireBaseUrl(context.getNode(), endpointUrl, 'Skycore API', 'API Endpoint URL'),
		credentials,
		explainError: explainSkycoreError,
		isRateLimited: isSkycoreRateLimited,
		pace,
		timeoutMs,
	});
	return { client, endpointPath: endpointUrl.trim().endsWith('/') ? '/' : '' };
}
