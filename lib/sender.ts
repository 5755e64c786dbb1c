import type { INode } from 'n8n-workflow';

import { invalidInputError } from './errors';
import { parsePhoneNumber, type PhoneNumberOptions } from './phone';

// The three sender forms carriers accept and SMSCPR and ClickSend name (specs): a short code, an
// E.164 number, or an alphanumeric sender ID (ClickSend's "alpha tag"). Short codes and sender IDs are not phone numbers, so only they are matched here;
// anything that looks like a phone number goes through lib/phone.
const SHORT_CODE = /^\d{3,8}$/;
const LETTERS_AND_DIGITS = /^[A-Za-z0-9]+$/;
const HAS_LETTER = /[A-Za-z]/;
const MAX_SENDER_ID = 11;

/** Reads the From field: a short code or sender ID as typed, a phone number as E.164. */
export function requireSender(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	reading: PhoneNumberOptions = {},
	providerName = 'The provider',
): string {
	const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
	if (text === undefined || text === '') {
		throw invalidInputError(node, itemIndex, {
			field,
			reason: text === '' || value === undefined || value === null ? 'is empty' : 'is not text',
			hint: 'Use a short code (3–8 digits), a phone number in international format such as +16462223333, or a sender ID such as MyShop',
		});
	}
	if (SHORT_CODE.test(text)) return text;
	if (/^\d{1,2}$/.test(text)) {
		throw invalidInputError(node, itemIndex, {
			field,
			reason: `(${JSON.stringify(text)}) is too short for a short code`,
			hint: 'Short codes have 3–8 digits; phone numbers need the country code, e.g. +16462223333',
		});
	}
	if (HAS_LETTER.test(text)) {
		if (!LETTERS_AND_DIGITS.test(text)) {
			throw invalidInputError(node, itemIndex, {
				field,
				reason: `(${JSON.stringify(text)}) is a sender ID with characters other than letters and digits`,
				hint: `${providerName} accepts sender IDs of letters A–Z and digits only: remove spaces and punctuation`,
			});
		}
		if (text.length > MAX_SENDER_ID) {
			throw invalidInputError(node, itemIndex, {
				field,
				reason: `(${JSON.stringify(text)}) is a sender ID of ${text.length} characters`,
				hint: `Sender IDs have at most ${MAX_SENDER_ID} characters: shorten it`,
			});
		}
		return text;
	}
	const phone = parsePhoneNumber(text, reading);
	if (!phone.valid) {
		throw invalidInputError(node, itemIndex, {
			field,
			reason: `is neither a short code (3–8 digits) nor a valid phone number: it ${phone.reason}`,
			hint: phone.hint,
		});
	}
	return phone.e164;
}
