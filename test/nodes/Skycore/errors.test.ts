import { explainSkycoreFailure, isSkycoreRateLimited, readSkycoreFailure } from '../../../nodes/Skycore/errors';

// The one error table, read directly: E113 and E120 reach a user only after the node has retried
// for about half a minute, which is too long for the engine tests.
describe('Skycore error table', () => {
	it.each([
		['E100', 'account', 'Skycore refused the API key (E100)'],
		['E109', 'account', 'Skycore refused the API key (E109)'],
		['E110', 'item', 'Skycore refused the receiver number (E110)'],
		['E111', 'item', 'Skycore refused the sender (E111)'],
		['E112', 'account', 'Skycore refused the IP address n8n sends from (E112)'],
		['E113', 'rateLimit', 'Skycore kept refusing: the account’s throughput was exceeded (E113)'],
		['E114', 'item', 'Skycore refused the receiver: the number is blacklisted (E114)'],
		['E120', 'rateLimit', 'Skycore kept refusing: the account’s API request limit was reached (E120)'],
		['E201', 'item', 'Skycore says the receiver is missing (E201)'],
		['E712', 'item', 'Skycore says the message text is missing (E712)'],
		['E713', 'account', 'Skycore refused to send for a billing reason (E713)'],
		['E715', 'item', 'Skycore refused the receiver: the number is not subscribed to the campaign (E715)'],
	])('%s is %s-wide: %s', (code, scope, message) => {
		const explanation = explainSkycoreFailure({ code, info: 'info' });
		expect(explanation).toEqual({ code, scope, message, description: expect.stringMatching(/Skycore said: “info”$/) });
	});

	it('reads "failure" in any case, as the spec writes it both ways', () => {
		expect(readSkycoreFailure({ status: 'failure', 'error-code': 'e110', 'error-info': ' Invalid Receiver. ' })).toEqual({ code: 'E110', info: 'Invalid Receiver.' });
		expect(readSkycoreFailure({ status: 'Success', 'tracking-id': 'x' })).toBeUndefined();
	});

	it('counts only E113 and E120 as "too many requests"', () => {
		const answer = (code: string) => ({ statusCode: 200, headers: {}, body: { status: 'Failure', 'error-code': code } });
		expect(['E113', 'E120', 'E114', 'E104'].map((code) => isSkycoreRateLimited(answer(code)))).toEqual([true, true, false, false]);
	});
});
