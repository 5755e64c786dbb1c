import {
	ParseError,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
	type CountryCode,
	type PhoneNumber,
} from './vendor/libphonenumber';
import { describeListOrObject } from './message';
import { getCountryCallingCode, isSupportedCountry, parseIncompletePhoneNumber } from './vendor/libphonenumber';

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
	/**
	 * The number needs a country code it was not given (no `+`, `00` or Default Country). The hint
	 * then points to Options › Default Country, so a field whose node has no such option words its own.
	 */
	lacksCountryCode?: true;
}

export type PhoneNumberCheck = ValidPhoneNumber | InvalidPhoneNumber;

export interface PhoneNumberOptions {
	/** Country used for numbers typed without a country code (ISO 3166 alpha-2, e.g. `GB`). */
	defaultCountry?: string;
	/**
	 * The user's opt-in that digits without `+` or `00` are a country code and number (a sheet that
	 * stores E.164 without `+`). Off, such digits are read only in the Default Country.
	 */
	readNumbersWithoutPlusAsInternational?: boolean;
}

const HINT_INTERNATIONAL = 'Write it in international format, e.g. +16462223333';
const OPT_IN_NAME = 'Options › Read Numbers Without + as International';

/**
 * Reads a phone number the way people type it into a spreadsheet or form: spaces, dashes, dots,
 * brackets, a `(0)` trunk prefix after the country code, `00` instead of `+`. A number is never
 * sent to a country the user did not write: digits without `+` or `00` are read in the Default
 * Country, or as international only when the user opted in.
 */
export function parsePhoneNumber(input: unknown, options: PhoneNumberOptions = {}): PhoneNumberCheck {
	const given = phoneInputAsText(input);
	if (typeof given !== 'string') return given;
	const text = withoutPastingMarks(given);
	if (text === '') {
		return { valid: false, reason: 'is empty', hint: 'Map a field that holds the recipient number, e.g. +16462223333' };
	}

	const pastingProblem = notOneWholeNumber(text);
	if (pastingProblem) return pastingProblem;
	if (text.lastIndexOf('+') > 0) {
		return { valid: false, reason: 'has a + that is not at the start', hint: HINT_INTERNATIONAL };
	}

	const defaultCountry = countryOption(options.defaultCountry);
	if (defaultCountry && !defaultCountry.valid) return defaultCountry.error;
	const country = defaultCountry?.code;

	// libphonenumber reads "+44 (0)20 …" (the trunk zero) and, given a country, that country's
	// international prefix; anything but dial characters (letters, an extension) goes to it as typed.
	const compact = parseIncompletePhoneNumber(text);
	if (compact === '' || compact.startsWith('+') || !onlyDialCharacters(text)) return checkReading(text, country);
	if (compact.startsWith('00')) return readAfterInternationalPrefix(text, country);
	if (compact.startsWith('011') && (!country || getCountryCallingCode(country) !== '1')) {
		// North America's international prefix; elsewhere 011 is a national number (Buenos Aires).
		if (!country) return startsWithNorthAmericanPrefix();
		return readInDefaultCountry(text, compact, country, false);
	}
	if (country) return readInDefaultCountry(text, compact, country, options.readNumbersWithoutPlusAsInternational === true);
	if (options.readNumbersWithoutPlusAsInternational === true && !compact.startsWith('0')) return checkReading(`+${text}`, undefined);
	return hasNoCountryCode(compact);
}

/**
 * A number a provider reports as international digits without `+` (Skycore's postbacks), in E.164,
 * so that a workflow can use it as a Send's To with any provider and no Default Country. A short
 * code, a name, or digits that are not a valid number stay as the provider gave them.
 */
export function reportedNumberAsE164(reported: string): string {
	if (!/^\d{9,15}$/.test(reported)) return reported;
	const reading = checkReading(`+${reported}`, undefined);
	return reading.valid ? reading.e164 : reported;
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
		return { valid: false, reason: 'is empty', hint: 'Map a field that holds the recipient number, e.g. +16462223333' };
	}
	const kind = describeListOrObject(input) ?? `a ${typeof input}`;
	return {
		valid: false,
		reason: `is ${kind}, not text`,
		hint: 'Map a single text field that holds one number, e.g. {{ $json.phone }}',
	};
}

/**
 * What copying a number brings along that nobody means as part of it: the invisible marks web pages
 * and chat apps put around text (writing direction, zero width), full-width digits and + from East
 * Asian keyboards, a `tel:` link, the apostrophe a spreadsheet keeps a cell as text with, and the
 * quotes of a CSV export. "(+44) 7911 …", the country code in brackets, is read as "+44 7911 …".
 */
function withoutPastingMarks(text: string): string {
	// Plain ASCII starting with + or a digit, the usual case, has none of these: big sends skip the work.
	let cleaned = NOT_PLAIN_ASCII.test(text) ? text.normalize('NFKC').replace(/\p{Cf}/gu, '').trim() : text;
	if (!PASTED_PREFIX.test(cleaned)) return cleaned;
	cleaned = cleaned.replace(/^tel:/i, '');
	if (cleaned.startsWith("'")) cleaned = cleaned.slice(1);
	const quoted = /^"(.*)"$/s.exec(cleaned);
	if (quoted) cleaned = quoted[1];
	return cleaned.replace(/^\(\s*(\+\d{1,4})\s*\)/, '$1 ').trim();
}

const NOT_PLAIN_ASCII = /[^\x20-\x7e]/;

/** How a pasted number may start: a tel: link, a spreadsheet's apostrophe, a CSV quote, a bracket. */
const PASTED_PREFIX = /^(?:tel:|['"(])/i;

/** A number a sheet wrote in scientific notation, which keeps only the first digits. */
const SCIENTIFIC_NOTATION = /^\d(?:[.,]\d+)?e\+?\d+$/i;

/** Separators between numbers in one cell; `/` is left out, as some countries write 0171/1234567. */
const LIST_SEPARATORS = /[,;|\n]/;

const MIN_DIGITS_OF_A_NUMBER = 6;

/** Text that is not one whole number: two or more in one cell, or one whose digits a sheet dropped. */
function notOneWholeNumber(text: string): InvalidPhoneNumber | undefined {
	if (SCIENTIFIC_NOTATION.test(text)) {
		return {
			valid: false,
			reason: `is in scientific notation (${text}), which has lost its last digits`,
			hint: 'Format the column as plain text (or as a number without decimals) in the sheet, so that every digit comes through',
		};
	}
	if (!LIST_SEPARATORS.test(text)) return undefined;
	const parts = text.split(LIST_SEPARATORS).filter((part) => part.replace(/\D/g, '').length >= MIN_DIGITS_OF_A_NUMBER);
	if (parts.length > 1) {
		return {
			valid: false,
			reason: `holds ${parts.length} numbers`,
			hint: 'Send one number per item: split the list into items first (e.g. with a Split Out node)',
		};
	}
	return undefined;
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

/** `00` is the international prefix wherever it is typed. */
function readAfterInternationalPrefix(text: string, country: CountryCode | undefined): PhoneNumberCheck {
	// The rest as typed, so that libphonenumber still sees a "(0)" trunk prefix after the country code.
	const afterPrefix = text.slice(text.indexOf('0', text.indexOf('0') + 1) + 1).trim();
	const check = checkReading(`+${afterPrefix}`, undefined);
	if (check.valid || !country) return check;
	// Some countries dial abroad with 00 and a carrier code (Brazil's 0021 …), which libphonenumber
	// knows; its reading counts only when it found an international number, not a national one.
	const asDialledThere = checkReading(text, country);
	const foundAbroad = asDialledThere.valid && !asDialledThere.e164.startsWith(`+${getCountryCallingCode(country)}`);
	return foundAbroad ? asDialledThere : check;
}

/** Digits without `+` or `00` and a Default Country: that country's number, unless the user opted in. */
function readInDefaultCountry(text: string, compact: string, country: CountryCode, digitsMayBeInternational: boolean): PhoneNumberCheck {
	const national = checkReading(text, country);
	// Digits that start with the country's own code (447911123456 with GB) stay in that country,
	// but may also be a national number (4915123456789 with DE): two numbers, so the user decides.
	if (compact.startsWith(getCountryCallingCode(country))) {
		const withCountryCode = checkReading(`+${text}`, undefined);
		if (withCountryCode.valid) {
			if (digitsMayBeInternational || !national.valid || national.e164 === withCountryCode.e164) return withCountryCode;
			return readsTwoWays(country, national, withCountryCode);
		}
	}
	if (national.valid) return national;
	const mayBeInternational = !compact.startsWith('0');
	if (digitsMayBeInternational && mayBeInternational) {
		const international = checkReading(`+${text}`, undefined);
		if (international.valid) return international;
	}
	const optIn = mayBeInternational && !digitsMayBeInternational ? `; if your list stores international numbers without +, turn on ${OPT_IN_NAME}` : '';
	return {
		valid: false,
		reason: `is not a valid number in ${country}`,
		hint: `Check the digits. A number from another country needs + and its country code, e.g. +44 7911 123456${optIn}`,
	};
}

function hasNoCountryCode(compact: string): InvalidPhoneNumber {
	const optIn = compact.startsWith('0') ? '' : `. If your list stores international numbers without +, turn on ${OPT_IN_NAME}`;
	return {
		valid: false,
		reason: 'has no country code',
		hint: `Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country to the country of your numbers${optIn}`,
		lacksCountryCode: true,
	};
}

function startsWithNorthAmericanPrefix(): InvalidPhoneNumber {
	return {
		valid: false,
		reason: 'starts with 011, the prefix for calling abroad from North America',
		hint: 'Write + instead of 011 (e.g. +44 7911 123456), or set Options › Default Country to US or CA',
		lacksCountryCode: true,
	};
}

function readsTwoWays(country: CountryCode, national: ValidPhoneNumber, withCountryCode: ValidPhoneNumber): InvalidPhoneNumber {
	return {
		valid: false,
		reason: `can be read two ways in ${country}: ${national.e164} or ${withCountryCode.e164}`,
		hint: `Write it with + and the country code (e.g. ${withCountryCode.e164}) or the way it is dialled in ${country}, or turn on ${OPT_IN_NAME} to read it as ${withCountryCode.e164}`,
	};
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
						hint: 'Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country to the country of your numbers',
						lacksCountryCode: true,
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
