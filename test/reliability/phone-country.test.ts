/**
 * Issue #13: a number is never sent to a country nobody wrote. `3215551234` is a US number typed
 * without +1, and +32 is Belgium: every Send node refuses it without Default Country (sending
 * nothing), reads it in the US with Default Country US, and reads it as +32… only when the user
 * opted in to digits without + being international.
 */
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { PROVIDER_SENDERS, sendRequestsOf } from './provider-senders';

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

const US_NUMBER_WITHOUT_COUNTRY_CODE = '3215551234';

describe.each(PROVIDER_SENDERS.map((sender) => [sender.provider, sender] as const))('%s: digits without + or 00', (_name, sender) => {
	it('without Default Country: refused, saying how to fix it, and nothing reaches the provider', async () => {
		const result = await sender.send(sandbox, { recipients: [US_NUMBER_WITHOUT_COUNTRY_CODE] });

		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The field "To" of item 0 has no country code');
		expect(result.error?.description).toContain('Start it with + and the country code (e.g. +1 646 222 3333), or set Options › Default Country');
		expect(result.error?.description).toContain('turn on Options › Read Numbers Without + as International');
		expect(sandbox.requests({ provider: sender.provider, method: 'POST' })).toEqual([]);
	});

	it('with Default Country US: sent to +1 321 555 1234', async () => {
		const result = await sender.send(sandbox, { recipients: [US_NUMBER_WITHOUT_COUNTRY_CODE], options: { defaultCountry: 'US' } });

		expect(result.status).toBe('success');
		const requests = sendRequestsOf(sandbox, sender);
		expect(requests).toHaveLength(1);
		expect(JSON.stringify(requests[0].body)).toContain('13215551234');
	});

	it('with Read Numbers Without + as International: sent to +32 15 55 12 34, as the user chose', async () => {
		const result = await sender.send(sandbox, {
			recipients: [US_NUMBER_WITHOUT_COUNTRY_CODE],
			options: { readNumbersWithoutPlusAsInternational: true },
		});

		// Where the node sent it is the point; a provider may still refuse +32 15… as a landline (Amigo does).
		expect(result.error?.message ?? '').not.toContain('The field');
		const requests = sendRequestsOf(sandbox, sender);
		expect(requests).toHaveLength(1);
		const body = JSON.stringify(requests[0].body);
		expect(body).toContain('3215551234');
		expect(body).not.toContain('13215551234');
	});
});
