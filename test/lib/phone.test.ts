import { formatPhoneNumber, parsePhoneNumber, type ValidPhoneNumber } from '../../lib/phone';

describe('parsePhoneNumber: accepted input', () => {
	it.each([
		['E.164 from the ClearLine spec', '+12025551234', undefined, '+12025551234'],
		['spaces, dashes and brackets', '+1 (202) 555-1234', undefined, '+12025551234'],
		['00 international prefix', '0044 20 7946 0958', undefined, '+442079460958'],
		['011 international prefix (from North America)', '011 44 20 7946 0958', undefined, '+442079460958'],
		['00 prefix with a default country', '0044 20 7946 0958', 'DE', '+442079460958'],
		['011 prefix with default country US', '011 44 20 7946 0958', 'US', '+442079460958'],
		['(0) trunk prefix after the country code', '+44 (0)20 7946 0958', undefined, '+442079460958'],
		['(0) trunk prefix, German mobile', '+49 (0)176 12345678', undefined, '+4917612345678'],
		['national number with default country', '020 7946 0958', 'GB', '+442079460958'],
		['national number, lower-case country', '0176 12345678', 'de', '+4917612345678'],
		['international digits without + (Skycore spec example)', '17743199144', undefined, '+17743199144'],
		['international digits that do not fit the default country', '4917612345678', 'US', '+4917612345678'],
		['a number value from a spreadsheet', 4917612345678, undefined, '+4917612345678'],
		['surrounding whitespace', '  +33 6 12 34 56 78 ', undefined, '+33612345678'],
	])('%s', (_name, input, defaultCountry, e164) => {
		const result = parsePhoneNumber(input, { defaultCountry });
		expect(result).toMatchObject({ valid: true, e164, digits: e164.slice(1) });
	});
});

describe('parsePhoneNumber: refused input, with the reason', () => {
	it.each([
		['empty text', '', 'is empty'],
		['only whitespace', '   ', 'is empty'],
		['null from an expression', null, 'is empty'],
		['undefined from an expression', undefined, 'is empty'],
		['an object from an expression', { phone: '+12025551234' }, 'is an object, not text'],
		['a list from an expression', ['+12025551234'], 'is a list, not text'],
		['a boolean', true, 'is a boolean, not text'],
		['letters', 'call me', 'is not a phone number'],
		['letters mixed into digits', '12ab3456789', 'is not a phone number'],
		['too short', '+1 202', 'is too short'],
		['too long', '+1202555123456789', 'is too long'],
		['unknown country code', '+999 1234567', 'starts with an unknown country code'],
		['national number without a country', '020 7946 0958', 'has no country code'],
		['+ twice at the start', '++4917612345678', 'has a + that is not at the start'],
		['+ in the middle', '+49176+12345678', 'has a + that is not at the start'],
		['an extension', '+1 202 555 1234 ext 5', 'has an extension (5)'],
		['a number not valid in its country', '+447700900123', 'is not a valid number for country code +44'],
		['a NUL character', '+1202555\u00001234', 'is not a phone number'],
	])('%s', (_name, input, reason) => {
		const result = parsePhoneNumber(input);
		expect(result.valid).toBe(false);
		if (!result.valid) {
			expect(result.reason).toBe(reason);
			expect(result.hint.length).toBeGreaterThan(10);
		}
	});

	it('refuses a default country that is not an ISO code, saying so', () => {
		const result = parsePhoneNumber('020 7946 0958', { defaultCountry: 'UK' });
		expect(result).toMatchObject({ valid: false });
		expect(!result.valid && result.reason).toContain('"UK", which is not a known ISO country code');
	});
});

describe('formatPhoneNumber', () => {
	it('gives E.164 or international digits without +', () => {
		const phone = parsePhoneNumber('+1 774 319 9144') as ValidPhoneNumber;
		expect(formatPhoneNumber(phone, 'e164')).toBe('+17743199144');
		expect(formatPhoneNumber(phone, 'digits')).toBe('17743199144');
	});
});
