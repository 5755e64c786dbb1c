/**
 * Inbound SMS (replies): kept for polling (/sms/inbound) and sent to every enabled URL inbound
 * rule that matches, in the rule's webhook type (post = form, get = query string, json = JSON).
 * They arrive through the control action POST /_sandbox/clicksend/inbound, or the test route.
 */
import { randomUUID } from 'node:crypto';

import type { ProviderRoute } from '../../provider';
import type { ProviderActionResult } from '../../types';
import { CLICKSEND_ACCOUNT, CLICKSEND_DEDICATED_NUMBERS } from './account';
import { badRequest, bodyObject, notFound, paginate, success, toInteger, unixNow } from './envelope';
import { possibleNumber } from './messages';
import type { ClickSendInbound, ClickSendInboundRule, ClickSendState, WebhookType } from './state';

/** The fields an inbound webhook carries (docs/providers/clicksend.md), in that order. */
export interface ClickSendInboundWebhook {
	originalsenderid: string;
	body: string;
	message: string;
	sms: string;
	from: string;
	to: string;
	timestamp: number;
	message_id: string;
	original_message_id: string;
	original_body: string;
	user_id: number;
	subaccount_id: number;
	custom_string: string;
}

export interface SimulatedInbound {
	from: string;
	body: string;
	to?: string;
	custom_string?: string;
	original_message_id?: string;
}

export function inboundRoutes(state: ClickSendState): ProviderRoute[] {
	return [
		{
			method: 'GET',
			path: '/sms/inbound',
			handle: (request) => {
				const unread = state.inbound.filter((entry) => !entry.read).map((entry) => entry.record);
				return success('Here are your data.', paginate(unread, request));
			},
		},
		{
			method: 'GET',
			path: '/sms/inbound/:original_message_id',
			handle: (request) => {
				const found = state.inbound.find((entry) => entry.record.original_message_id === request.params.original_message_id);
				return found ? success('Here are your result.', found.record) : notFound('Inbound message not found.');
			},
		},
		{
			method: 'PUT',
			path: '/sms/inbound-read',
			handle: (request) => {
				const dateBefore = toInteger(bodyObject(request).date_before);
				for (const entry of state.inbound) {
					if (dateBefore === undefined || entry.record.timestamp < dateBefore) entry.read = true;
				}
				return success('Inbound messages have been marked as read.', null);
			},
		},
		{
			method: 'PUT',
			path: '/sms/inbound-read/:message_id',
			handle: (request) => {
				const matching = state.inbound.filter((entry) => entry.record.message_id === request.params.message_id);
				if (matching.length === 0) return notFound('Inbound message not found.');
				for (const entry of matching) entry.read = true;
				return success('Receipt have been marked as read.', matching.length);
			},
		},
		{
			method: 'POST',
			path: '/sms/inbound',
			handle: (request) => {
				const { url, webhook_type: webhookType = 'post' } = bodyObject(request);
				if (typeof url !== 'string' || url.trim() === '') return badRequest('The url field is required.');
				if (!isWebhookType(webhookType)) return badRequest('The webhook type must be post, get or json.');
				const inbound = inboundRecord({ from: '+61487722156', body: 'This is a test incoming SMS.', custom_string: 'Test custom string' }, state);
				// `poll` keeps it for GET /sms/inbound; a URL gets it sent instead.
				if (url === 'poll') state.inbound.push({ record: inbound, read: false });
				else sendInboundWebhook(state, url, webhookType, inbound);
				return success('Test inbound message has been added.', inbound);
			},
		},
	];
}

/** The control action: a reply arrives from `from`. Stored, then sent to each matching rule. */
export function simulateInbound(state: ClickSendState, payload: unknown): ProviderActionResult {
	const input = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
	for (const name of ['from', 'body'] as const) {
		if (typeof input[name] !== 'string' || input[name] === '') return { status: 400, body: { error: `${name} is required (a string)` } };
	}
	for (const name of ['to', 'custom_string', 'original_message_id'] as const) {
		if (input[name] !== undefined && typeof input[name] !== 'string') return { status: 400, body: { error: `${name} must be a string` } };
	}
	const inbound = inboundRecord(input as unknown as SimulatedInbound, state);
	state.inbound.push({ record: inbound, read: false });
	const rules = state.inboundRules.filter((rule) => ruleMatches(rule, inbound));
	for (const rule of rules) sendInboundWebhook(state, rule.action_address, rule.webhook_type, inbound);
	return {
		status: 200,
		body: { inbound, webhooks: rules.map((rule) => ({ inbound_rule_id: rule.inbound_rule_id, url: rule.action_address, webhook_type: rule.webhook_type })) },
	};
}

/**
 * A reply belongs to the last message sent to its sender (unless `original_message_id` says
 * otherwise): it arrives on the number that message came from and carries its custom_string.
 */
function inboundRecord(input: SimulatedInbound, state: ClickSendState): ClickSendInbound {
	const original = input.original_message_id
		? state.messages.find((message) => message.message_id === input.original_message_id)
		: [...state.messages].reverse().find((message) => sameNumber(message.to, input.from));
	const now = unixNow();
	return {
		timestamp_send: now,
		timestamp: now,
		from: input.from,
		body: input.body,
		original_body: original?.body ?? '',
		original_message_id: original?.message_id ?? input.original_message_id ?? '',
		to: reportedNumber(input.to ?? original?.from ?? state.senders.dedicatedNumbers[0] ?? CLICKSEND_DEDICATED_NUMBERS[0]),
		custom_string: input.custom_string ?? original?.custom_string ?? '',
		message_id: randomUUID().toUpperCase(),
		_keyword: input.body.trim().split(/\s+/)[0].toLowerCase(),
	};
}

/**
 * The number a reply arrived at, in E.164 as ClickSend lists its numbers and reports `to`, however
 * the simulation typed it (without + it is read in the account's country); a sender ID as it is.
 */
function reportedNumber(to: string): string {
	return possibleNumber(to, CLICKSEND_ACCOUNT.defaultCountry)?.number ?? to;
}

/**
 * Enabled URL rules on this number (or '*') whose search matches: 0 any, 1 starts with, 2 contains,
 * 3 does not contain. The rule's number must be written as ClickSend lists it (E.164): ClickSend
 * documents no other spelling, so a rule kept as "+61 411 000 100" matches nothing here either.
 */
function ruleMatches(rule: ClickSendInboundRule, inbound: ClickSendInbound): boolean {
	if (rule.enabled !== 1 || rule.action !== 'URL') return false;
	if (rule.dedicated_number !== '*' && rule.dedicated_number !== inbound.to) return false;
	const text = inbound.body.toLowerCase();
	const term = rule.message_search_term.toLowerCase();
	switch (rule.message_search_type) {
		case 1:
			return text.startsWith(term);
		case 2:
			return text.includes(term);
		case 3:
			return !text.includes(term);
		default:
			return true;
	}
}

function sendInboundWebhook(state: ClickSendState, url: string, webhookType: WebhookType, inbound: ClickSendInbound): void {
	const payload: ClickSendInboundWebhook = {
		originalsenderid: inbound.from,
		body: inbound.body,
		message: inbound.body,
		sms: inbound.body,
		from: inbound.from,
		to: inbound.to,
		timestamp: inbound.timestamp,
		message_id: inbound.message_id,
		original_message_id: inbound.original_message_id,
		original_body: inbound.original_body,
		user_id: CLICKSEND_ACCOUNT.userId,
		subaccount_id: CLICKSEND_ACCOUNT.subaccountId,
		custom_string: inbound.custom_string,
	};
	if (webhookType === 'json') state.context.scheduleCallback(url, payload, { contentType: 'json' });
	else if (webhookType === 'get') state.context.scheduleCallback(url, payload, { method: 'GET' });
	else state.context.scheduleCallback(url, payload, { contentType: 'form' });
}

function isWebhookType(value: unknown): value is WebhookType {
	return value === 'post' || value === 'get' || value === 'json';
}

/** Same number whatever the formatting: digits only, so `+61 411 000 100` is `+61411000100`. */
function sameNumber(left: string, right: string): boolean {
	const digits = (value: string) => value.replace(/\D/g, '');
	return digits(left) !== '' && digits(left) === digits(right);
}
