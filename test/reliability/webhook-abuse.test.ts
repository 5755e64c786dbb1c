import type { IDataObject } from 'n8n-workflow';

import type { TriggerWebhook } from '../harness';
import { providersWith, requireEntryForEveryProvider } from '../harness/registered-providers';
import { eventsOf, startProviderTrigger, TEST_WEBHOOK_HEADER, TEST_WEBHOOK_PASSWORD } from '../nodes/trigger-helpers';
import {
	BODY_CASES,
	foreignPayloads,
	PAYLOADS,
	receiptOf,
	TRIGGERS,
	UNEXPECTED_FIELDS,
	withPrototypeKeys,
	type ProviderTrigger,
	type RawRequest,
} from './webhook-abuse-cases';

/**
 * What strangers, scanners and confused providers may post to a trigger's URL. Every answer, in
 * every case, is checked by `send`: never 5xx, never a stack trace, and the node never threw.
 */

/** A V8 stack frame ("    at fn (file.ts:1:2)") or a source position as a stack shows it. */
const STACK_TRACE = /\n\s*at\s|\bat\s+\S+\s+\(|\.[jt]s:\d+:\d+/;

interface Answer {
	status: number;
	body: string;
	headers: Headers;
	/** From the request's start to the answer's last byte. */
	ms: number;
}

/** Posts exactly these bytes (a Buffer: fetch adds no Content-Type of its own) and checks the answer is safe. */
async function send(webhook: TriggerWebhook, request: RawRequest): Promise<Answer> {
	const headers: Record<string, string> = { ...request.headers };
	if (request.contentType !== undefined) headers['content-type'] = request.contentType;
	const started = performance.now();
	const response = await fetch(webhook.url, { method: 'POST', headers, body: Buffer.from(request.body) });
	const body = await response.text();
	const answer = { status: response.status, body, headers: response.headers, ms: performance.now() - started };

	expect(answer.status).toBeLessThan(500);
	expect(answer.body).not.toMatch(STACK_TRACE);
	expect(webhook.failures).toEqual([]);
	return answer;
}

/**
 * Posts the receipt `count` times at once, each body sent in two parts: every request has started
 * (and loaded the workflow's static data) before any of them is complete, so none can see what
 * another saved; only the trigger's in-process memory can tell they are the same event.
 */
async function postOverlapping(webhook: TriggerWebhook, body: unknown, count: number): Promise<Answer[]> {
	const bytes = Buffer.from(JSON.stringify(body));
	let release!: () => void;
	const released = new Promise<void>((resolve) => {
		release = resolve;
	});
	const posts = Array.from({ length: count }, async () => {
		const stream = new ReadableStream<Uint8Array>({
			async start(controller) {
				controller.enqueue(bytes.subarray(0, 10));
				await released;
				controller.enqueue(bytes.subarray(10));
				controller.close();
			},
		});
		const started = performance.now();
		const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' };
		const response = await fetch(webhook.url, init as RequestInit);
		return { status: response.status, body: await response.text(), headers: response.headers, ms: performance.now() - started };
	});
	await new Promise((resolve) => setTimeout(resolve, 100));
	expect(webhook.executions).toHaveLength(0);
	release();
	const answers = await Promise.all(posts);
	for (const answer of answers) expect(answer.status).toBeLessThan(500);
	expect(webhook.failures).toEqual([]);
	return answers;
}

const postJson = async (webhook: TriggerWebhook, body: unknown, headers: Record<string, string> = {}) =>
	await send(webhook, { body: JSON.stringify(body), contentType: 'application/json', headers });

const messageOf = (answer: Answer) => (JSON.parse(answer.body) as { message?: unknown }).message;

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

interface AuthCase {
	name: string;
	authentication: 'headerAuth' | 'basicAuth';
	headers: (trigger: ProviderTrigger) => Record<string, string>;
	/** 401 and nothing started, or (the control) 200 and one execution. */
	accepted: boolean;
}

const HEADER = TEST_WEBHOOK_HEADER.name.toLowerCase();

const AUTH_CASES: AuthCase[] = [
	{ name: 'Header Auth, header missing', authentication: 'headerAuth', headers: () => ({}), accepted: false },
	{ name: 'Header Auth, wrong value', authentication: 'headerAuth', headers: () => ({ [HEADER]: `${TEST_WEBHOOK_HEADER.secret}!` }), accepted: false },
	{ name: 'Header Auth, a prefix of the secret', authentication: 'headerAuth', headers: () => ({ [HEADER]: TEST_WEBHOOK_HEADER.secret.slice(0, 4) }), accepted: false },
	{ name: 'Header Auth, empty value', authentication: 'headerAuth', headers: () => ({ [HEADER]: '' }), accepted: false },
	{
		name: 'Header Auth, the secret in another header',
		authentication: 'headerAuth',
		headers: () => ({ authorization: `Bearer ${TEST_WEBHOOK_HEADER.secret}`, 'x-webhook-token': TEST_WEBHOOK_HEADER.secret }),
		accepted: false,
	},
	{
		name: 'Header Auth, right secret (header name in upper case: names are case-insensitive)',
		authentication: 'headerAuth',
		headers: () => ({ [TEST_WEBHOOK_HEADER.name.toUpperCase()]: TEST_WEBHOOK_HEADER.secret }),
		accepted: true,
	},
	{ name: 'Basic Auth, no Authorization', authentication: 'basicAuth', headers: () => ({}), accepted: false },
	{ name: 'Basic Auth, wrong password', authentication: 'basicAuth', headers: (t) => ({ authorization: basic(t.basicAuthUser, 'nope') }), accepted: false },
	{ name: 'Basic Auth, wrong user', authentication: 'basicAuth', headers: () => ({ authorization: basic('admin', TEST_WEBHOOK_PASSWORD) }), accepted: false },
	{ name: 'Basic Auth, empty credentials', authentication: 'basicAuth', headers: () => ({ authorization: 'Basic ' }), accepted: false },
	{ name: 'Basic Auth, not base64', authentication: 'basicAuth', headers: () => ({ authorization: 'Basic %%%not-base64%%%' }), accepted: false },
	{
		name: 'Basic Auth, user and password without the colon',
		authentication: 'basicAuth',
		headers: (t) => ({ authorization: `Basic ${Buffer.from(`${t.basicAuthUser}${TEST_WEBHOOK_PASSWORD}`).toString('base64')}` }),
		accepted: false,
	},
	{ name: 'Basic Auth, the password as a Bearer token', authentication: 'basicAuth', headers: () => ({ authorization: `Bearer ${TEST_WEBHOOK_PASSWORD}` }), accepted: false },
	{
		name: 'Basic Auth, the Header Auth header instead',
		authentication: 'basicAuth',
		headers: () => ({ [HEADER]: TEST_WEBHOOK_HEADER.secret }),
		accepted: false,
	},
	{ name: 'Basic Auth, right credentials', authentication: 'basicAuth', headers: (t) => ({ authorization: basic(t.basicAuthUser, TEST_WEBHOOK_PASSWORD) }), accepted: true },
];

requireEntryForEveryProvider(
	{ name: 'TRIGGERS', file: 'test/reliability/webhook-abuse-cases.ts' },
	TRIGGERS.map(({ provider }) => provider),
	providersWith('trigger'),
);

describe.each(TRIGGERS)('$nodeName under abuse', (trigger) => {
	let webhook: TriggerWebhook;
	const start = async (parameters: Record<string, unknown> = {}) => {
		webhook = await startProviderTrigger(trigger.nodeType, trigger.nodeName, { ...trigger.parameters, ...parameters }, trigger.basicAuthUser);
		return webhook;
	};
	afterEach(async () => {
		await webhook.close();
	});

	describe('protection', () => {
		it.each(AUTH_CASES)('$name', async ({ authentication, headers, accepted }) => {
			await start({ authentication });
			const answer = await postJson(webhook, receiptOf(trigger), headers(trigger));

			if (accepted) {
				expect(answer.status).toBe(200);
				expect(JSON.parse(answer.body)).toEqual({ received: true });
				expect(webhook.executions).toHaveLength(1);
				return;
			}
			expect(answer.status).toBe(401);
			expect(JSON.parse(answer.body)).toEqual({ message: 'Authorization is required' });
			expect(answer.body).not.toContain(TEST_WEBHOOK_HEADER.secret);
			expect(answer.body).not.toContain(TEST_WEBHOOK_PASSWORD);
			if (authentication === 'basicAuth') expect(answer.headers.get('www-authenticate')).toMatch(/^Basic /);
			expect(webhook.executions).toHaveLength(0);
		});

		it('checks the protection before the body: a 1 MB foreign body without the header is 401, not 413 or 400', async () => {
			await start({ authentication: 'headerAuth' });
			const answer = await postJson(webhook, { ...PAYLOADS.twilioStatus, padding: 'x'.repeat(1024 * 1024) });
			expect(answer.status).toBe(401);
			expect(webhook.executions).toHaveLength(0);
		});
	});

	describe('bodies', () => {
		it.each(BODY_CASES)('$name → $expected.status', async ({ request, expected }) => {
			await start();
			const answer = await send(webhook, request(trigger));

			expect(answer.status).toBe(expected.status);
			expect(webhook.executions).toHaveLength(expected.executions);
			if (expected.message instanceof RegExp) expect(messageOf(answer)).toMatch(expected.message);
			else if (expected.message !== undefined) expect(messageOf(answer)).toBe(expected.message);
			if (expected.executions === 1) {
				expect(eventsOf(webhook)[0]).toEqual([
					expect.objectContaining({ provider: trigger.provider, event: 'deliveryReceipt', messageId: receiptOf(trigger)[trigger.idField] }),
				]);
			}
		});

		it.each(foreignPayloads(trigger))('a %s payload (another provider’s) → 400, nothing started', async (name) => {
			await start();
			const answer = await postJson(webhook, PAYLOADS[name]);
			expect(answer.status).toBe(400);
			expect(messageOf(answer)).toMatch(/^Not an? /);
			expect(webhook.executions).toHaveLength(0);
		});

		it('a receipt with unexpected fields runs as without them: the extras stay in raw and override nothing', async () => {
			await start();
			const plain = receiptOf(trigger, 'plain-1');
			const extended = { ...receiptOf(trigger, 'extended-1'), ...UNEXPECTED_FIELDS };
			expect((await postJson(webhook, plain)).status).toBe(200);
			expect((await postJson(webhook, extended)).status).toBe(200);

			const [[plainEvent], [extendedEvent]] = eventsOf(webhook);
			const withoutPerCall = ({ messageId: _id, eventKey: _key, receivedAt: _at, raw: _raw, ...rest }: IDataObject) => rest;
			expect(withoutPerCall(extendedEvent)).toEqual(withoutPerCall(plainEvent));
			expect(extendedEvent).toMatchObject({ provider: trigger.provider, event: 'deliveryReceipt', messageId: 'extended-1', raw: extended });
			expect(extendedEvent.receivedAt).not.toBe(UNEXPECTED_FIELDS.receivedAt);
			expect(String(extendedEvent.eventKey)).toContain('extended-1');
			expect(String(plainEvent.eventKey)).toContain('plain-1');
		});

		it('a receipt carrying __proto__ and constructor keys runs once and pollutes no prototype', async () => {
			await start();
			const answer = await send(webhook, { body: withPrototypeKeys(receiptOf(trigger, 'proto-1')), contentType: 'application/json' });
			expect(answer.status).toBe(200);
			expect(eventsOf(webhook)).toEqual([[expect.objectContaining({ provider: trigger.provider, messageId: 'proto-1' })]]);
			expect(({} as IDataObject).polluted).toBeUndefined();
			expect(Object.prototype).not.toHaveProperty('polluted');
		});
	});

	describe('duplicates (Ignore Duplicates on by default)', () => {
		it('the same receipt posted twice starts one execution; a new message ID starts another', async () => {
			await start();
			const first = await postJson(webhook, receiptOf(trigger));
			const second = await postJson(webhook, receiptOf(trigger));
			expect([first.status, second.status]).toEqual([200, 200]);
			expect(JSON.parse(first.body)).toEqual({ received: true });
			expect(JSON.parse(second.body)).toEqual({ received: true, ignored: 'duplicate' });
			expect(webhook.executions).toHaveLength(1);

			await postJson(webhook, receiptOf(trigger, 'another-message'));
			expect(webhook.executions).toHaveLength(2);
		});

		it('the same receipt posted five times at once (all in flight together) starts one execution', async () => {
			await start();
			const answers = await postOverlapping(webhook, receiptOf(trigger), 5);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
			expect(answers.filter((answer) => answer.body.includes('duplicate'))).toHaveLength(4);
			expect(webhook.executions).toHaveLength(1);
		});

		it('the same receipt re-serialised (keys reversed, pretty-printed) is still a duplicate', async () => {
			await start();
			const receipt = receiptOf(trigger);
			const reordered = JSON.stringify(Object.fromEntries(Object.entries(receipt).reverse()), null, 2);
			await postJson(webhook, receipt);
			const again = await send(webhook, { body: reordered, contentType: 'application/json; charset=utf-8' });
			expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
			expect(webhook.executions).toHaveLength(1);
		});
	});

	it('answers fast so the provider does not retry: median of 10 receipts and of their 10 retries under 100 ms', async () => {
		await start();
		// The first request of a fresh server pays for lazy loading; a provider's steady state does not.
		await postJson(webhook, receiptOf(trigger, 'warm-up'));
		const ids = Array.from({ length: 10 }, (_, index) => `timed-${index}`);
		const fresh: Answer[] = [];
		for (const id of ids) fresh.push(await postJson(webhook, receiptOf(trigger, id)));
		const retries: Answer[] = [];
		for (const id of ids) retries.push(await postJson(webhook, receiptOf(trigger, id)));

		expect(fresh.map((answer) => answer.status)).toEqual(Array(10).fill(200));
		expect(retries.map((answer) => JSON.parse(answer.body) as unknown)).toEqual(Array(10).fill({ received: true, ignored: 'duplicate' }));
		expect(webhook.executions).toHaveLength(11);
		expect(median(fresh.map((answer) => answer.ms))).toBeLessThan(100);
		expect(median(retries.map((answer) => answer.ms))).toBeLessThan(100);
	});
});
