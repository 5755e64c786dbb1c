import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

/*
 * Credentials apply their key with a function `authenticate` rather than a generic block: n8n calls
 * either for every request made through httpRequestWithAuthentication, but a generic block's
 * `={{$credentials.…}}` goes through n8n's expression engine each time, a large share of the CPU
 * a per-request send costs, and in a fresh n8n process the engine's first evaluation is slower
 * still (docs/benchmark.md, "Per-request CPU").
 */

/**
 * A credential's `authenticate` that puts one field of the credential into one request header
 * (`prefix` first, e.g. "Bearer ").
 */
export function headerAuthentication(header: string, field: string, prefix = '') {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, [header]: `${prefix}${String(credentials[field] ?? '')}` },
	});
}

/** A credential's `authenticate` that sends two fields of the credential as HTTP Basic authentication. */
export function basicAuthentication(usernameField: string, passwordField: string) {
	return async (credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		auth: { username: String(credentials[usernameField] ?? ''), password: String(credentials[passwordField] ?? '') },
	});
}
