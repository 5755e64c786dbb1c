import {
	firstKeyword,
	HELP_KEYWORDS,
	OPT_IN_KEYWORDS,
	OPT_OUT_KEYWORDS,
	readComplianceKeywords,
} from '../../lib/keywords';

const OPT_OUT = { optOut: true, optIn: false, helpRequest: false };
const OPT_IN = { optOut: false, optIn: true, helpRequest: false };
const HELP = { optOut: false, optIn: false, helpRequest: true };
const NOTHING = { optOut: false, optIn: false, helpRequest: false };

describe('readComplianceKeywords', () => {
	it('knows the lists of issue #16, each keyword in exactly one list', () => {
		expect(OPT_OUT_KEYWORDS).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']);
		expect(OPT_IN_KEYWORDS).toEqual(['START', 'UNSTOP', 'YES']);
		expect(HELP_KEYWORDS).toEqual(['HELP', 'INFO']);
		for (const word of OPT_OUT_KEYWORDS) expect(readComplianceKeywords(word)).toEqual(OPT_OUT);
		for (const word of OPT_IN_KEYWORDS) expect(readComplianceKeywords(word)).toEqual(OPT_IN);
		for (const word of HELP_KEYWORDS) expect(readComplianceKeywords(word)).toEqual(HELP);
	});

	it.each([
		['stop', OPT_OUT],
		['Stop.', OPT_OUT],
		['STOP!!!', OPT_OUT],
		['  \n stop please', OPT_OUT],
		['stop, I said', OPT_OUT],
		['"STOP"', OPT_OUT],
		['«Stop»', OPT_OUT],
		['🛑 STOP', OPT_OUT],
		['opt-out', OPT_OUT],
		['Opt_Out', OPT_OUT],
		['ＳＴＯＰ', OPT_OUT],
		['StopAll', OPT_OUT],
		['unsubscribe me', OPT_OUT],
		['end', OPT_OUT],
		['Unstop', OPT_IN],
		['yes!', OPT_IN],
		['Start', OPT_IN],
		['help?', HELP],
		['Info please', HELP],
		['Stopped by the store today', NOTHING],
		["don't stop", NOTHING],
		['please stop', NOTHING],
		['STOP2', NOTHING],
		['opt out', NOTHING],
		['Need status update for order 12345', NOTHING],
		['', NOTHING],
		['   ', NOTHING],
		['!!!', NOTHING],
		['🙂', NOTHING],
	])('%j → %j', (text, expected) => {
		expect(readComplianceKeywords(text)).toEqual(expected);
	});

	it('reads the first word as the lists spell it', () => {
		expect(firstKeyword(' opt‐out now')).toBe('OPTOUT');
		expect(firstKeyword('Don’t')).toBe('DONT');
		expect(firstKeyword('¿Ayuda?')).toBe('AYUDA');
		expect(firstKeyword('')).toBe('');
	});
});
