import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from './http';

/** A node's `methods.credentialTest` entry: what n8n runs when the user tests a credential. */
export type CredentialTestFunction = (this: ICredentialTestFunctions, credential: ICredentialsDecrypted) => Promise<INodeCredentialTestResult>;

export interface ProviderAnswer {
	statusCode: number;
	body: unknown;
}

/** A request that reaches the provider's send endpoint with the key but without what a message needs. */
export interface RequestThatCannotSend {
	url: string;
	headers: Record<string, string>;
	body: IDataObject;
}

/**
 * How one provider's key is checked without texting anyone: `request` builds a send that lacks its
 * recipient (or says which credential field is unusable), `readAnswer` tells a refused key from a
 * refused body.
 */
export interface KeyCheckWithoutSending {
	providerName: string;
	request(credential: ICredentialDataDecryptedObject): RequestThatCannotSend | { unusableField: string };
	readAnswer(answer: ProviderAnswer): INodeCredentialTestResult;
}

export function passed(message: string): INodeCredentialTestResult {
	return { status: 'OK', message };
}

export function failed(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/** The credential test of a provider that has no request besides the send. */
export function keyCheckWithoutSending(check: KeyCheckWithoutSending): CredentialTestFunction {
	return async function testKeyWithoutSending(this: ICredentialTestFunctions, credential: ICredentialsDecrypted) {
		const request = check.request(credential.data ?? {});
		if ('unusableField' in request) return failed(`${request.unusableField} is not a web address such as https://…`);
		let answer: ProviderAnswer;
		try {
			answer = await postFromCredentialTest(this.helpers, request);
		} catch (error) {
			const reason = (error as { code?: string }).code ?? (error as Error).message;
			return failed(`Could not reach ${check.providerName} at ${request.url} (${reason}): check the address and that n8n can reach it`);
		}
		return check.readAnswer(answer);
	};
}

/**
 * A credential test gets only `helpers.request` from n8n (its CredentialTestContext has no
 * httpRequest), and that helper carries n8n's proxy and outbound-request settings, so it is used
 * here rather than a request of our own. Any status comes back as an answer; redirects are not followed.
 */
async function postFromCredentialTest(helpers: ICredentialTestFunctions['helpers'], request: RequestThatCannotSend): Promise<ProviderAnswer> {
	const response = (await helpers.request({
		method: 'POST',
		uri: request.url,
		headers: { ...request.headers, 'content-type': 'application/json' },
		body: request.body,
		json: true,
		simple: false,
		resolveWithFullResponse: true,
		followRedirect: false,
		followAllRedirects: false,
		timeout: DEFAULT_TIMEOUT_MS,
	})) as { statusCode: number; body: unknown };
	return { statusCode: response.statusCode, body: response.body };
}

/** Said when an answer is not one the check can read either way. */
export function unreadableAnswer(providerName: string, answer: ProviderAnswer): INodeCredentialTestResult {
	if (answer.statusCode === 404 || answer.statusCode === 405) {
		return failed(`${providerName} does not know this address (HTTP ${answer.statusCode}): check the address in the credential`);
	}
	if (answer.statusCode >= 500) return failed(`${providerName} answered HTTP ${answer.statusCode}: try the test again later`);
	return failed(`${providerName} answered HTTP ${answer.statusCode}, which does not say whether the key is valid: check the address in the credential`);
}
