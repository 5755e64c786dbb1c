/**
 * What /sms/send and /sms/price do to each message of a request: recipients, parts, price and the
 * per-message status. Pure, so that price and send agree by construction.
 */
import { randomUUID } from 'node:crypto';

import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js';

import { CLICKSEND_ACCOUNT } from './account';
import { unixNow } from './envelope';
import type { ClickSendHistoryMessage } from './state';

export const MAX_MESSAGES_PER_REQUEST = 1000;

/** Price of one part anywhere (AUD): the spec's example price, flat so the sandbox stays predictable. */
export const PRICE_PER_PART = 0.0792;

/** The only contact list the sandbox knows; `list_id` of any other list is an invalid recipient. */
export const SANDBOX_CONTACT_LIST = {
	id: 428,
	contacts: [
		{ contact_id: 1001, phone: '+61411111111', first_name: 'Jelly', last_name: 'Liquorice' },
		{ contact_id: 1002, phone: '+61422222222', first_name: 'Carrot', last_name: 'Cake' },
	],
};

export type ClickSendMessageStatus = 'SUCCESS' | 'INVALID_RECIPIENT' | 'INSUFFICIENT_CREDIT' | 'MISSING_REQUIRED_FIELDS';

/** One message of a send or price answer: the history fields plus the per-message status. */
export interface ClickSendMessageResult extends Omit<ClickSendHistoryMessage, 'status' | 'status_code' | 'status_text'> {
	is_shared_system_number: boolean;
	status: ClickSendMessageStatus;
}

interface MessageInput {
	body?: unknown;
	to?: unknown;
	list_id?: unknown;
	from?: unknown;
	schedule?: unknown;
	custom_string?: unknown;
	country?: unknown;
	from_email?: unknown;
}

interface Recipient {
	to: string;
	country: string;
	contact?: (typeof SANDBOX_CONTACT_LIST.contacts)[number];
	/** Set when the recipient is refused before anything is sent. */
	refusal?: ClickSendMessageStatus;
}

/** A message with a `list_id` becomes one message per contact, as ClickSend expands lists. */
export function evaluateMessages(inputs: unknown[]): ClickSendMessageResult[] {
	return inputs.flatMap((input) => evaluateMessage(isObject(input) ? (input as MessageInput) : {}));
}

function evaluateMessage(input: MessageInput): ClickSendMessageResult[] {
	const body = typeof input.body === 'string' ? input.body : '';
	const listId = toNumberOrNull(input.list_id);
	return recipientsOf(input, listId).map((recipient) => {
		const parts = countParts(body);
		const status: ClickSendMessageStatus = body.trim() === '' ? 'MISSING_REQUIRED_FIELDS' : (recipient.refusal ?? 'SUCCESS');
		const from = typeof input.from === 'string' && input.from !== '' ? input.from : CLICKSEND_ACCOUNT.sharedNumber;
		return {
			direction: 'out',
			date: unixNow(),
			to: recipient.to,
			body,
			from,
			schedule: scheduleOf(input.schedule),
			message_id: randomUUID().toUpperCase(),
			message_parts: parts,
			message_price: status === 'SUCCESS' ? (parts * PRICE_PER_PART).toFixed(4) : '0.0000',
			from_email: typeof input.from_email === 'string' ? input.from_email : null,
			list_id: listId,
			custom_string: typeof input.custom_string === 'string' ? input.custom_string : null,
			contact_id: recipient.contact?.contact_id ?? null,
			user_id: CLICKSEND_ACCOUNT.userId,
			subaccount_id: CLICKSEND_ACCOUNT.subaccountId,
			country: recipient.country,
			carrier: 'Telstra',
			first_name: recipient.contact?.first_name ?? null,
			last_name: recipient.contact?.last_name ?? null,
			_api_username: CLICKSEND_ACCOUNT.username,
			is_shared_system_number: from === CLICKSEND_ACCOUNT.sharedNumber,
			status,
		};
	});
}

function recipientsOf(input: MessageInput, listId: number | null): Recipient[] {
	if (input.to === undefined || input.to === null || input.to === '') {
		if (listId === SANDBOX_CONTACT_LIST.id) {
			return SANDBOX_CONTACT_LIST.contacts.map((contact) => ({ ...recipientFor(contact.phone, 'AU'), contact }));
		}
		return [{ to: '', country: '', refusal: listId === null ? 'MISSING_REQUIRED_FIELDS' : 'INVALID_RECIPIENT' }];
	}
	const country = typeof input.country === 'string' && input.country !== '' ? input.country.toUpperCase() : CLICKSEND_ACCOUNT.defaultCountry;
	return [recipientFor(String(input.to), country)];
}

/**
 * Sandbox rules by the last four digits: 9999 → INVALID_RECIPIENT, 9998 → INSUFFICIENT_CREDIT.
 * A number libphonenumber cannot read (in the message's `country`, default AU) is invalid too.
 */
function recipientFor(to: string, country: string): Recipient {
	const parsed = possibleNumber(to, country);
	if (!parsed) return { to, country, refusal: 'INVALID_RECIPIENT' };
	const e164 = parsed.number;
	const recipient = { to: e164, country: parsed.country ?? country };
	if (e164.endsWith('9999')) return { ...recipient, refusal: 'INVALID_RECIPIENT' };
	if (e164.endsWith('9998')) return { ...recipient, refusal: 'INSUFFICIENT_CREDIT' };
	return recipient;
}

/** The number read as ClickSend reads it (in `country` when it has no +), or undefined when it cannot be one. */
export function possibleNumber(number: string, country: string): PhoneNumber | undefined {
	const parsed = parsePhoneNumberFromString(number, country as CountryCode);
	return parsed?.isPossible() ? parsed : undefined;
}

/** Unix seconds as ClickSend echoes them (a string), '' when not scheduled. */
function scheduleOf(schedule: unknown): string {
	const seconds = toNumberOrNull(schedule);
	return seconds === null || seconds <= 0 ? '' : String(seconds);
}

export function isScheduledForLater(message: { schedule: string }): boolean {
	return message.schedule !== '' && Number(message.schedule) > unixNow();
}

// GSM 03.38: the basic set, and the extension characters that take two septets.
const GSM_BASIC = new Set(
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('^{}\\[~]|€\f');

/** Parts the way a carrier bills them: GSM-7 160 / 153 septets, otherwise UCS-2 70 / 67 code units. */
export function countParts(body: string): number {
	let septets = 0;
	let isGsm = true;
	for (const char of body) {
		if (GSM_BASIC.has(char)) septets += 1;
		else if (GSM_EXTENSION.has(char)) septets += 2;
		else isGsm = false;
	}
	const [units, single, multi] = isGsm ? [septets, 160, 153] : [body.length, 70, 67];
	if (units <= single) return 1;
	return Math.ceil(units / multi);
}

function toNumberOrNull(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

function isObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
