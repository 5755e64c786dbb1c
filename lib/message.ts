export type TextCheck = { valid: true; text: string } | { valid: false; reason: string; hint: string };

export interface TextRules {
	/** Longest text the provider accepts, in characters (code points). */
	maxCharacters?: number;
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
	if (typeof value === 'object') {
		const kind = Array.isArray(value) ? 'a list' : 'an object';
		return { valid: false, reason: `is ${kind}, not text`, hint: 'Map a single text field, e.g. {{ $json.message }}' };
	}
	const text = String(value);
	if (text.trim() === '') {
		return { valid: false, reason: 'is empty', hint: 'Type the message or map a field that holds it' };
	}
	if (!text.isWellFormed()) {
		return {
			valid: false,
			reason: 'contains a broken character (a lone UTF-16 surrogate, usually half an emoji)',
			hint: 'Check where the text was cut or built; every emoji must be whole',
		};
	}
	const control = firstControlCharacter(text);
	if (control !== undefined) {
		return {
			valid: false,
			reason: `contains an invisible control character (U+${control.toString(16).toUpperCase().padStart(4, '0')})`,
			hint: 'Remove control characters; line breaks and tabs are fine',
		};
	}
	const characters = [...text].length;
	if (rules.maxCharacters !== undefined && characters > rules.maxCharacters) {
		return {
			valid: false,
			reason: `is ${characters} characters long; the provider accepts at most ${rules.maxCharacters}`,
			hint: 'Shorten the message',
		};
	}
	return { valid: true, text };
}

const ALLOWED_CONTROLS = new Set([0x09, 0x0a, 0x0d]);

function firstControlCharacter(text: string): number | undefined {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		const isControl = code < 0x20 || (code >= 0x7f && code < 0xa0);
		if (isControl && !ALLOWED_CONTROLS.has(code)) return code;
	}
	return undefined;
}
