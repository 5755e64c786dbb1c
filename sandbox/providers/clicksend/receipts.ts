/**
 * Delivery receipts: made when a message is sent, kept for polling (/sms/receipts) and POSTed,
 * form-encoded (ClickSend's default `post` webhook type), to every enabled URL receipt rule.
 */
import { randomUUID } from 'node:crypto';

import type { ProviderRoute } from '../../provider';
import { CLICKSEND_ACCOUNT } from './account';
import { badRequest, bodyObject, notFound, paginate, success, toInteger, unixNow } from './envelope';
import type { ClickSendHistoryMessage, ClickSendReceipt, ClickSendState } from './state';

/** The fields a receipt webhook carries (docs/providers/clicksend.md), in that order. */
export type ClickSendReceiptWebhook = Omit<ClickSendReceipt, 'digits'>;

type ReceiptOutcome = Pick<ClickSendReceipt, 'status_code' | 'status_text' | 'error_code' | 'error_text'>;

/**
 * Sandbox rule by the last four digits of the recipient: 0000 → 301 failed, 0001 → 300 temporary
 * failure, 0002 → 200 sent to the network (no handset confirmation), anything else → 201 delivered.
 */
export function receiptOutcome(to: string): ReceiptOutcome {
	switch (to.slice(-4)) {
		case '0000':
			return {
				status_code: '301',
				status_text: 'Failed: Message was rejected by the carrier.',
				error_code: '301',
				error_text: 'Rejected by the carrier (sandbox rule: number ends in 0000)',
			};
		case '0001':
			return {
				status_code: '300',
				status_text: 'Temporary failure: Message could not be delivered yet.',
				error_code: '300',
				error_text: 'Handset unreachable, retrying (sandbox rule: number ends in 0001)',
			};
		case '0002':
			return { status_code: '200', status_text: 'Success: Message sent to the network.', error_code: null, error_text: null };
		default:
			return { status_code: '201', status_text: 'Success: Message received on handset.', error_code: null, error_text: null };
	}
}

/** Records the receipt of a sent message, updates its history entry, and posts it to the receipt rules. */
export function issueReceipt(state: ClickSendState, message: ClickSendHistoryMessage): ClickSendReceipt {
	const outcome = receiptOutcome(message.to);
	const receipt = receiptRecord(message.message_id, message.custom_string, outcome, message.date);
	message.status = outcome.status_code === '301' ? 'Failed' : 'Sent';
	message.status_code = outcome.status_code;
	message.status_text = outcome.status_text;
	state.receipts.push({ record: receipt, read: false });
	for (const rule of state.receiptRules) {
		if (rule.enabled !== 1 || rule.action !== 'URL') continue;
		state.context.scheduleCallback(rule.action_address, receiptWebhook(receipt), { contentType: 'form' });
	}
	return receipt;
}

function receiptRecord(messageId: string, customString: string | null, outcome: ReceiptOutcome, sentAt: number): ClickSendReceipt {
	return {
		timestamp_send: sentAt,
		timestamp: unixNow(),
		message_id: messageId,
		...outcome,
		custom_string: customString,
		subaccount_id: CLICKSEND_ACCOUNT.subaccountId,
		message_type: 'sms',
		digits: null,
	};
}

export function receiptWebhook(receipt: ClickSendReceipt): ClickSendReceiptWebhook {
	const { digits: _digits, ...webhook } = receipt;
	return webhook;
}

export function receiptRoutes(state: ClickSendState): ProviderRoute[] {
	return [
		{
			method: 'GET',
			path: '/sms/receipts',
			handle: (request) => {
				const unread = state.receipts.filter((entry) => !entry.read).map((entry) => entry.record);
				return success('Here are your delivery receipts.', paginate(unread, request));
			},
		},
		{
			method: 'GET',
			path: '/sms/receipts/:message_id',
			handle: (request) => {
				const found = state.receipts.find((entry) => entry.record.message_id === request.params.message_id);
				return found ? success('Your receipt.', found.record) : notFound('Receipt not found.');
			},
		},
		{
			method: 'PUT',
			path: '/sms/receipts-read',
			handle: (request) => {
				const dateBefore = toInteger(bodyObject(request).date_before);
				for (const entry of state.receipts) {
					if (dateBefore === undefined || entry.record.timestamp < dateBefore) entry.read = true;
				}
				return success('Receipts have been marked as read.', null);
			},
		},
		{
			method: 'POST',
			path: '/sms/receipts',
			handle: (request) => {
				const url = bodyObject(request).url;
				if (typeof url !== 'string' || url.trim() === '') return badRequest('The url field is required.');
				const now = unixNow();
				const receipt = receiptRecord(randomUUID().toUpperCase(), null, receiptOutcome(''), now);
				// `poll` keeps it for GET /sms/receipts; a URL gets it posted instead.
				if (url === 'poll') state.receipts.push({ record: receipt, read: false });
				else state.context.scheduleCallback(url, receiptWebhook(receipt), { contentType: 'form' });
				return success('Receipt has been added', receipt);
			},
		},
	];
}
