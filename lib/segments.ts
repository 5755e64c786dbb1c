/**
 * How many SMS parts a text costs (3GPP TS 23.038 / 23.040).
 *
 * GSM-7 carries 160 septets in one part and 153 per part once split (the rest is the
 * concatenation header); the extension characters are sent as ESC + character and cost 2.
 * Any character outside GSM-7 turns the whole message into UCS-2: 70 UTF-16 code units in one
 * part, 67 per part once split; a character outside the BMP (most emoji) is a surrogate pair and
 * costs 2. A part never ends between ESC and its character, nor between the halves of a pair.
 */

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
	encoding: SmsEncoding;
	/** Number of SMS parts the provider will bill. */
	segments: number;
	/** Characters as a person counts them (Unicode code points). */
	characters: number;
}

const GSM7_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

/**
 * Septets per UTF-16 code unit: 1 for the basic set, 2 for the extension (ESC + character), 0 for
 * a unit GSM-7 cannot carry. Every GSM-7 character is a single code unit, so counting a text is
 * one pass over its units with no string or array made: this runs for every message sent.
 */
const SEPTETS = new Uint8Array(0x10000);
for (const character of GSM7_BASIC) SEPTETS[character.charCodeAt(0)] = 1;
for (const character of GSM7_EXTENSION) SEPTETS[character.charCodeAt(0)] = 2;

const LIMITS: Record<SmsEncoding, { single: number; multipart: number }> = {
	'GSM-7': { single: 160, multipart: 153 },
	'UCS-2': { single: 70, multipart: 67 },
};

/** The septets of a GSM-7 text, or undefined when a character needs UCS-2. */
function gsm7Septets(text: string): number | undefined {
	let septets = 0;
	for (let index = 0; index < text.length; index++) {
		const cost = SEPTETS[text.charCodeAt(index)];
		if (cost === 0) return undefined;
		septets += cost;
	}
	return septets;
}

/** Whether every character of the text is in the GSM-7 alphabet (basic set or extension). */
export function isGsm7(text: string): boolean {
	return gsm7Septets(text) !== undefined;
}

/** The cost in septets (GSM-7) or UTF-16 code units (UCS-2) of each character, in order. */
function characterCosts(text: string, encoding: SmsEncoding): number[] {
	const costs: number[] = [];
	for (const character of text) {
		costs.push(encoding === 'GSM-7' ? SEPTETS[character.charCodeAt(0)] : character.length);
	}
	return costs;
}

/** How many parts whole characters fill, so that no escape sequence or surrogate pair is cut. */
function countParts(costs: number[], capacity: number): number {
	let parts = 0;
	let used = capacity;
	for (const cost of costs) {
		if (used + cost > capacity) {
			parts++;
			used = 0;
		}
		used += cost;
	}
	return parts;
}

export function countSegments(text: string): SegmentCount {
	const septets = gsm7Septets(text);
	const encoding: SmsEncoding = septets === undefined ? 'UCS-2' : 'GSM-7';
	// GSM-7 characters are one code unit each; in UCS-2 a surrogate pair is one character.
	const total = septets ?? text.length;
	const characters = septets === undefined ? codePoints(text) : text.length;
	const limits = LIMITS[encoding];
	let segments: number;
	if (total === 0) segments = 0;
	else if (total <= limits.single) segments = 1;
	else segments = countParts(characterCosts(text, encoding), limits.multipart);
	return { encoding, segments, characters };
}

function codePoints(text: string): number {
	let count = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		// A low surrogate after a high one belongs to the same character.
		if (unit < 0xdc00 || unit > 0xdfff || index === 0 || !isHighSurrogate(text.charCodeAt(index - 1))) count++;
	}
	return count;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
