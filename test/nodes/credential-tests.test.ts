/**
 * The credential tests the nodes name in `testedBy`, run as n8n runs them (test/harness/credential-test.ts)
 * against the sandbox: the providers without a read-only request get a send that cannot send, and
 * the webhook protections get what can be checked before a request arrives.
 */
import { createServer } from 'node:net';

import type { INodeType } from 'n8n-workflow';

import { Amigo } from '../../nodes/Amigo/Amigo.node';
import { ClearLine } from '../../nodes/ClearLine/ClearLine.node';
import { ClearLineTrigger } from '../../nodes/ClearLine/ClearLineTrigger.node';
import { Skycore } from '../../nodes/Skycore/Skycore.node';
import { SkycoreTrigger } from '../../nodes/Skycore/SkycoreTrigger.node';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { ProviderName } from '../../sandbox/types';
import { runCredentialTest } from '../harness';
import { registeredNodeClasses, registeredNodes, requireEntryForEveryProvider } from '../harness/registered-providers';

/** The providers whose sandbox key is an API key (the key checks below try a wrong one). */
type ProviderWithApiKey = { [Name in ProviderName]: (typeof SANDBOX_KEYS)[Name] extends { apiKey: string } ? Name : never }[ProviderName];

/** An address nothing listens on: a port the system gave out and took back. */
async function closedPortUrl(): Promise<string> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return `http://127.0.0.1:${port}`;
}

describe('provider key checks that send nothing', () => {
	let sandbox: Sandbox;
	let unreachable: string;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, quiet: true });
		unreachable = await closedPortUrl();
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const cases: Array<{
		provider: ProviderWithApiKey;
		node: new () => INodeType;
		credentialType: string;
		data: (url: string, apiKey: string) => Record<string, string>;
		accepted: string;
		refused: string;
		request: { method: string; path: string; body: unknown };
	}> = [
		{
			provider: 'clearline',
			node: ClearLine,
			credentialType: 'clearLineApi',
			data: (url, apiKey) => ({ apiKey, environment: 'custom', baseUrl: url }),
			accepted: 'ClearLine accepted the key; nothing was sent (the test posts a message without a phone number)',
			refused: 'ClearLine refused the API key (HTTP 401): check the key, and that it belongs to the chosen environment',
			request: { method: 'POST', path: '/clearline/MessageSender/sms', body: {} },
		},
		{
			provider: 'amigo',
			node: Amigo,
			credentialType: 'amigoApi',
			data: (url, apiKey) => ({ apiKey, baseUrl: url }),
			accepted: 'Amigo accepted the key; nothing was sent (the test posts a message without a use case, recipient or text)',
			refused: 'Amigo refused the API key (HTTP 401): use a current workspace API key for the Base URL of your region',
			request: { method: 'POST', path: '/amigo/v1/sms/', body: {} },
		},
		{
			provider: 'skycore',
			node: Skycore,
			credentialType: 'skycoreApi',
			data: (url, apiKey) => ({ apiKey, endpointUrl: url }),
			accepted: 'Skycore accepted the key; nothing was sent (the test asks to send without a receiver, and Skycore answered E201)',
			refused: expect.stringMatching(/^Skycore refused the API key \(E104\): Check the API Key .*Skycore said: “Invalid API key\.”$/) as unknown as string,
			request: { method: 'POST', path: '/skycore', body: { action: 'sendsms' } },
		},
	];

	// A provider whose action node names a credential test function (`testedBy`) needs a case here.
	requireEntryForEveryProvider(
		{ name: 'the key-check cases', file: 'test/nodes/credential-tests.test.ts' },
		cases.map(({ provider }) => provider),
		registeredNodes('action')
			.filter(({ node }) => new node().description.credentials?.some(({ testedBy }) => typeof testedBy === 'string'))
			.map(({ provider }) => provider),
	);

	describe.each(cases)('$credentialType', ({ provider, node, credentialType, data, accepted, refused, request }) => {
		const url = () => sandbox.providerUrl(provider);

		it('passes for the right key, saying what was checked, and the provider sent nothing', async () => {
			const before = sandbox.requests({ provider }).length;
			const result = await runCredentialTest(node, credentialType, data(url(), SANDBOX_KEYS[provider].apiKey));

			expect(result).toEqual({ status: 'OK', message: accepted });
			const requests = sandbox.requests({ provider }).slice(before);
			expect(requests).toHaveLength(1);
			expect(requests[0]).toMatchObject({ method: request.method, path: request.path, body: request.body });
			expect(sandbox.inspect(provider, 'messages')).toEqual([]);
		});

		it('fails for a wrong key', async () => {
			expect(await runCredentialTest(node, credentialType, data(url(), 'wrong-key'))).toEqual({ status: 'Error', message: refused });
		});

		it('fails, naming the address, when nothing answers there', async () => {
			const result = await runCredentialTest(node, credentialType, data(unreachable, SANDBOX_KEYS[provider].apiKey));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/^Could not reach \w+ at http:\/\/127\.0\.0\.1:\d+\S* \(ECONNREFUSED\): check the address and that n8n can reach it$/);
		});

		it('fails for an address that is not one, without a request', async () => {
			const before = sandbox.requests().length;
			const result = await runCredentialTest(node, credentialType, data('api.example.com', SANDBOX_KEYS[provider].apiKey));
			expect(result.status).toBe('Error');
			expect(result.message).toMatch(/is not a web address such as https:\/\/…$/);
			expect(sandbox.requests()).toHaveLength(before);
		});

		it('fails for an address where the provider is not', async () => {
			const result = await runCredentialTest(node, credentialType, data(`${sandbox.providerUrl('smscpr')}/nowhere`, SANDBOX_KEYS[provider].apiKey));
			expect(result.status).toBe('Error');
		});
	});
});

describe('webhook protection credential tests', () => {
	const TRIGGERS = registeredNodeClasses('trigger');

	it.each(TRIGGERS.map((trigger) => [trigger.name, trigger] as const))('%s names both tests', async (_name, trigger) => {
		const header = await runCredentialTest(trigger, 'smsWebhookHeaderAuthApi', { name: 'X-Webhook-Secret', secret: 'k3J9-qW2x-Lm8v-Zp4r' });
		const basic = await runCredentialTest(trigger, 'smsWebhookBasicAuthApi', { user: 'provider', password: 'pa55word' });
		expect([header.status, basic.status]).toEqual(['OK', 'OK']);
	});

	it.each([
		[{ name: 'X-Webhook-Secret', secret: 'k3J9-qW2x-Lm8v-Zp4r' }, 'OK', 'The header X-Webhook-Secret and its value are well formed; the trigger compares the value with each incoming request and answers 401 to any other'],
		[{ name: 'X Webhook Secret', secret: 'k3J9-qW2x-Lm8v-Zp4r' }, 'Error', '"X Webhook Secret" cannot be a header name: use letters, digits and dashes, e.g. X-Webhook-Secret'],
		[{ name: 'X-Secret:', secret: 'k3J9-qW2x-Lm8v-Zp4r' }, 'Error', '"X-Secret:" cannot be a header name: use letters, digits and dashes, e.g. X-Webhook-Secret'],
		[{ name: '', secret: 'k3J9-qW2x-Lm8v-Zp4r' }, 'Error', '"" cannot be a header name: use letters, digits and dashes, e.g. X-Webhook-Secret'],
		[{ name: 'X-Webhook-Secret', secret: 'open-sesame' }, 'Error', 'The Header Value has 11 characters: use at least 16 random characters, so that nobody can guess it'],
		[{ name: 'X-Webhook-Secret', secret: 'k3J9-qW2x-Lm8v-Zp4r ' }, 'Error', 'The Header Value starts or ends with a space, which HTTP drops on the way, so no request would match'],
		[{ name: 'X-Webhook-Secret', secret: 'k3J9-qW2x\nLm8v-Zp4r' }, 'Error', 'The Header Value contains a line break or control character, which a header cannot carry'],
	])('Header Auth %j: %s', async (data, status, message) => {
		expect(await runCredentialTest(ClearLineTrigger, 'smsWebhookHeaderAuthApi', data)).toEqual({ status, message });
	});

	it.each([
		[{ user: 'provider', password: 'pa55word' }, 'OK', 'The user and password are filled; the trigger checks each incoming request against them and answers 401 to any other'],
		[{ user: '', password: 'pa55word' }, 'Error', 'Fill in both the User and the Password'],
		[{ user: 'provider', password: '' }, 'Error', 'Fill in both the User and the Password'],
		[{ user: 'pro:vider', password: 'pa55word' }, 'Error', 'The User contains a colon, which Basic Auth cannot carry: choose a user without one'],
	])('Basic Auth %j: %s', async (data, status, message) => {
		expect(await runCredentialTest(SkycoreTrigger, 'smsWebhookBasicAuthApi', data)).toEqual({ status, message });
	});
});
