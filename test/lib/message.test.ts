import { checkMessageText } from '../../lib/message';

describe('checkMessageText', () => {
	it.each([
		['plain text', 'Hello! Your order is ready for pickup.'],
		['line breaks and tabs', 'Line 1\nLine 2\r\n\tindented'],
		['emoji', 'Thanks 👍'],
		['a number from an expression', 42],
	])('accepts %s', (_name, value) => {
		expect(checkMessageText(value)).toEqual({ valid: true, text: String(value) });
	});

	it.each([
		['empty', '', 'is empty'],
		['whitespace only', ' \n ', 'is empty'],
		['null', null, 'is empty'],
		['an object', { text: 'hi' }, 'is an object, not text'],
		['a list', ['hi'], 'is a list, not text'],
		['a lone surrogate', 'half an emoji \uD83D', 'contains a broken character (a lone UTF-16 surrogate, usually half an emoji)'],
		['a NUL character', 'a\u0000b', 'contains an invisible control character (U+0000)'],
		['an escape character', 'a\u001Bb', 'contains an invisible control character (U+001B)'],
		['a C1 control character', 'a\u0085b', 'contains an invisible control character (U+0085)'],
	])('refuses %s', (_name, value, reason) => {
		const result = checkMessageText(value);
		expect(result).toMatchObject({ valid: false, reason });
	});

	it('refuses text over the provider limit, counting characters not UTF-16 units', () => {
		expect(checkMessageText('a'.repeat(1600), { maxCharacters: 1600 }).valid).toBe(true);
		expect(checkMessageText('😀'.repeat(1600), { maxCharacters: 1600 }).valid).toBe(true);
		expect(checkMessageText('a'.repeat(1601), { maxCharacters: 1600 })).toMatchObject({
			valid: false,
			reason: 'is 1601 characters long; the provider accepts at most 1600',
		});
	});
});
