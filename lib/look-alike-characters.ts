import { isGsm7 } from './segments';

/**
 * Typographic characters that a reader cannot tell from a plain GSM-7 one, or cannot see at all,
 * and their plain replacement. Text pasted from documents, web pages and e-mails carries them, and
 * any one of them makes the whole SMS UCS-2 (lib/segments.ts), which fits far fewer characters per part.
 */
export const LOOK_ALIKE_CHARACTERS: ReadonlyMap<string, string> = new Map([
	// Single quotes and the prime: the apostrophe of "We’re".
	['\u2018', "'"], // left single quotation mark
	['\u2019', "'"], // right single quotation mark
	['\u201A', "'"], // single low-9 quotation mark
	['\u201B', "'"], // single high-reversed-9 quotation mark
	['\u2032', "'"], // prime
	// Double quotes and the double prime.
	['\u201C', '"'], // left double quotation mark
	['\u201D', '"'], // right double quotation mark
	['\u201E', '"'], // double low-9 quotation mark
	['\u201F', '"'], // double high-reversed-9 quotation mark
	['\u2033', '"'], // double prime
	// Hyphens, dashes and the minus sign.
	['\u2010', '-'], // hyphen
	['\u2011', '-'], // non-breaking hyphen
	['\u2012', '-'], // figure dash
	['\u2013', '-'], // en dash
	['\u2014', '-'], // em dash
	['\u2015', '-'], // horizontal bar
	['\u2212', '-'], // minus sign
	['\u2026', '...'], // horizontal ellipsis
	// Spaces of other widths, and spaces that only forbid a line break.
	['\u00A0', ' '], // no-break space
	['\u2000', ' '], // en quad
	['\u2001', ' '], // em quad
	['\u2002', ' '], // en space
	['\u2003', ' '], // em space
	['\u2004', ' '], // three-per-em space
	['\u2005', ' '], // four-per-em space
	['\u2006', ' '], // six-per-em space
	['\u2007', ' '], // figure space
	['\u2008', ' '], // punctuation space
	['\u2009', ' '], // thin space
	['\u200A', ' '], // hair space
	['\u202F', ' '], // narrow no-break space
	['\u205F', ' '], // medium mathematical space
	['\u3000', ' '], // ideographic space
	// A tab, which table cells copied from a sheet bring along: a phone shows no columns in an SMS.
	['\t', ' '],
	// Invisible marks that only steer line breaks or joining: removed.
	['\u00AD', ''], // soft hyphen
	['\u200B', ''], // zero-width space
	['\u200C', ''], // zero-width non-joiner
	['\u200D', ''], // zero-width joiner
	['\u2060', ''], // word joiner
	['\uFEFF', ''], // byte order mark (zero-width no-break space)
]);

const LOOK_ALIKE_PATTERN = new RegExp(
	`[${[...LOOK_ALIKE_CHARACTERS.keys()].map((character) => `\\u{${character.codePointAt(0)!.toString(16)}}`).join('')}]`,
	'gu',
);

/**
 * The text with its look-alike characters replaced, when that makes the whole text GSM-7. Otherwise
 * the text as it is: a message that stays UCS-2 (an emoji, Cyrillic) costs the same either way, and
 * replacing would only change what the person reads.
 */
export function replaceLookAlikeCharacters(text: string): string {
	if (isGsm7(text)) return text;
	const replaced = text.replace(LOOK_ALIKE_PATTERN, (character) => LOOK_ALIKE_CHARACTERS.get(character)!);
	return isGsm7(replaced) ? replaced : text;
}
