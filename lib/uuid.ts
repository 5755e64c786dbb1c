import type { INode } from 'n8n-workflow';

import { invalidInputError } from './errors';
import { describeListOrObject } from './message';

export type UuidCheck = { valid: true; uuid: string } | { valid: false; reason: string; hint: string };

const HYPHENATED = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXAMPLE = '3fa85f64-5717-4562-b3fc-2c963f66afa6';

/**
 * Checks an ID that a provider expects as a UUID (RFC 9562 text form: 8-4-4-4-12 hex digits), so
 * a pasted name, a cut ID or an unresolved expression fails before anything is sent. Spaces around
 * it are dropped (copying from a web page adds them) and the hex is lower-cased, the form APIs
 * answer with. Any version is accepted: providers hand out v4 and v7 alike.
 */
export function checkUuid(value: unknown): UuidCheck {
	if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
		return { valid: false, reason: 'is empty', hint: `Paste the ID, e.g. ${EXAMPLE}` };
	}
	const listOrObject = describeListOrObject(value);
	if (listOrObject) {
		return { valid: false, reason: `is ${listOrObject}, not text`, hint: 'Map a single text field, e.g. {{ $json.useCaseId }}' };
	}
	const text = String(value).trim();
	if (!HYPHENATED.test(text)) {
		return {
			valid: false,
			reason: `is not a UUID ("${shorten(text)}")`,
			hint: `Use the ID itself: 36 characters such as ${EXAMPLE}`,
		};
	}
	return { valid: true, uuid: text.toLowerCase() };
}

/** Reads one item's UUID field, or fails naming the item and the field. */
export function requireUuid(node: INode, itemIndex: number, field: string, value: unknown): string {
	const checked = checkUuid(value);
	if (!checked.valid) throw invalidInputError(node, itemIndex, { field, reason: checked.reason, hint: checked.hint });
	return checked.uuid;
}

/** Keeps an error message readable when someone maps a whole paragraph into an ID field. */
function shorten(text: string): string {
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
