import { timingSafeEqual } from 'node:crypto';
import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult, IWebhookFunctions } from 'n8n-workflow';

import { failed, passed } from './credential-test';

/** The protection a trigger's URL can ask for: the providers sign nothing, so the URL is the only secret without it. */
export type WebhookAuthentication = 'none' | 'headerAuth' | 'basicAuth';

/** Credential types of the two protections, defined once in credentials/ for every trigger. */
export const WEBHOOK_HEADER_AUTH = 'smsWebhookHeaderAuthApi';
export const WEBHOOK_BASIC_AUTH = 'smsWebhookBasicAuthApi';

/**
 * The display options of a protection's credential: shown for its Authentication choice only. Each
 * trigger names the two credentials itself, so that n8n's verification can read their names and
 * tests; a new object each time, since n8n keeps a node's description as its own.
 */
export function showForAuthentication(authentication: Exclude<WebhookAuthentication, 'none'>): { show: { authentication: string[] } } {
	return { show: { authentication: [authentication] } };
}

/** The characters of a header name (RFC 9110's token). */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Shorter values can be guessed by trying; a password manager's random value is longer. */
export const MIN_HEADER_SECRET_CHARACTERS = 16;

/**
 * The test of the Header Auth credential. Nothing outside n8n knows the secret, so it checks what
 * would make every request fail or the secret weak; the value itself is checked on each request.
 */
export async function testWebhookHeaderAuth(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const name = String(credential.data?.name ?? '');
	const secret = String(credential.data?.secret ?? '');
	if (!HEADER_NAME.test(name)) {
		return failed(`"${name}" cannot be a header name: use letters, digits and dashes, e.g. X-Webhook-Secret`);
	}
	if (/[\u0000-\u001f\u007f]/.test(secret)) return failed('The Header Value contains a line break or control character, which a header cannot carry');
	if (secret.trim() !== secret) return failed('The Header Value starts or ends with a space, which HTTP drops on the way, so no request would match');
	const length = [...secret].length;
	if (length < MIN_HEADER_SECRET_CHARACTERS) {
		return failed(`The Header Value has ${length} characters: use at least ${MIN_HEADER_SECRET_CHARACTERS} random characters, so that nobody can guess it`);
	}
	return passed(`The header ${name} and its value are well formed; the trigger compares the value with each incoming request and answers 401 to any other`);
}

/** The test of the Basic Auth credential: what can be checked without a request. */
export async function testWebhookBasicAuth(this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
	const user = String(credential.data?.user ?? '');
	const password = String(credential.data?.password ?? '');
	if (user === '' || password === '') return failed('Fill in both the User and the Password');
	// Basic auth sends "user:password", so a colon in the user would be read as the start of the password.
	if (user.includes(':')) return failed('The User contains a colon, which Basic Auth cannot carry: choose a user without one');
	return passed('The user and password are filled; the trigger checks each incoming request against them and answers 401 to any other');
}

/** A trigger's `methods.credentialTest`: the tests its protection credentials name in `testedBy`. */
export const webhookProtectionCredentialTests = { testWebhookHeaderAuth, testWebhookBasicAuth };

/** Whether the request passes the protection the user chose for the webhook URL (Authentication). */
export async function passesWebhookProtection(context: IWebhookFunctions): Promise<boolean> {
	const authentication = context.getNodeParameter('authentication', 'none') as WebhookAuthentication;
	if (authentication === 'none') return true;
	const headers = context.getHeaderData() as Record<string, string | undefined>;

	if (authentication === 'headerAuth') {
		const expected = await context.getCredentials<{ name: string; secret: string }>(WEBHOOK_HEADER_AUTH);
		const received = headers[expected.name.toLowerCase()];
		return received !== undefined && sameSecret(received, expected.secret);
	}

	const expected = await context.getCredentials<{ user: string; password: string }>(WEBHOOK_BASIC_AUTH);
	const given = parseBasicAuthorization(headers.authorization);
	return given !== undefined && sameSecret(given.user, expected.user) && sameSecret(given.password, expected.password);
}

function parseBasicAuthorization(header: string | undefined): { user: string; password: string } | undefined {
	if (!header?.toLowerCase().startsWith('basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return undefined;
	return { user: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

function sameSecret(received: string, expected: string): boolean {
	const a = Buffer.from(received);
	const b = Buffer.from(expected);
	return a.length === b.length && timingSafeEqual(a, b);
}

