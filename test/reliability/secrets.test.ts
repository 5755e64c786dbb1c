/**
 * No secret leaves the node: not in outputs, error messages, descriptions or details, and not in
 * anything printed, even when the provider echoes the request (keys and Authorization header
 * included) back in its error answer.
 */
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import type { Fault } from '../../sandbox/types';
import type { WorkflowRunResult } from '../harness';
import { runAmigoSend } from '../nodes/Amigo/amigo-fixtures';
import { runClearLineSend } from '../nodes/ClearLine/clearline-fixtures';
import { runClickSend } from '../nodes/ClickSend/clicksend-fixtures';
import { runSkycoreSend } from '../nodes/Skycore/skycore-fixtures';
import { runSmscprGetStatus, runSmscprSend } from '../nodes/Smscpr/smscpr-fixtures';
import { expectClearError } from './error-texts';
import { SANDBOX_SECRETS, secretsIn, textOf } from './no-secrets';
import { PROVIDER_SENDERS, type ProviderSender } from './provider-senders';

let sandbox: Sandbox;
let printed: string[] = [];
const originalWrites = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originalConsole = Object.fromEntries(consoleMethods.map((method) => [method, console[method]]));

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	printed = [];
	// Everything printed while the node runs is kept (and still printed) to be searched for secrets.
	for (const stream of ['stdout', 'stderr'] as const) {
		process[stream].write = ((chunk: unknown, ...rest: unknown[]) => {
			printed.push(String(chunk));
			return (originalWrites[stream] as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof process.stdout.write;
	}
	for (const method of consoleMethods) {
		console[method] = (...args: unknown[]) => {
			printed.push(args.map(String).join(' '));
		};
	}
});
afterEach(() => {
	process.stdout.write = originalWrites.stdout as typeof process.stdout.write;
	process.stderr.write = originalWrites.stderr as typeof process.stderr.write;
	for (const method of consoleMethods) console[method] = originalConsole[method];
});

/** A provider's own secrets: what it could echo back (the others it never saw). */
function ownSecrets(provider: ProviderSender['provider']): string[] {
	const keys = SANDBOX_KEYS[provider] as Record<string, string>;
	const own = [keys.apiKey, keys.token].filter((value): value is string => typeof value === 'string');
	// HTTP Basic sends username:key in base64, which an echoed Authorization header would show.
	if (keys.username && keys.apiKey) own.push(Buffer.from(`${keys.username}:${keys.apiKey}`).toString('base64'));
	return own;
}

/** What a careless provider answers: the request's credentials, echoed in every place. */
function echoOf(secrets: string[]): Record<string, unknown> {
	const [secret] = secrets;
	return {
		error: 'Invalid request',
		response_msg: `Refused: ${secrets.join(' ')}`,
		message: `Bearer ${secret} was refused`,
		echoedHeaders: { authorization: `Basic ${secrets.at(-1)}`, 'x-api-key': secret, apikey: secret },
		echoedBody: { api_key: secret, token: secret, password: secret },
	};
}

function echoingFaults(secrets: string[]): Array<[string, Omit<Fault, 'provider'>]> {
	const echo = echoOf(secrets);
	return [
		['400 echoing the request', { kind: 'status', status: 400, body: echo }],
		['401 echoing the request', { kind: 'status', status: 401, body: echo }],
		['422 echoing the request', { kind: 'status', status: 422, body: echo }],
		['500 echoing the request', { kind: 'status', status: 500, body: echo }],
		['200 that is not JSON and names the key', { kind: 'malformed-json', body: `{"error": "bad key ${secrets[0]}` }],
	];
}

function expectNoSecrets(seen: unknown): void {
	expect(secretsIn(seen)).toEqual([]);
	expect(secretsIn(printed.join('\n'))).toEqual([]);
}

describe.each(PROVIDER_SENDERS.map((sender) => [sender.provider, sender] as const))('%s keeps its secrets', (_name, sender: ProviderSender) => {
	it.each(echoingFaults(ownSecrets(sender.provider)))('after a %s, with and without continueOnFail', async (_label, fault) => {
		sandbox.injectFault({ provider: sender.provider, path: sender.faultPath, times: 2, ...fault } as Fault);

		const continued = await sender.send(sandbox, { recipients: sender.recipients(1), continueOnFail: true });
		const stopped = await sender.send(sandbox, { recipients: sender.recipients(1) });

		const [output] = continued.outputOf(sender.node);
		expect(output.json.error).toBeDefined();
		expect(stopped.error).toBeDefined();
		expectClearError(output.json);
		expectClearError(stopped.error);
		expectNoSecrets([continued.outputOf(sender.node), continued.error, stopped.error, stopped.runData]);
	});
});

describe('the secrets searched for', () => {
	/** The SANDBOX_KEYS fields that are no secret: a username and IDs may appear in outputs. */
	const NOT_SECRET_FIELDS = ['username', 'useCaseId', 'servicePlanId'];

	// SANDBOX_SECRETS picks secrets by field name: a secret under another name would be searched
	// for nowhere, and every check above would pass without looking for it.
	it.each(Object.entries(SANDBOX_KEYS))('%s: each credential field is a secret searched for or named as no secret, and one is a secret', (_provider, keys) => {
		const fields = Object.entries(keys as Record<string, string>);
		expect({
			unsorted: fields.filter(([field, value]) => !SANDBOX_SECRETS.includes(value) && !NOT_SECRET_FIELDS.includes(field)).map(([field]) => field),
			hasSecret: fields.some(([, value]) => SANDBOX_SECRETS.includes(value)),
		}).toEqual({ unsorted: [], hasSecret: true });
	});
});

describe('reads keep their secrets too', () => {
	it('SMSCPR Get Status after an echoing 404', async () => {
		sandbox.injectFault({ provider: 'smscpr', method: 'GET', kind: 'status', status: 404, body: echoOf(ownSecrets('smscpr')), times: 1 });
		const result = await runSmscprGetStatus(sandbox, { items: [{ messageId: '01a217a9-77f3-70f1-bede-f834870eb285' }] });
		expect(result.error).toBeDefined();
		expectNoSecrets([result.error, result.runData]);
	});

	it('ClickSend Get Template after an echoing 404', async () => {
		sandbox.injectFault({ provider: 'clicksend', method: 'GET', kind: 'status', status: 404, body: echoOf(ownSecrets('clicksend')), times: 1 });
		const result = await runClickSend(sandbox, { resource: 'template', operation: 'get', parameters: { templateId: { __rl: true, mode: 'id', value: '1' } } });
		expect(result.error).toBeDefined();
		expectNoSecrets([result.error, result.runData]);
	});
});

describe('a key with " or \\ in it is redacted however the answer carries it', () => {
	const KEY = 'sk_live_"quoted"\\back\\slash&plus+ space';
	const USERNAME = SANDBOX_KEYS.clicksend.username;

	const BASIC = Buffer.from(`${USERNAME}:${KEY}`).toString('base64');

	/** Every way the key can show in the serialized result: as typed (escaped once by the serialization), twice escaped, URL-encoded, in HTTP Basic (ClickSend's). */
	function formsOfKey(provider: string): string[] {
		const once = JSON.stringify(KEY).slice(1, -1);
		return [once, JSON.stringify(once).slice(1, -1), encodeURIComponent(KEY), ...(provider === 'clicksend' ? [BASIC] : [])];
	}

	const echo = (provider: string) => ({
		error: `bad key ${KEY}`,
		echoedBody: { api_key: KEY, token: KEY },
		echoedJson: JSON.stringify({ apiKey: KEY }),
		echoedQuery: `?api_key=${encodeURIComponent(KEY)}`,
		echoedForm: new URLSearchParams({ api_key: KEY }).toString(),
		echoedHeaders: { 'x-api-key': KEY, ...(provider === 'clicksend' ? { authorization: `Basic ${BASIC}` } : {}) },
	});

	const runs: Array<[string, string, (sandbox: Sandbox) => Promise<WorkflowRunResult>]> = [
		['amigo', 'Send SMS', async (box) => await runAmigoSend(box, { items: [{ use_case_id: SANDBOX_KEYS.amigo.useCaseId, to_phone_number: '+12025551301', message: 'Hi' }], apiKey: KEY })],
		['clearline', 'Send SMS', async (box) => await runClearLineSend(box, { items: [{ phone: '+12025551301', message: 'Hi' }], apiKey: KEY })],
		['clicksend', 'ClickSend', async (box) => await runClickSend(box, { operation: 'send', items: [{ to: '+61411111111' }], credentials: { apiKey: KEY }, parameters: { to: '={{ $json.to }}', messageSource: 'text', message: 'Hi', additionalFields: {}, options: {} } })],
		['skycore', 'Send SMS', async (box) => await runSkycoreSend(box, { items: [{ to: '+12025551301', from: '00000', message: 'Hi' }], apiKey: KEY })],
		['smscpr', 'Send SMS', async (box) => await runSmscprSend(box, { items: [{ from: '+12025550199', to: '+12025551301', body: 'Hi' }], token: KEY })],
	];

	it.each(runs)('%s', async (provider, node, run) => {
		sandbox.injectFault({ provider, kind: 'status', status: 400, body: echo(provider), times: 1 });

		const result = await run(sandbox);

		// Stopped, the error carries the provider's answer in its details: the place an escaped key would hide.
		expect(result.error?.message).toBeDefined();
		expect(textOf(result.error)).toContain('echoedJson');
		const seen = textOf([result.error, result.runData[node]]) + printed.join('\n');
		expect(formsOfKey(provider).filter((form) => seen.includes(form))).toEqual([]);
	});
});
