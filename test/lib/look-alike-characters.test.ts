import { LOOK_ALIKE_CHARACTERS, replaceLookAlikeCharacters } from '../../lib/look-alike-characters';
import { checkMessageText } from '../../lib/message';
import { countSegments, isGsm7 } from '../../lib/segments';

const hex = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('replaceLookAlikeCharacters', () => {
	it.each([
		['single quotes and the prime', 'It\u2018s \u2019n \u201Aa\u201B 5\u2032', "It's 'n 'a' 5'"],
		['double quotes and the double prime', '\u201CHi\u201D \u201Elo\u201F 12\u2033', '"Hi" "lo" 12"'],
		['dashes, hyphens and the minus sign', 'a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g \u22125', 'a-b-c-d-e-f-g -5'],
		['the ellipsis', 'Wait\u2026', 'Wait...'],
		[
			'no-break, narrow, typographic and ideographic spaces',
			'a\u00A0b\u202Fc\u2000d\u2001e\u2002f\u2003g\u2004h\u2005i\u2006j\u2007k\u2008l\u2009m\u200An\u205Fo\u3000p',
			'a b c d e f g h i j k l m n o p',
		],
		['a tab from cells copied out of a sheet', 'Price:\t\u201C5\u201D', 'Price: "5"'],
		['invisible marks', 'in\u00ADvis\u200Bi\u200Cb\u200Dl\u2060e\uFEFF', 'invisible'],
	])('%s', (_name, pasted, plain) => {
		expect(replaceLookAlikeCharacters(pasted)).toBe(plain);
	});

	it('turns a pasted 100-character text from two SMS into one', () => {
		const pasted = 'We\u2019re open \u2013 see you\u2026 '.padEnd(100, 'x');
		expect(countSegments(pasted)).toMatchObject({ encoding: 'UCS-2', segments: 2 });
		const sent = replaceLookAlikeCharacters(pasted);
		expect(sent).toBe("We're open - see you... ".padEnd(102, 'x'));
		expect(countSegments(sent)).toEqual({ encoding: 'GSM-7', segments: 1, characters: 102 });
	});

	it.each([
		['an emoji', 'We\u2019re open \u2013 see you\u2026 \u{1F44B}'],
		['Cyrillic', '\u201C\u041F\u0440\u0438\u0432\u0435\u0442\u201D \u2013 \u0434\u0430'],
		['a ç, outside GSM-7', 'Merci\u00A0\u2013 gar\u00E7on\u2026'],
		['a zero-width joiner inside an emoji sequence', 'Family\u00A0\u{1F468}\u200D\u{1F469}\u200D\u{1F467}'],
	])('keeps every character of a text that stays UCS-2 anyway: %s', (_name, text) => {
		expect(replaceLookAlikeCharacters(text)).toBe(text);
	});

	it.each([
		['empty text', ''],
		['plain GSM-7', "We're open - see you..."],
		['GSM-7 accents and the euro sign', 'Caf\u00E9 \u00C7a coute 5\u20AC'],
	])('leaves %s as it is', (_name, text) => {
		expect(replaceLookAlikeCharacters(text)).toBe(text);
	});

	it('empties a text of invisible marks only (checkMessageText refuses it)', () => {
		expect(replaceLookAlikeCharacters('\u200B\uFEFF')).toBe('');
	});

	it('replaces only characters outside GSM-7, each by plain GSM-7 text', () => {
		for (const [character, plain] of LOOK_ALIKE_CHARACTERS) {
			expect({ character: hex(character), outside: !isGsm7(character) }).toEqual({ character: hex(character), outside: true });
			expect({ character: hex(character), plain: isGsm7(plain) }).toEqual({ character: hex(character), plain: true });
		}
	});
});

describe('checkMessageText with replaceLookAlikeCharacters', () => {
	const pasted = 'We\u2019re open\u00A0\u2013 see you\u2026';

	it('gives the plain text to send when on, the text as written when off or not asked', () => {
		expect(checkMessageText(pasted, { replaceLookAlikeCharacters: true })).toEqual({ valid: true, text: "We're open - see you..." });
		expect(checkMessageText(pasted, { replaceLookAlikeCharacters: false })).toEqual({ valid: true, text: pasted });
		expect(checkMessageText(pasted)).toEqual({ valid: true, text: pasted });
	});

	it('checks the provider limit on the replaced text: the ellipsis becomes three characters', () => {
		const rules = { maxCharacters: 1600, replaceLookAlikeCharacters: true };
		expect(checkMessageText(`${'a'.repeat(1597)}\u2026`, rules)).toEqual({ valid: true, text: `${'a'.repeat(1597)}...` });
		expect(checkMessageText(`${'a'.repeat(1598)}\u2026`, rules)).toMatchObject({
			valid: false,
			reason: 'is 1601 characters long; the provider accepts at most 1600',
		});
		expect(checkMessageText(`${'a'.repeat(1598)}\u2026`, { maxCharacters: 1600 }).valid).toBe(true);
		// A removed invisible mark no longer counts.
		expect(checkMessageText(`${'a'.repeat(1600)}\u200B`, rules)).toEqual({ valid: true, text: 'a'.repeat(1600) });
	});

	it('refuses a message of invisible marks only, which would go out empty', () => {
		expect(checkMessageText('\u200B\u2060', { replaceLookAlikeCharacters: true })).toMatchObject({
			valid: false,
			reason: 'holds only invisible characters',
		});
	});
});
