import { replaceLookAlikeCharacters } from './look-alike-characters';

/**
 * 'a list' or 'an object' when an expression gave a one-value field something else, for the
 * message that refuses it instead of turning it into text ("[object Object]", or items joined).
 */
export function describeListOrObject(value: unknown): 'a list' | 'an object' | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	return Array.isArray(value) ? 'a list' : 'an object';
}

export type TextCheck = { valid: true; text: string } | { valid: false; reason: string; hint: string };

export interface TextRules {
	/** Longest text the provider accepts, in characters (code points), counted after any replacement. */
	maxCharacters?: number;
	/** Options › Replace Look-Alike Characters: curly quotes and the like made plain when the whole text becomes GSM-7. */
	replaceLookAlikeCharacters?: boolean;
}

/**
 * Checks a message body before anything is sent. Control characters other than line breaks and
 * tabs, and lone UTF-16 surrogates (half an emoji, usually from a cut string), are refused:
 * providers either reject them or deliver garbage, and the user cannot see them in the editor.
 */
export function checkMessageText(value: unknown, rules: TextRules = {}): TextCheck {
	if (value === null || value === undefined) {
		return { valid: false, reason: 'is empty', hint: 'Type the message or map a field that holds it' };
	}
	const listOrObject = describeListOrObject(value);
	if (listOrObject) {
		return { valid: false, reason: `is ${listOrObject}, not text`, hint: 'Map a single text field, e.g. {{ $json.message }}' };
	}
	const text = String(value);
	if (text.trim() === '') {
		return { valid: false, reason: 'is empty', hint: 'Type the message or map a field that holds it' };
	}
	const invisible = findInvisibleCharacter(text, { allowLineBreaks: true });
	if (invisible !== undefined) {
		return {
			valid: false,
			reason: `contains ${invisible.description}`,
			hint: invisible.broken ? 'Check where the text was cut or built; every emoji must be whole' : 'Remove control characters; line breaks and tabs are fine',
		};
	}
	const sent = rules.replaceLookAlikeCharacters ? replaceLookAlikeCharacters(text) : text;
	if (sent.trim() === '') {
		return { valid: false, reason: 'holds only invisible characters', hint: 'Type the message or map a field that holds it' };
	}
	const characters = [...sent].length;
	if (rules.maxCharacters !== undefined && characters > rules.maxCharacters) {
		return {
			valid: false,
			reason: `is ${characters} characters long; the provider accepts at most ${rules.maxCharacters}`,
			hint: 'Shorten the message',
		};
	}
	return { valid: true, text: sent };
}

const LINE_BREAKS_AND_TABS = new Set([0x09, 0x0a, 0x0d]);

/**
 * The first character a reader cannot see: half an emoji (a lone UTF-16 surrogate, usually from a
 * cut string) or a control character. Line breaks and tabs count only where the text is one line.
 */
export function findInvisibleCharacter(
	text: string,
	options: { allowLineBreaks: boolean },
): { broken: boolean; description: string } | undefined {
	if (!text.isWellFormed()) {
		return { broken: true, description: 'a broken character (a lone UTF-16 surrogate, usually half an emoji)' };
	}
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0);
		if (isControl && !(options.allowLineBreaks && LINE_BREAKS_AND_TABS.has(code))) {
			return { broken: false, description: `an invisible control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})` };
		}
	}
	return undefined;
}
