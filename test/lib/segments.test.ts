import { countSegments } from '../../lib/segments';

describe('countSegments', () => {
	it.each([
		['the spec example', 'Hello! Your order is ready for pickup.', 'GSM-7', 1, 38],
		['empty text', '', 'GSM-7', 0, 0],
		['160 GSM characters', 'a'.repeat(160), 'GSM-7', 1, 160],
		['161 GSM characters', 'a'.repeat(161), 'GSM-7', 2, 161],
		['306 GSM characters (two full parts)', 'a'.repeat(306), 'GSM-7', 2, 306],
		['307 GSM characters', 'a'.repeat(307), 'GSM-7', 3, 307],
		['80 euro signs (2 septets each = 160)', '€'.repeat(80), 'GSM-7', 1, 80],
		['81 euro signs', '€'.repeat(81), 'GSM-7', 2, 81],
		['extension characters cost two', '{}[]~|^\\'.repeat(10), 'GSM-7', 1, 80],
		['81 extension characters', '{}[]~|^\\'.repeat(10) + '€', 'GSM-7', 2, 81],
		['GSM accents such as é, Ç and ñ', 'Café Çava niño', 'GSM-7', 1, 14],
		['a lowercase ç forces UCS-2', 'Ça va, garçon', 'UCS-2', 1, 13],
		['70 UCS-2 characters', 'ç'.repeat(70), 'UCS-2', 1, 70],
		['71 UCS-2 characters', 'ç'.repeat(71), 'UCS-2', 2, 71],
		['134 UCS-2 characters (two full parts)', 'ç'.repeat(134), 'UCS-2', 2, 134],
		['135 UCS-2 characters', 'ç'.repeat(135), 'UCS-2', 3, 135],
		['35 emoji (surrogate pairs, 70 units)', '😀'.repeat(35), 'UCS-2', 1, 35],
		['36 emoji', '😀'.repeat(36), 'UCS-2', 2, 36],
		['Cyrillic', 'Привет', 'UCS-2', 1, 6],
		['one emoji in GSM text', `${'a'.repeat(68)}👍`, 'UCS-2', 1, 69],
		['one emoji past the UCS-2 limit', `${'a'.repeat(69)}👍`, 'UCS-2', 2, 70],
	])('%s', (_name, text, encoding, segments, characters) => {
		expect(countSegments(text)).toEqual({ encoding, segments, characters });
	});
});

describe('countSegments across parts', () => {
	it('never splits an escape sequence: a euro sign that would straddle a part moves to the next', () => {
		// 306 septets fill two parts exactly only if the euro sign's escape could be cut.
		expect(countSegments(`${'a'.repeat(152)}€${'b'.repeat(152)}`).segments).toBe(3);
	});

	it('never splits a surrogate pair', () => {
		// 134 code units fill two parts exactly only if the emoji's halves could be cut.
		expect(countSegments(`${'ç'.repeat(66)}😀${'ç'.repeat(66)}`).segments).toBe(3);
	});

	it('fills GSM parts to 153 septets', () => {
		expect(countSegments('x'.repeat(459)).segments).toBe(3);
		expect(countSegments('x'.repeat(460)).segments).toBe(4);
	});
});

describe('encoding', () => {
	it.each([
		['@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&\'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà', 'GSM-7'],
		['line\nbreak\rreturn', 'GSM-7'],
		['form\ffeed', 'GSM-7'],
		['tab\tis not GSM', 'UCS-2'],
		['curly “quotes”', 'UCS-2'],
	])('%j is %s', (text, encoding) => {
		expect(countSegments(text).encoding).toBe(encoding);
	});
});

describe('countSegments characters', () => {
	it.each([
		['a lone high surrogate', 'ab\ud83dcd'],
		['a lone low surrogate', 'ab\ude00cd'],
		['two high surrogates before a low one', '\ud83d\ud83d\ude00'],
		['emoji between text', 'hi 😀 there 👍🏽'],
	])('counts %s as a person would (as code points)', (_name, text) => {
		expect(countSegments(text)).toEqual({ encoding: 'UCS-2', segments: 1, characters: [...text].length });
	});
});
