import type { IExecuteFunctions } from 'n8n-workflow';

import { invalidInputError } from '../../../lib/errors';
import { optionalHttpUrl } from '../../../lib/inputs';
import type { PageLimit } from '../../../lib/pagination';

/** An ID field (message ID, template ID): text or a number, trimmed, never empty. */
export function requireId(
	context: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	field: string,
	hint: string,
): string {
	const value = context.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (id === '') {
		throw invalidInputError(context.getNode(), itemIndex, {
			field,
			reason: typeof value === 'object' && value !== null ? 'is not text' : 'is empty',
			hint,
		});
	}
	return id;
}

/**
 * A date field as ClickSend wants it: Unix seconds. Empty means "not set". n8n's date picker gives
 * ISO text; an expression may give a Date, a Luxon DateTime, or Unix seconds or milliseconds.
 */
export function optionalUnixTime(context: IExecuteFunctions, itemIndex: number, field: string, value: unknown): number | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return undefined;
	const milliseconds = toMilliseconds(value);
	if (milliseconds === undefined) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field,
			reason: `(${JSON.stringify(value)}) is not a date`,
			hint: 'Use a date and time such as 2026-12-01T09:30:00Z, or pick one in the date picker',
		});
	}
	return Math.floor(milliseconds / 1000);
}

// Numbers below this are Unix seconds, above it milliseconds (it is 2001-09-09 in milliseconds).
const SECONDS_OR_MILLISECONDS = 1e12;

function toMilliseconds(value: unknown): number | undefined {
	if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
	if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		return (value as { toMillis: () => number }).toMillis();
	}
	const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
	if (number !== undefined) return number < SECONDS_OR_MILLISECONDS ? number * 1000 : number;
	if (typeof value !== 'string') return undefined;
	const parsed = Date.parse(value.trim());
	return Number.isNaN(parsed) ? undefined : parsed;
}

/** Return All / Limit of a list operation. */
export function readPageLimit(context: IExecuteFunctions, itemIndex: number): PageLimit {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return { returnAll, limit: 0 };
	const given: unknown = context.getNodeParameter('limit', itemIndex, 50);
	const limit = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Limit',
			reason: `is ${JSON.stringify(given) ?? String(given)}`,
			hint: 'Use a whole number of 1 or more, or switch on Return All',
		});
	}
	return { returnAll, limit };
}

/** ClickSend's word for "keep it in ClickSend, I will poll for it" instead of a webhook URL. */
export const POLL = 'poll';

/** The Webhook URL of a test receipt or test inbound SMS: an http(s) URL, or `poll`. */
export function requireTestUrl(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('url', itemIndex, '');
	if (typeof value === 'string' && value.trim().toLowerCase() === POLL) return POLL;
	const url = optionalHttpUrl(context.getNode(), itemIndex, 'Webhook URL', value);
	if (url === undefined) {
		throw invalidInputError(context.getNode(), itemIndex, {
			field: 'Webhook URL',
			reason: 'is empty',
			hint: 'Paste the Production URL of a ClickSend Trigger (or any webhook), or type poll',
		});
	}
	return url;
}
