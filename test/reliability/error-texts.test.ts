/**
 * The error-text checker that the catalogues apply to every error they produce (error-texts.ts),
 * and the errors of reads, which must say nothing about sends.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { runClickSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSmscprGetStatus, runSmscprSend } from '../nodes/Smscpr/smscpr-fixtures';
import { expectClearError, problemsOfError } from './error-texts';

describe('the checker finds what issue #13 found in the nodes’ texts', () => {
	it.each([
		['two sentences run together', { message: 'ClearLine refused the API key', description: 'Check the key (a staging key does not work in production) No other item had been sent.' }],
		['a doubled full stop', { message: 'Skycore refused the sender', description: 'Check the From field.. Nothing was sent for this item.' }],
		['a spaced doubled full stop', { message: 'Amigo refused the API key', description: 'Check the key. . No other message had been sent.' }],
		['may have gone out and try again later', { message: 'ClearLine had a server error (HTTP 500)', description: 'The provider had a problem; try again later. The message may have reached the provider: check its message log before sending this item again.' }],
		['may have gone out and did not accept', { message: 'ClearLine did not accept the message', description: 'The message may have reached the provider.' }],
		['an item range of one item and counts in the wrong number', { message: 'ClickSend answered for 0 messages, but 1 were sent (items 0–0)', description: 'Check the history.' }],
		['an object printed as text', { message: 'Amigo refused the message: [object Object]', description: 'Fix it.' }],
		['undefined', { message: 'SMSCPR refused the request (HTTP undefined)', description: 'Fix it.' }],
	])('%s', (_name, error) => {
		expect(problemsOfError(error)).not.toEqual([]);
	});

	it.each([
		['a refusal', { message: 'ClearLine refused the API key', description: 'Stopped at item 0. Check the API key in the ClearLine credential (a staging key does not work in production). No other message had been sent.' }],
		['a send that may have gone out', { message: 'ClearLine did not answer within 1 s', description: 'The provider is slow or unreachable. The message may have reached the provider: check its message log before sending this item again.' }],
		['a batch count', { message: "ClickSend's answer listed no message for the 1 message sent (item 0)", description: 'Some may have gone out: check the SMS history in ClickSend before sending these items again' }],
		['a quoted provider text', { message: 'Skycore refused the sender (E111)', description: 'Check the From field. Skycore said: “Invalid Sender.”' }],
	])('lets %s through', (_name, error) => {
		expect(problemsOfError(error)).toEqual([]);
	});
});

describe('reads say nothing about sends', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
	});
	afterAll(async () => await sandbox.close());
	beforeEach(() => sandbox.reset());

	it('SMSCPR Get Status stopping at an unknown message', async () => {
		const sent = await runSmscprSend(sandbox, { items: [{ from: '+12025550199', to: '+12025551234', body: 'hi' }] });
		const items = [{ messageId: sent.outputOf('Send SMS')[0].json.messageId }, { messageId: '01a217a9-77f3-70f1-bede-f834870eb285' }];

		const result = await runSmscprGetStatus(sandbox, { items });

		expect(result.error?.message).toBe('Unknown message: SMSCPR has no message with this ID for this service plan');
		expect(result.error?.description).not.toMatch(/already sent|had been sent|do not send/i);
		expect((result.error?.context as { alreadySent?: unknown } | undefined)?.alreadySent).toBeUndefined();
		expectClearError(result.error);
	});

	it('a read after a server error says to try again later, not that a message may have gone out', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', path: '/sms/history', kind: 'status', status: 503, times: 0 });

		const result = await runClickSend(sandbox, { operation: 'getHistory', parameters: { returnAll: true } });

		expect(result.error?.message).toBe('ClickSend had a server error (HTTP 503)');
		expect(result.error?.description).toBe('Stopped at item 0. The provider had a problem; try again later.');
		expectClearError(result.error);
	});
});
