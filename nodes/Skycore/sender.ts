import type { INode } from 'n8n-workflow';

import { invalidInputError } from '../../lib/errors';
import { rejectNonText } from '../../lib/inputs';
import { findInvisibleCharacter } from '../../lib/message';
import { formatPhoneNumber, parsePhoneNumber, type PhoneNumberOptions } from '../../lib/phone';

/** Skycore cuts a longer sender mask off (spec); the node refuses it instead, so nothing is cut silently. */
export const MAX_FROM_MASK_CHARACTERS = 11;

/** Short codes are 3 to 8 digits; Skycore's own example sender is `00000`. */
const SHORT_CODE = /^\d{3,8}$/;

/**
 * The From field: a short code stays exactly as typed; a toll-free or 10DLC number is read like
 * the To field and sent as international digits without `+` (Skycore's number format).
 */
export function readSender(node: INode, itemIndex: number, value: unknown, reading: PhoneNumberOptions = {}): string {
	rejectNonText(node, itemIndex, 'From', value, 'Map a single text field that holds one short code or number');
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text === '') {
		throw invalidInputError(node, itemIndex, {
			field: 'From',
			reason: 'is empty',
			hint: 'Enter the short code, toll-free or 10DLC number of your Skycore account that sends, e.g. 00000',
		});
	}
	if (SHORT_CODE.test(text)) return text;
	if (/[a-z]/i.test(text)) {
		throw invalidInputError(node, itemIndex, {
			field: 'From',
			reason: 'is a name, not a short code or number',
			hint: `Put a sender name in Additional Fields › From Mask (at most ${MAX_FROM_MASK_CHARACTERS} characters) and keep a short code or number of the account in From`,
		});
	}
	const phone = parsePhoneNumber(text, reading);
	if (!phone.valid) {
		throw invalidInputError(node, itemIndex, {
			field: 'From',
			reason: `is not a short code (3 to 8 digits), and as a phone number it ${phone.reason}`,
			hint: phone.hint,
		});
	}
	return formatPhoneNumber(phone, 'digits');
}

/** The optional From Mask: empty means none; longer than Skycore keeps is refused, naming the field. */
export function readFromMask(node: INode, itemIndex: number, value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	rejectNonText(node, itemIndex, 'From Mask', value, 'Map a single text field that holds the sender name, e.g. {{ $json.senderName }}');
	const mask = String(value).trim();
	if (mask === '') return undefined;
	// No line breaks or tabs either: the mask is shown on the phone as one line.
	const invisible = findInvisibleCharacter(mask, { allowLineBreaks: false });
	if (invisible !== undefined) {
		throw invalidInputError(node, itemIndex, {
			field: 'From Mask',
			reason: `contains ${invisible.description}`,
			hint: 'Type the sender name again: it is shown on the phone as one line, so only visible characters fit',
		});
	}
	const characters = [...mask].length;
	if (characters > MAX_FROM_MASK_CHARACTERS) {
		throw invalidInputError(node, itemIndex, {
			field: 'From Mask',
			reason: `is ${characters} characters long; Skycore keeps at most ${MAX_FROM_MASK_CHARACTERS} and would cut the rest off`,
			hint: `Shorten it to ${MAX_FROM_MASK_CHARACTERS} characters or fewer (spaces count)`,
		});
	}
	return mask;
}
