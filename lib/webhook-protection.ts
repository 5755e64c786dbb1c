import { timingSafeEqual } from 'node:crypto';
import type { INodeCredentialDescription, IWebhookFunctions } from 'n8n-workflow';

/** The protection a trigger's URL can ask for: the providers sign nothing, so the URL is the only secret without it. */
export type WebhookAuthentication = 'none' | 'headerAuth' | 'basicAuth';

/** Credential types of the two protections, defined once in credentials/ for every trigger. */
export const WEBHOOK_HEADER_AUTH = 'smsWebhookHeaderAuthApi';
export const WEBHOOK_BASIC_AUTH = 'smsWebhookBasicAuthApi';

/**
 * The credentials of the Authentication choice every trigger offers; new objects for each node,
 * since n8n keeps a node's description as its own.
 */
export function webhookProtectionCredentials(): INodeCredentialDescription[] {
	return [
		{ name: WEBHOOK_HEADER_AUTH, required: true, displayOptions: { show: { authentication: ['headerAuth'] } } },
		{ name: WEBHOOK_BASIC_AUTH, required: true, displayOptions: { show: { authentication: ['basicAuth'] } } },
	];
}

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

