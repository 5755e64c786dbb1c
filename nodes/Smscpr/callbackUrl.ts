import type { INode } from 'n8n-workflow';

import { invalidInputError } from '../../lib/errors';
import { optionalHttpUrl } from '../../lib/inputs';

/**
 * SMSCPR accepts only HTTPS receipt URLs whose host name has no underscore (spec). The one
 * exception: plain http to this machine (localhost, 127.0.0.1, [::1]), so that a local n8n can
 * receive receipts from the sandbox. SMSCPR itself refuses internal addresses, so a real send with
 * such a URL is still refused by SMSCPR.
 */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function optionalCallbackUrl(node: INode, itemIndex: number, field: string, value: unknown): string | undefined {
	const text = optionalHttpUrl(node, itemIndex, field, value);
	if (text === undefined) return undefined;
	const url = new URL(text);
	if (url.hostname.includes('_')) {
		throw invalidInputError(node, itemIndex, {
			field,
			reason: `has an underscore in the host name (${url.hostname})`,
			hint: 'SMSCPR refuses host names with underscores: use a host name of letters, digits, dots and dashes',
		});
	}
	if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
		throw invalidInputError(node, itemIndex, {
			field,
			reason: 'uses http: instead of https:',
			hint: 'SMSCPR posts receipts to HTTPS addresses only: use the https:// Production URL of an SMSCPR Trigger',
		});
	}
	return text;
}
