import { randomUUID } from 'node:crypto';

import type { ProviderRequest, ProviderResponse, ProviderRoute } from '../../provider';
import { CLICKSEND_CURRENCY } from './account';
import {
	badRequest,
	bodyObject,
	failure,
	notFound,
	paginate,
	parseSearch,
	providerOrigin,
	queryValue,
	sortItems,
	success,
	toInteger,
	type SortKeys,
} from './envelope';
import { evaluateMessages, isScheduledForLater, MAX_MESSAGES_PER_REQUEST, type ClickSendMessageResult } from './messages';
import { issueReceipt } from './receipts';
import type { ClickSendHistoryMessage, ClickSendState } from './state';

/** Served without credentials, like ClickSend's pre-signed S3 download links. */
export const EXPORTS_PATH_PREFIX = '/exports/';

export function smsRoutes(state: ClickSendState): ProviderRoute[] {
	return [
		{ method: 'POST', path: '/sms/send', handle: (request) => send(state, request) },
		{ method: 'POST', path: '/sms/price', handle: price },
		{ method: 'PUT', path: '/sms/cancel-all', handle: (request) => cancelAll(state, request) },
		{ method: 'PUT', path: '/sms/:message_id/cancel', handle: (request) => cancelOne(state, request.params.message_id) },
		{
			method: 'GET',
			path: '/sms/history',
			handle: (request) => success('Here are your history.', paginate(filteredHistory(state, request), request)),
		},
		{ method: 'GET', path: '/sms/history/export', handle: (request) => exportHistory(state, request) },
		{ method: 'GET', path: `${EXPORTS_PATH_PREFIX}:export_id`, handle: (request) => download(state, request.params.export_id) },
	];
}

function readMessages(request: ProviderRequest): unknown[] | ProviderResponse {
	const messages = bodyObject(request).messages;
	if (!Array.isArray(messages) || messages.length === 0) return badRequest('The messages field is required and must be a non-empty array.');
	if (messages.length > MAX_MESSAGES_PER_REQUEST) {
		return badRequest(`Too many messages: at most ${MAX_MESSAGES_PER_REQUEST} messages can be sent in one request, got ${messages.length}.`);
	}
	return messages;
}

function send(state: ClickSendState, request: ProviderRequest): ProviderResponse {
	const messages = readMessages(request);
	if (!Array.isArray(messages)) return messages;
	const results = evaluateMessages(messages);
	for (const result of results) {
		if (result.status !== 'SUCCESS') continue;
		const stored = toHistory(result);
		state.messages.push(stored);
		// A message scheduled for later is held (and can be cancelled); the sandbox never sends it.
		if (stored.status !== 'Scheduled') issueReceipt(state, stored);
	}
	return success('Messages queued for delivery.', summary(results));
}

function price(request: ProviderRequest): ProviderResponse {
	const messages = readMessages(request);
	if (!Array.isArray(messages)) return messages;
	const results = evaluateMessages(messages);
	const countries: Record<string, { recipient_count: number; usable_sender_id: boolean; selected: boolean }> = {};
	for (const result of results) {
		if (!result.country) continue;
		countries[result.country] ??= { recipient_count: 0, usable_sender_id: true, selected: true };
		countries[result.country].recipient_count += 1;
	}
	return success('Here is some pricing.', { ...summary(results), _summary: { countries } });
}

function summary(results: ClickSendMessageResult[]) {
	const queued = results.filter((result) => result.status === 'SUCCESS');
	const totalPrice = queued.reduce((sum, result) => sum + Number(result.message_price), 0);
	return {
		total_price: Number(totalPrice.toFixed(4)),
		total_count: results.length,
		queued_count: queued.length,
		messages: results,
		_currency: CLICKSEND_CURRENCY,
		blocked_count: 0,
	};
}

function toHistory(result: ClickSendMessageResult): ClickSendHistoryMessage {
	const { is_shared_system_number: _shared, status: _status, ...fields } = result;
	return { ...fields, status: isScheduledForLater(result) ? 'Scheduled' : 'Queued', status_code: null, status_text: null };
}

function cancelOne(state: ClickSendState, messageId: string): ProviderResponse {
	const message = state.messages.find((candidate) => candidate.message_id === messageId);
	if (!message) return notFound('Message not found.');
	if (message.status !== 'Scheduled') return badRequest('Only a scheduled message can be cancelled.');
	message.status = 'Cancelled';
	return success('Scheduled sms message has been cancelled.', null);
}

function cancelAll(state: ClickSendState, request: ProviderRequest): ProviderResponse {
	const customString = bodyObject(request).custom_string;
	let count = 0;
	for (const message of state.messages) {
		if (message.status !== 'Scheduled') continue;
		if (typeof customString === 'string' && customString !== '' && message.custom_string !== customString) continue;
		message.status = 'Cancelled';
		count += 1;
	}
	return success(`${count} sms messages have been cancelled.`, { count });
}

const HISTORY_SORT_KEYS: SortKeys<ClickSendHistoryMessage> = {
	date: (message) => message.date,
	username: (message) => message._api_username,
	from: (message) => message.from,
	to: (message) => message.to,
	status: (message) => message.status,
	body: (message) => message.body,
};

/** `q` (status exact, other fields contain, any case), `date_from` / `date_to` (inclusive), `order_by`. */
function filteredHistory(state: ClickSendState, request: ProviderRequest): ClickSendHistoryMessage[] {
	const searches = parseSearch(queryValue(request, 'q'));
	const dateFrom = toInteger(queryValue(request, 'date_from'));
	const dateTo = toInteger(queryValue(request, 'date_to'));
	const matching = state.messages.filter((message) => {
		if (dateFrom !== undefined && message.date < dateFrom) return false;
		if (dateTo !== undefined && message.date > dateTo) return false;
		return searches.every(({ field, value }) => matchesSearch(message, field, value));
	});
	return sortItems(matching, queryValue(request, 'order_by'), HISTORY_SORT_KEYS, 'date:asc');
}

function matchesSearch(message: ClickSendHistoryMessage, field: string, value: string): boolean {
	const known: Record<string, string | number | null> = {
		status: message.status,
		to: message.to,
		from: message.from,
		subaccount_id: message.subaccount_id,
		message_id: message.message_id,
	};
	if (!(field in known)) return true;
	const actual = known[field] === null ? '' : String(known[field]);
	if (value === '') return actual !== '';
	if (field === 'status' || field === 'subaccount_id' || field === 'message_id') return actual.toLowerCase() === value.toLowerCase();
	return actual.toLowerCase().includes(value.toLowerCase());
}

function exportHistory(state: ClickSendState, request: ProviderRequest): ProviderResponse {
	const filename = queryValue(request, 'filename') || 'export.csv';
	if (!filename.toLowerCase().endsWith('.csv')) return badRequest('The filename must end in .csv.');
	const id = randomUUID().toUpperCase();
	state.exports.set(id, { filename, csv: toCsv(filteredHistory(state, request)) });
	const url = `${providerOrigin(request)}${EXPORTS_PATH_PREFIX}${id}?response-content-disposition=${encodeURIComponent(`attachment;filename=${filename}`)}`;
	return success('Download your file here.', { url });
}

function download(state: ClickSendState, exportId: string): ProviderResponse {
	const file = state.exports.get(exportId);
	if (!file) return failure(404, 'NOT_FOUND', 'Export not found or expired.');
	return {
		status: 200,
		body: file.csv,
		contentType: 'text/csv; charset=utf-8',
		headers: { 'content-disposition': `attachment; filename="${file.filename}"` },
	};
}

const CSV_COLUMNS: Array<keyof ClickSendHistoryMessage> = ['date', 'message_id', 'from', 'to', 'body', 'status', 'status_code', 'message_parts', 'message_price', 'custom_string'];

function toCsv(messages: ClickSendHistoryMessage[]): string {
	const cell = (value: unknown) => `"${String(value ?? '').replaceAll('"', '""')}"`;
	const lines = [CSV_COLUMNS.join(','), ...messages.map((message) => CSV_COLUMNS.map((column) => cell(message[column])).join(','))];
	return `${lines.join('\r\n')}\r\n`;
}
