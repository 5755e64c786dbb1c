/**
 * ClickSend REST v3, emulated from its contract (docs/providers/clicksend.md, our summary of
 * ClickSend's documentation). Mounted at /clicksend, standing for
 * https://rest.clicksend.com/v3. HTTP Basic auth (username + API key). Every answer is the
 * envelope { http_code, response_code, response_msg, data }; lists are Laravel paginators
 * (page / limit 15–100).
 *
 * Where the spec is silent, what the real API most likely does (its public docs and SDKs):
 * - 401 { http_code: 401, response_code: 'UNAUTHORIZED', response_msg, data: null } for missing or
 *   wrong Basic credentials, checked after routing and before the body; unknown path → 404
 *   NOT_FOUND, known path with another method → 405 METHOD_NOT_FOUND (ClickSend's own code), a
 *   JSON body that does not parse → 400 BAD_REQUEST. Paths are case-sensitive.
 * - /sms/send and /sms/price: no `messages`, an empty array or more than 1000 messages → 400
 *   BAD_REQUEST, nothing sent. Otherwise 200 and a `status` per message (SUCCESS, INVALID_RECIPIENT,
 *   INSUFFICIENT_CREDIT, MISSING_REQUIRED_FIELDS: the names of ClickSend's "post application status
 *   codes"). `to` is normalised to E.164 (default country: the message's `country`, else AU).
 *   A `list_id` expands to one message per contact; only SANDBOX_CONTACT_LIST exists.
 *   The price is flat, 0.0792 AUD a part (the spec's example), parts counted GSM-7 / UCS-2.
 * - The spec's history and templates examples show `data` as an array (and `status` for
 *   `http_code`): the sandbox answers with the same paginator as every other list.
 * - Cancelling a message that is not scheduled → 400 BAD_REQUEST; an unknown id anywhere → 404
 *   NOT_FOUND. A scheduled message is never sent by the sandbox (no receipt), only cancelled.
 * - Receipts are made when a message is sent (history status Sent / Failed and status_code at
 *   once) and posted, form-encoded, after callbackDelayMs to every enabled receipt rule whose
 *   action is URL (any match_type). Test receipts / test inbound (POST /sms/receipts, /sms/inbound)
 *   go to the given URL, or with url "poll" are kept for polling instead.
 * - An inbound rule matches only its `dedicated_number` exactly as ClickSend lists numbers (E.164),
 *   and a reply's `to` is reported in E.164 (docs/providers/clicksend.md).
 * - Inbound rules default to webhook_type post; rule ids are `inbound_rule_id` / `receipt_rule_id`
 *   (the path names; one docs example says `sms_inbound_rule_id`). PUT changes the fields given.
 * - GET /sms/inbound lists every unread inbound message (no POLL rule needed in the sandbox).
 * - The history export is a CSV of every matching message (page/limit ignored) at a URL under
 *   /clicksend/exports/ that needs no credentials, like ClickSend's pre-signed S3 links.
 * - /account answers fixed sandbox data; /numbers, /own-numbers and /alpha-tags list the account's
 *   senders (account.ts), which the `senders` action replaces.
 */
import { SANDBOX_KEYS } from '../../keys';
import type { ProviderDefinition, ProviderRequest, ProviderResponse } from '../../provider';
import { accountRoutes, setSenders } from './account';
import { automationRoutes } from './automations';
import { badRequest, failure } from './envelope';
import { inboundRoutes, simulateInbound } from './inbound';
import { receiptRoutes } from './receipts';
import { EXPORTS_PATH_PREFIX, smsRoutes } from './sms';
import { createState } from './state';
import { templateRoutes } from './templates';

export const clicksend: ProviderDefinition = {
	name: 'clicksend',
	title: 'ClickSend',

	describe: () => [
		`Auth: HTTP Basic ${SANDBOX_KEYS.clicksend.username} / ${SANDBOX_KEYS.clicksend.apiKey}`,
		'Send: POST /sms/send {"messages": [{"to": "+61411111111", "body": "…", "custom_string": "…"}]} (at most 1000)',
		'Per-message status by the last four digits of `to`: 9999 → INVALID_RECIPIENT, 9998 → INSUFFICIENT_CREDIT.',
		'Receipts (form POST to enabled URL receipt rules): 0000 → 301 failed, 0001 → 300 temporary failure,',
		'  0002 → 200 sent to network, anything else → 201 delivered.',
		'Inbound: POST /_sandbox/clicksend/inbound {"from", "body", "to"?, "custom_string"?} → matching inbound rules.',
	],

	create(context) {
		const state = createState(context);
		return {
			routes: [
				...smsRoutes(state),
				...templateRoutes(state),
				...receiptRoutes(state),
				...inboundRoutes(state),
				...automationRoutes(state),
				...accountRoutes(state),
			],
			views: {
				messages: () => structuredClone(state.messages),
				templates: () => structuredClone(state.templates),
				rules: () => structuredClone({ inbound: state.inboundRules, receipts: state.receiptRules }),
				inboundRules: () => structuredClone(state.inboundRules),
				receiptRules: () => structuredClone(state.receiptRules),
				receipts: () => state.receipts.map((entry) => ({ ...entry.record, read: entry.read })),
				inbound: () => state.inbound.map((entry) => ({ ...entry.record, read: entry.read })),
			},
			actions: { inbound: (payload) => simulateInbound(state, payload), senders: (payload) => setSenders(state, payload) },
		};
	},

	authenticate(request) {
		if (request.path.startsWith(EXPORTS_PATH_PREFIX)) return undefined;
		return hasSandboxCredentials(request) ? undefined : unauthorized();
	},

	notFound: () => failure(404, 'NOT_FOUND', 'Resource not found.'),

	methodNotAllowed: (_request, allowed) => ({
		...failure(405, 'METHOD_NOT_FOUND', 'Method not allowed.'),
		headers: { allow: allowed.join(', ') },
	}),

	invalidJson: () => badRequest('Invalid JSON in the request body.'),
};

function hasSandboxCredentials(request: ProviderRequest): boolean {
	const header = request.headers.authorization;
	const value = Array.isArray(header) ? header[0] : header;
	const match = /^Basic\s+(\S+)$/i.exec(value ?? '');
	if (!match) return false;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const separator = decoded.indexOf(':');
	if (separator < 0) return false;
	const { username, apiKey } = SANDBOX_KEYS.clicksend;
	return decoded.slice(0, separator) === username && decoded.slice(separator + 1) === apiKey;
}

function unauthorized(): ProviderResponse {
	return failure(401, 'UNAUTHORIZED', 'Authentication failed: check your API username and API key.');
}
