import {
	ParseError,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
	type CountryCode,
	type PhoneNumber,
} from './vendor/libphonenumber';
import { isSupportedCountry, parseIncompletePhoneNumber } from './vendor/libphonenumber';

export type PhoneNumberFormat = 'e164' | 'digits';

export interface ValidPhoneNumber {
	valid: true;
	/** `+` and country code, e.g. `+12025551234`. */
	e164: string;
	/** The same number without `+`, e.g. `12025551234` (Skycore's format). */
	digits: string;
	/** ISO country of the number when it is known, e.g. `US`. */
	country?: string;
}

export interface InvalidPhoneNumber {
	valid: false;
	/** What is wrong, worded to follow "The phone number …". */
	reason: string;
	/** What the user can do about it. */
	hint: string;
}

export type PhoneNumberCheck = ValidPhoneNumber | InvalidPhoneNumber;

export interface PhoneNumberOptions {
	/** Country used for numbers typed without a country code (ISO 3166 alpha-2, e.g. `GB`). */
	defaultCountry?: string;
}

const HINT_INTERNATIONAL = 'Write it in international format, e.g. +12025551234';

/**
 * Reads a phone number the way people type it into a spreadsheet or form: spaces, dashes,
 * brackets, a `(0)` trunk prefix after the country code, `00` or `011` instead of `+`, or
 * international digits without any prefix (spreadsheets drop the `+`).
 */
export function parsePhoneNumber(input: unknown, options: PhoneNumberOptions = {}): PhoneNumberCheck {
	const text = phoneInputAsText(input);
	if (typeof text !== 'string') return text;
	if (text === '') {
		return { valid: false, reason: 'is empty', hint: 'Map a field that holds the recipient number, e.g. +12025551234' };
	}

	if (text.lastIndexOf('+') > 0) {
		return { valid: false, reason: 'has a + that is not at the start', hint: HINT_INTERNATIONAL };
	}

	const defaultCountry = countryOption(options.defaultCountry);
	if (defaultCountry && !defaultCountry.valid) return defaultCountry.error;
	const country = defaultCountry?.code;

	// The text as typed is always one of the readings, and its failure is the one to explain.
	let failureAsTyped: InvalidPhoneNumber | undefined;
	for (const candidate of readings(text, country)) {
		const check = checkReading(candidate, country);
		if (check.valid) return check;
		if (candidate === text) failureAsTyped = check;
	}
	return failureAsTyped ?? { valid: false, reason: 'is not a phone number', hint: HINT_INTERNATIONAL };
}

export function formatPhoneNumber(phone: ValidPhoneNumber, format: PhoneNumberFormat): string {
	return format === 'digits' ? phone.digits : phone.e164;
}

/** The countries offered in the Default Country option: all ISO codes libphonenumber knows. */
export function isKnownCountry(code: string): boolean {
	return isSupportedCountry(code.toUpperCase() as CountryCode);
}

function phoneInputAsText(input: unknown): string | InvalidPhoneNumber {
	if (typeof input === 'number' && Number.isFinite(input)) return String(input);
	if (typeof input === 'string') return input.trim();
	if (input === null || input === undefined) {
		return { valid: false, reason: 'is empty', hint: 'Map a field that holds the recipient number, e.g. +12025551234' };
	}
	const kind = Array.isArray(input) ? 'a list' : typeof input === 'object' ? 'an object' : `a ${typeof input}`;
	return {
		valid: false,
		reason: `is ${kind}, not text`,
		hint: 'Map a single text field that holds one number, e.g. {{ $json.phone }}',
	};
}

function countryOption(
	value: string | undefined,
): { valid: true; code: CountryCode } | { valid: false; error: InvalidPhoneNumber } | undefined {
	const code = (value ?? '').trim().toUpperCase();
	if (code === '') return undefined;
	if (isKnownCountry(code)) return { valid: true, code: code as CountryCode };
	return {
		valid: false,
		error: {
			valid: false,
			reason: `cannot be read with the default country "${value}", which is not a known ISO country code`,
			hint: 'Set Default Country to a two-letter code such as US, GB or DE',
		},
	};
}

/** Interpretations of the typed text, most likely first. */
function readings(text: string, country: CountryCode | undefined): string[] {
	// libphonenumber itself reads "+44 (0)20 …" (the trunk zero) and, given a country, that
	// country's international prefix; the rest are the shapes spreadsheets and forms produce.
	const compact = parseIncompletePhoneNumber(text);
	if (compact === '' || compact.startsWith('+') || !onlyDialCharacters(text)) return [text];
	const alternatives: string[] = [];
	if (!country) {
		// Without a country there is no international prefix to interpret, so take the usual ones.
		if (compact.startsWith('00')) alternatives.push(`+${compact.slice(2)}`);
		else if (compact.startsWith('011')) alternatives.push(`+${compact.slice(3)}`);
	}
	if (!compact.startsWith('0')) alternatives.push(`+${compact}`);
	// Without a country, libphonenumber cannot read digits with no + as they stand, so the text as
	// typed goes last: it is parsed only when nothing else worked, to say why.
	return country ? [text, ...alternatives] : [...alternatives, text];
}

const DIAL_CHARACTERS = new Set('0123456789 -./()');

function onlyDialCharacters(text: string): boolean {
	return [...text].every((character) => DIAL_CHARACTERS.has(character));
}

function checkReading(text: string, country: CountryCode | undefined): PhoneNumberCheck {
	let parsed: PhoneNumber;
	try {
		parsed = parsePhoneNumberWithError(text, country ? { defaultCountry: country } : undefined);
	} catch (error) {
		return explainParseError(error, text);
	}
	if (parsed.ext) {
		return { valid: false, reason: `has an extension (${parsed.ext})`, hint: 'Remove the extension: a text message cannot reach one' };
	}
	if (!parsed.isValid()) {
		// Only now the length check: it parses the number again, and a valid number has a valid length.
		const lengthProblem = validatePhoneNumberLength(parsed.number);
		if (lengthProblem) return explainLength(lengthProblem);
		const where = parsed.country ? `in ${parsed.country}` : `for country code +${parsed.countryCallingCode}`;
		return { valid: false, reason: `is not a valid number ${where}`, hint: 'Check the digits and the country code' };
	}
	return {
		valid: true,
		e164: parsed.number,
		digits: parsed.number.slice(1),
		country: parsed.country,
	};
}

function explainParseError(error: unknown, text: string): InvalidPhoneNumber {
	const code = error instanceof ParseError ? error.message : 'NOT_A_NUMBER';
	switch (code) {
		case 'INVALID_COUNTRY':
			return text.startsWith('+')
				? { valid: false, reason: 'starts with an unknown country code', hint: 'Check the digits after the +' }
				: {
						valid: false,
						reason: 'has no country code',
						hint: 'Start it with + and the country code (e.g. +44 20 7946 0958) or set the Default Country option',
					};
		case 'TOO_SHORT':
		case 'TOO_LONG':
		case 'INVALID_LENGTH':
			return explainLength(code);
		default:
			return { valid: false, reason: 'is not a phone number', hint: HINT_INTERNATIONAL };
	}
}

function explainLength(problem: string): InvalidPhoneNumber {
	switch (problem) {
		case 'TOO_SHORT':
			return { valid: false, reason: 'is too short', hint: 'Check that no digits are missing' };
		case 'TOO_LONG':
			return { valid: false, reason: 'is too long', hint: 'Check for extra digits; E.164 numbers have at most 15 digits' };
		case 'INVALID_COUNTRY':
			return { valid: false, reason: 'starts with an unknown country code', hint: 'Check the digits after the +' };
		default:
			return { valid: false, reason: 'has the wrong number of digits for its country', hint: 'Check the digits and the country code' };
	}
}
