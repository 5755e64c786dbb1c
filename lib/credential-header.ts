import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * A credential's `authenticate` that puts one field of the credential into one request header
 * (`prefix` first, e.g. "Bearer "). n8n calls it for every request made through
 * httpRequestWithAuthentication, as it applies a generic block; a generic block's
 * `={{$credentials.…}}` is evaluated by n8n's expression engine on every request, a large share of
 * the CPU a per-request send costs in real n8n (docs/benchmark.md, "Connection reuse").
 */
export function headerAuthentication(header: string, field: string, prefix = '') {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, [header]: `${prefix}${String(credentials[field] ?? '')}` },
	});
}
