import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode } from 'n8n-workflow';

import { invalidInputError } from './errors';

import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, MAX_CONCURRENCY, MAX_TIMEOUT_SECONDS } from './http';
import { checkMessageText, describeListOrObject, type TextRules } from './message';
import { isKnownCountry, parsePhoneNumber, type PhoneNumberOptions, type ValidPhoneNumber } from './phone';

/** Reads one item's phone field, or fails naming the item and the field. */
export function requirePhoneNumber(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	reading: PhoneNumberOptions = {},
): ValidPhoneNumber {
	const phone = parsePhoneNumber(value, reading);
	if (!phone.valid) throw invalidInputError(node, itemIndex, { field, reason: phone.reason, hint: phone.hint });
	return phone;
}

/**
 * Reads one item's message text, or fails naming the item and the field. A send passes its Options'
 * replaceLookAlikeCharacters in `rules`, so that the text checked, counted and sent is the same.
 */
export function requireMessageText(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	rules?: TextRules,
): string {
	const text = checkMessageText(value, rules);
	if (!text.valid) throw invalidInputError(node, itemIndex, { field, reason: text.reason, hint: text.hint });
	return text.text;
}

/**
 * A field that takes one value: a list or an object that an expression gave is refused, naming the
 * field, instead of being turned into text ("[object Object]", or a list's items joined).
 */
export function rejectNonText(node: INode, itemIndex: number, field: string, value: unknown, hint: string): void {
	const listOrObject = describeListOrObject(value);
	if (listOrObject) throw invalidInputError(node, itemIndex, { field, reason: `is ${listOrObject}, not text`, hint });
}

/** An optional field left empty: nothing given, only spaces, or an expression that gave nothing (an empty list counts too). */
export function isBlank(value: unknown): boolean {
	return value === undefined || value === null || String(value).trim() === '';
}

/** An optional URL field: empty means "not set"; anything else must be an absolute http(s) URL. */
export function optionalHttpUrl(node: INode, itemIndex: number, field: string, value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	rejectNonText(node, itemIndex, field, value, 'Map a single text field that holds one address, e.g. {{ $json.url }}');
	const text = String(value).trim();
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw invalidInputError(node, itemIndex, { field, reason: 'is not a URL', hint: 'Use a full address such as https://example.com/webhook' });
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw invalidInputError(node, itemIndex, { field, reason: `uses ${url.protocol} instead of https:`, hint: 'Use an https:// address' });
	}
	return text;
}

export interface SendOptions extends PhoneNumberOptions {
	concurrency: number;
	retrySendOnServerError: boolean;
	/** How long to wait for each answer. */
	timeoutMs: number;
	/** Replace Look-Alike Characters (on by default): see lib/look-alike-characters.ts. */
	replaceLookAlikeCharacters: boolean;
	/** The Options collection as read, for a provider's own options (ClickSend's Batch Messages): read once. */
	collection: IDataObject;
}

/** The shared Options collection of a send (phone number reading, Concurrency, Look-Alike Characters, Retry, Timeout). Node-wide: read from item 0. */
export function readSendOptions(context: IExecuteFunctions): SendOptions {
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
		throw invalidInputError(context.getNode(), 0, {
			field: 'Concurrency',
			reason: `is ${String(options.concurrency)}`,
			hint: `Use a whole number from 1 to ${MAX_CONCURRENCY}`,
		});
	}
	const timeoutSeconds = Number(options.timeout ?? DEFAULT_TIMEOUT_MS / 1000);
	if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
		throw invalidInputError(context.getNode(), 0, {
			field: 'Timeout',
			reason: `is ${String(options.timeout)}`,
			hint: `Use a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}`,
		});
	}
	return {
		...readPhoneNumberOptions(context.getNode(), 0, options),
		concurrency,
		retrySendOnServerError: options.retrySendOnServerError === true,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		replaceLookAlikeCharacters: options.replaceLookAlikeCharacters !== false,
		collection: options,
	};
}

/**
 * Default Country and Read Numbers Without + as International from an Options collection. A
 * Default Country that is no country stops the node, naming the option, not every item's number.
 */
export function readPhoneNumberOptions(node: INode, itemIndex: number, options: IDataObject): PhoneNumberOptions {
	const defaultCountry = typeof options.defaultCountry === 'string' ? options.defaultCountry.trim() : '';
	if (defaultCountry !== '' && !isKnownCountry(defaultCountry)) {
		throw invalidInputError(node, itemIndex, {
			field: 'Default Country',
			reason: `("${defaultCountry}") is not a known country code`,
			hint: 'Use a two-letter ISO code such as US, GB or DE, or leave it empty',
		});
	}
	return {
		defaultCountry: defaultCountry === '' ? undefined : defaultCountry,
		readNumbersWithoutPlusAsInternational: options.readNumbersWithoutPlusAsInternational === true,
	};
}

/**
 * A credential field every request needs (an API key, a token, a username), checked before the
 * first request: left empty, it would go out blank with every item and each would be refused.
 */
export function requireCredentialField(node: INode, value: unknown, credentialName: string, field: string): void {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (text !== '') return;
	throw new NodeOperationError(node, `The ${field} in the ${credentialName} credential is empty`, {
		description: `Open the ${credentialName} credential and fill in ${field}. Nothing was sent.`,
	});
}

/**
 * The base URL from a credential, checked before the first request so the message names the fix.
 * `field` is the credential field as the user sees it (Skycore calls it "API Endpoint URL").
 */
export function requireBaseUrl(node: INode, value: string, credentialName: string, field = 'Base URL'): string {
	const address = readWebAddress(value);
	if (address === undefined) {
		const choice = field === 'Base URL' ? ', or choose a standard environment' : '';
		throw new NodeOperationError(node, `The ${field} in the ${credentialName} credential is not a web address`, {
			description: `Open the ${credentialName} credential and set ${field} to a full address such as https://…${choice}`,
		});
	}
	return address.replace(/\/+$/, '');
}

/** A typed http(s) address, trimmed, or undefined when it is not one. */
export function readWebAddress(value: string): string | undefined {
	const trimmed = value.trim();
	try {
		const url = new URL(trimmed);
		return url.protocol === 'https:' || url.protocol === 'http:' ? trimmed : undefined;
	} catch {
		return undefined;
	}
}
