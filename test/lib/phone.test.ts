import { formatPhoneNumber, parsePhoneNumber, type PhoneNumberOptions, type ValidPhoneNumber } from '../../lib/phone';

const OPT_IN = { readNumbersWithoutPlusAsInternational: true };

/**
 * Numbers from ten countries typed the ways people type them, with the E.164 number they are sent
 * to or the start of the reason they are refused. Every E.164 here is a valid number in
 * libphonenumber's metadata (a mobile or geographic range of its country).
 */
const NUMBERS: Array<[string, string | number, PhoneNumberOptions, string]> = [
	// United States: 10 digits are a US number only when the user says US.
	['US, international with spaces', '+1 646 222 3333', {}, '+16462223333'],
	['US, brackets and dash with US', '(646) 222-3333', { defaultCountry: 'US' }, '+16462223333'],
	['US, dots with US', '646.222.3333', { defaultCountry: 'US' }, '+16462223333'],
	['US, 10 digits without a country', '6462223333', {}, 'has no country code'],
	['US, 10 digits opted in are read as the international digits they are (New Zealand)', '6462223333', OPT_IN, '+6462223333'],
	['US, the issue’s 10 digits with US', '3215551234', { defaultCountry: 'US' }, '+13215551234'],
	['US, the issue’s 10 digits without a country', '3215551234', {}, 'has no country code'],
	['US, the issue’s 10 digits opted in (Belgium)', '3215551234', OPT_IN, '+3215551234'],
	['US, the issue’s refused 10 digits without a country', '2025550123', {}, 'has no country code'],
	['US, the same with US', '2025550123', { defaultCountry: 'US' }, '+12025550123'],
	['US, 11 digits with the own country code and US', '1 646 222 3333', { defaultCountry: 'US' }, '+16462223333'],
	['US, 11 digits without a country', '16462223333', {}, 'has no country code'],
	['US, 11 digits opted in', '16462223333', OPT_IN, '+16462223333'],
	['US, a spreadsheet number value with US', 6462223333, { defaultCountry: 'US' }, '+16462223333'],
	['US, 011 prefix to the UK with US', '011 44 7911 123456', { defaultCountry: 'US' }, '+447911123456'],
	['US, 011 prefix to Japan with US', '011 81 90 1234 5678', { defaultCountry: 'US' }, '+819012345678'],
	['US, 011 prefix without a country', '011 44 7911 123456', {}, 'starts with 011'],
	['US, 011 prefix without a country, opted in', '011 44 7911 123456', OPT_IN, 'starts with 011'],
	// Canada shares +1 with the US.
	['CA, dashes with CA', '416-555-1234', { defaultCountry: 'CA' }, '+14165551234'],
	['CA, international with brackets', '+1 (416) 555-1234', {}, '+14165551234'],
	['CA, 10 digits with US (one numbering plan)', '(416) 555-1234', { defaultCountry: 'US' }, '+14165551234'],
	['CA, 011 prefix with CA', '011 44 7911 123456', { defaultCountry: 'CA' }, '+447911123456'],
	// United Kingdom: the trunk zero.
	['GB, trunk zero with GB', '07911 123456', { defaultCountry: 'GB' }, '+447911123456'],
	['GB, trunk zero without a country', '07911 123456', {}, 'has no country code'],
	['GB, trunk zero opted in without a country', '07911 123456', OPT_IN, 'has no country code'],
	['GB, trunk zero with US', '07911 123456', { defaultCountry: 'US' }, 'is not a valid number in US'],
	['GB, international', '+44 7911 123456', {}, '+447911123456'],
	['GB, (0) after the country code', '+44 (0)7911 123456', {}, '+447911123456'],
	['GB, 00 prefix', '0044 7911 123456', {}, '+447911123456'],
	['GB, 00 prefix with US (00 is international everywhere)', '0044 7911 123456', { defaultCountry: 'US' }, '+447911123456'],
	['GB, 00 prefix with JP (where it could pass for a national number)', '0044 7911 123456', { defaultCountry: 'JP' }, '+447911123456'],
	['GB, own country code with GB', '447911123456', { defaultCountry: 'GB' }, '+447911123456'],
	['GB, digits without a country', '447911123456', {}, 'has no country code'],
	['GB, digits opted in', '447911123456', OPT_IN, '+447911123456'],
	['GB, landline with GB', '0161 496 0000', { defaultCountry: 'GB' }, '+441614960000'],
	// Germany: numbers of varying length.
	['DE, international', '+49 1512 3456789', {}, '+4915123456789'],
	['DE, trunk zero with DE', '01512 3456789', { defaultCountry: 'DE' }, '+4915123456789'],
	['DE, 00 prefix and (0)', '0049 (0)1512 3456789', {}, '+4915123456789'],
	['DE, own country code with DE: also a national number', '4915123456789', { defaultCountry: 'DE' }, 'can be read two ways in DE: +494915123456789 or +4915123456789'],
	['DE, own country code with DE, opted in', '4915123456789', { defaultCountry: 'DE', ...OPT_IN }, '+4915123456789'],
	['DE, digits with US', '4915123456789', { defaultCountry: 'US' }, 'is not a valid number in US'],
	['DE, digits with US, opted in', '4915123456789', { defaultCountry: 'US', ...OPT_IN }, '+4915123456789'],
	['DE, a spreadsheet number value without a country', 4917612345678, {}, 'has no country code'],
	['DE, a spreadsheet number value opted in', 4917612345678, OPT_IN, '+4917612345678'],
	// France.
	['FR, spaces with FR', '06 12 34 56 78', { defaultCountry: 'FR' }, '+33612345678'],
	['FR, dots with FR', '06.12.34.56.78', { defaultCountry: 'FR' }, '+33612345678'],
	['FR, international', '+33 6 12 34 56 78', {}, '+33612345678'],
	['FR, 00 prefix and (0) with FR', '0033 (0)6 12 34 56 78', { defaultCountry: 'FR' }, '+33612345678'],
	['FR, trunk zero without a country', '06 12 34 56 78', {}, 'has no country code'],
	// India.
	['IN, international', '+91 98765 43210', {}, '+919876543210'],
	['IN, 10 digits with IN', '98765 43210', { defaultCountry: 'IN' }, '+919876543210'],
	['IN, trunk zero with IN', '098765 43210', { defaultCountry: 'IN' }, '+919876543210'],
	['IN, own country code with IN', '91 98765 43210', { defaultCountry: 'IN' }, '+919876543210'],
	['IN, 10 digits without a country', '9876543210', {}, 'has no country code'],
	['IN, 10 digits opted in: no valid number in Iran (+98) either', '9876543210', OPT_IN, 'has the wrong number of digits for its country'],
	// Australia: its own international prefix 0011.
	['AU, trunk zero with AU', '0412 345 678', { defaultCountry: 'AU' }, '+61412345678'],
	['AU, international', '+61 412 345 678', {}, '+61412345678'],
	['AU, 0011 prefix to the UK with AU', '0011 44 7911 123456', { defaultCountry: 'AU' }, '+447911123456'],
	['AU, 9 digits without a country', '412345678', {}, 'has no country code'],
	// Brazil: area code in brackets, 011 is São Paulo, 00 + carrier code abroad.
	['BR, brackets with BR', '(11) 91234-5678', { defaultCountry: 'BR' }, '+5511912345678'],
	['BR, international', '+55 11 91234-5678', {}, '+5511912345678'],
	['BR, trunk zero before area code 11 with BR (not the 011 prefix)', '011 91234 5678', { defaultCountry: 'BR' }, '+5511912345678'],
	['BR, 00 and carrier code 21 to the UK with BR', '0021 44 7911 123456', { defaultCountry: 'BR' }, '+447911123456'],
	// Nigeria.
	['NG, trunk zero with NG', '0803 123 4567', { defaultCountry: 'NG' }, '+2348031234567'],
	['NG, (0) after the country code', '+234 (0)803 123 4567', {}, '+2348031234567'],
	['NG, own country code with NG', '2348031234567', { defaultCountry: 'NG' }, '+2348031234567'],
	['NG, trunk zero without a country', '08031234567', {}, 'has no country code'],
	// Japan: its own international prefix 010.
	['JP, dashes with JP', '090-1234-5678', { defaultCountry: 'JP' }, '+819012345678'],
	['JP, international', '+81 90-1234-5678', {}, '+819012345678'],
	['JP, 010 prefix to the UK with JP', '010 44 7911 123456', { defaultCountry: 'JP' }, '+447911123456'],
	// Argentina: 011 is Buenos Aires for anyone outside North America.
	['AR, 011 area code with AR', '011 4123-4567', { defaultCountry: 'AR' }, '+541141234567'],
];

describe('parsePhoneNumber: numbers of ten countries, sent where the user wrote', () => {
	it.each(NUMBERS)('%s: %p', (_name, input, options, expected) => {
		const result = parsePhoneNumber(input, options);
		if (expected.startsWith('+')) {
			expect(result).toMatchObject({ valid: true, e164: expected, digits: expected.slice(1) });
		} else {
			expect(result).toMatchObject({ valid: false, reason: expect.stringContaining(expected) });
		}
	});

	it('covers at least 40 numbers of at least 10 countries', () => {
		expect(NUMBERS.length).toBeGreaterThanOrEqual(40);
		const countries = new Set(NUMBERS.map(([name]) => name.slice(0, 2)));
		expect(countries.size).toBeGreaterThanOrEqual(10);
	});

	it('says how to fix digits without a country code: + and the country code, Default Country, or the opt-in', () => {
		expect(parsePhoneNumber('3215551234')).toEqual({
			valid: false,
			reason: 'has no country code',
			hint:
				'Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country to the country of your numbers. ' +
				'If your list stores international numbers without +, turn on Options › Read Numbers Without + as International',
			lacksCountryCode: true,
		});
		// A trunk zero is never international, so the opt-in would not help.
		expect(parsePhoneNumber('07911 123456')).toEqual({
			valid: false,
			reason: 'has no country code',
			hint: 'Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country to the country of your numbers',
			lacksCountryCode: true,
		});
	});

	it('says how to fix a number that is not one of the Default Country’s', () => {
		expect(parsePhoneNumber('4915123456789', { defaultCountry: 'US' })).toEqual({
			valid: false,
			reason: 'is not a valid number in US',
			hint:
				'Check the digits. A number from another country needs + and its country code, e.g. +44 7911 123456; ' +
				'if your list stores international numbers without +, turn on Options › Read Numbers Without + as International',
		});
	});

	it('says how to fix 011 without a North American Default Country', () => {
		expect(parsePhoneNumber('011 44 7911 123456')).toEqual({
			valid: false,
			reason: 'starts with 011, the prefix for calling abroad from North America',
			hint: 'Write + instead of 011 (e.g. +44 7911 123456), or set Options › Default Country to US or CA',
			lacksCountryCode: true,
		});
	});

	it('marks only a missing country code, so that a field without Default Country can word its own hint', () => {
		expect(parsePhoneNumber('(0)')).toMatchObject({ valid: false, lacksCountryCode: true });
		expect(parsePhoneNumber('+1 202')).not.toHaveProperty('lacksCountryCode');
		expect(parsePhoneNumber('0044 20 7946')).not.toHaveProperty('lacksCountryCode');
		expect(parsePhoneNumber('4915123456789', { defaultCountry: 'US' })).not.toHaveProperty('lacksCountryCode');
	});

	it('keeps the readings of the other spellings', () => {
		expect(parsePhoneNumber('+1 (202) 555-1234')).toMatchObject({ valid: true, e164: '+12025551234' });
		expect(parsePhoneNumber('0176 12345678', { defaultCountry: 'de' })).toMatchObject({ valid: true, e164: '+4917612345678' });
		expect(parsePhoneNumber('  +33 6 12 34 56 78 ')).toMatchObject({ valid: true, e164: '+33612345678' });
		expect(parsePhoneNumber('0044 20 7946 0958', { defaultCountry: 'DE' })).toMatchObject({ valid: true, e164: '+442079460958' });
	});
});

describe('parsePhoneNumber: numbers as they come when copied and pasted', () => {
	it.each([
		['writing-direction marks around it (copied from a web page or chat)', '\u202a+44 7911 123456\u202c', {}],
		['a zero-width space inside', '+44 7911\u200b 123456', {}],
		['a byte-order mark in front (the first cell of a CSV file)', '\ufeff+447911123456', {}],
		['full-width digits and + (East Asian keyboards)', '＋４４ ７９１１ １２３４５６', {}],
		['a tel: link', 'tel:+44-7911-123456', {}],
		['a TEL: link in capitals', 'TEL:+447911123456', {}],
		['the apostrophe a spreadsheet keeps a cell as text with', "'+447911123456", {}],
		['the apostrophe before a national number', "'07911 123456", { defaultCountry: 'GB' }],
		['the quotes of a CSV export', '"+44 7911 123456"', {}],
		['the country code in brackets', '(+44) 7911 123456', {}],
		['the country code in brackets with spaces', '( +44 ) 7911 123456', {}],
	])('%s', (_name, input, options) => {
		expect(parsePhoneNumber(input, options)).toMatchObject({ valid: true, e164: '+447911123456' });
	});

	it.each([
		['two numbers with a comma', '+447911123456, +447911123457', {}, 'holds 2 numbers'],
		['three national numbers with semicolons', '07911 123456; 07911 123457;07911 123458', { defaultCountry: 'GB' }, 'holds 3 numbers'],
		['two numbers on two lines of one cell', '+447911123456\n+447911123457', {}, 'holds 2 numbers'],
		['a number in scientific notation', '4.47911E+11', {}, 'is in scientific notation (4.47911E+11), which has lost its last digits'],
		['scientific notation with a decimal comma', '6,46222E+09', { defaultCountry: 'US' }, 'is in scientific notation (6,46222E+09), which has lost its last digits'],
	])('refuses %s, saying what it is', (_name, input, options, reason) => {
		const result = parsePhoneNumber(input, options);
		expect(result).toMatchObject({ valid: false, reason });
		expect(!result.valid && result.hint).toMatch(/^(Send one number per item|Format the column as plain text)/);
	});

	it('still reads an extension after a semicolon as one number with an extension', () => {
		expect(parsePhoneNumber('tel:+1-646-222-3333;ext=12')).toMatchObject({ valid: false, reason: 'has an extension (12)' });
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
