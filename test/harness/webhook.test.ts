import { HarnessTestApi } from './fixtures/HarnessTestApi.credentials';
import { HarnessTrigger } from './fixtures/HarnessTrigger.node';
import { HarnessWebhookSecret } from './fixtures/HarnessWebhookSecret.credentials';
import { startTestApi, TEST_API_KEY } from './fixtures/test-api-server';
import type { TestApi } from './fixtures/test-api-server';
import { runWebhookMethod, startTriggerWebhook } from './index';
import type { TriggerWebhook } from './index';

const WEBHOOK_SECRET = 'let-me-in';

const triggerNode = {
	name: 'Harness Trigger',
	webhookId: '8f7c1a52-3b0e-4d1f-9a6e-1c2d3e4f5a6b',
	parameters: {},
	credentials: {
		harnessWebhookSecret: { id: '2', name: 'Webhook secret' },
		harnessTestApi: { id: '1', name: 'Harness Test API' },
	},
};

const credentialTypes = [HarnessTestApi, HarnessWebhookSecret];

describe('startTriggerWebhook: a trigger node called over HTTP the way n8n calls it', () => {
	let api: TestApi;
	let webhook: TriggerWebhook;

	beforeEach(async () => {
		api = await startTestApi();
		webhook = await startTriggerWebhook({
			nodeType: HarnessTrigger,
			node: triggerNode,
			credentials: {
				harnessWebhookSecret: { secret: WEBHOOK_SECRET },
				harnessTestApi: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl },
			},
			credentialTypes,
		});
	});

	afterEach(async () => {
		await webhook.close();
		await api.close();
	});

	const post = async (body: string, contentType: string, headers: Record<string, string> = {}) =>
		await fetch(webhook.url, {
			method: 'POST',
			headers: { 'content-type': contentType, 'x-webhook-secret': WEBHOOK_SECRET, ...headers },
			body,
		});

	it('serves the node’s production URL and tells the node the same URL', async () => {
		expect(webhook.url).toMatch(
			/^http:\/\/127\.0\.0\.1:\d+\/webhook\/8f7c1a52-3b0e-4d1f-9a6e-1c2d3e4f5a6b\/events$/,
		);

		await post(JSON.stringify({ id: 'evt-1' }), 'application/json');

		expect(webhook.executions[0][0][0].json.webhookUrl).toBe(webhook.url);
	});

	it('lets the node answer 401 itself (noWebhookResponse) and starts nothing', async () => {
		const response = await post(JSON.stringify({ id: 'evt-1' }), 'application/json', {
			'x-webhook-secret': 'wrong',
		});

		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: 'Authorization is required' });
		expect(webhook.executions).toHaveLength(0);
	});

	it('starts an execution with the parsed JSON body and answers as n8n does for onReceived', async () => {
		const response = await post(JSON.stringify({ id: 'evt-1', status: 'DELIVRD' }), 'application/json');

		expect(response.status).toBe(200);
		// The webhook description sets no responseData, so n8n sends its fallback literally.
		expect(await response.text()).toBe('firstEntryJson');
		expect(webhook.executions).toHaveLength(1);
		expect(webhook.executions[0][0][0].json).toMatchObject({
			body: { id: 'evt-1', status: 'DELIVRD' },
			rawBody: '{"id":"evt-1","status":"DELIVRD"}',
		});
	});

	it('keeps the static data between requests, so a repeated event starts no second execution', async () => {
		await post(JSON.stringify({ id: 'evt-1' }), 'application/json');
		const repeated = await post(JSON.stringify({ id: 'evt-1' }), 'application/json');
		await post(JSON.stringify({ id: 'evt-2' }), 'application/json');

		expect(repeated.status).toBe(200);
		expect(await repeated.json()).toEqual({ duplicate: 'evt-1' });
		expect(webhook.executions).toHaveLength(2);
		expect(webhook.nodeStaticData()).toEqual({ seenEventIds: ['evt-1', 'evt-2'] });
		expect(webhook.staticData()).toEqual({ 'node:Harness Trigger': { seenEventIds: ['evt-1', 'evt-2'] } });
	});

	it('parses a urlencoded form into the body and the query string into the query', async () => {
		await fetch(`${webhook.url}?source=form`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				'x-webhook-secret': WEBHOOK_SECRET,
			},
			body: 'id=evt-3&to=%2B15551234567',
		});

		expect(webhook.executions[0][0][0].json).toMatchObject({
			body: { id: 'evt-3', to: '+15551234567' },
			rawBody: 'id=evt-3&to=%2B15551234567',
			query: { source: 'form' },
		});
	});

	it('leaves the body undefined for a content type n8n does not parse, with the raw bytes kept', async () => {
		await post('id;evt-4', 'text/csv');

		expect(webhook.executions[0][0][0].json).toMatchObject({ body: null, rawBody: 'id;evt-4' });
	});

	it('answers malformed JSON with 422 before the node sees it, as n8n does', async () => {
		const response = await post('{"id": "evt-5",', 'application/json');

		expect(response.status).toBe(422);
		expect(await response.json()).toEqual({
			code: 422,
			message: 'Failed to parse request body',
			hint: expect.stringContaining('JSON'),
		});
		expect(webhook.executions).toHaveLength(0);
		expect(webhook.failures).toHaveLength(0);
		expect(webhook.nodeStaticData()).toEqual({});
	});

	it('answers 500 and drops the static data changes when the node throws', async () => {
		const response = await post(JSON.stringify({ id: 'evt-6', fail: 'yes' }), 'application/json');

		expect(response.status).toBe(500);
		expect(await response.json()).toEqual({
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
		expect(webhook.failures[0].message).toBe('The event asked the fixture to fail');
		expect(webhook.nodeStaticData()).toEqual({});
	});

	it('answers 404 for a method the webhook is not registered for', async () => {
		const response = await fetch(webhook.url);

		expect(response.status).toBe(404);
		expect(await response.json()).toMatchObject({
			code: 404,
			message: 'This webhook is not registered for GET requests. Did you mean to make a POST request?',
		});
	});

	it('registers and removes the webhook with the provider through webhookMethods', async () => {
		expect(await webhook.runWebhookMethod('checkExists')).toBe(false);
		expect(await webhook.runWebhookMethod('create')).toBe(true);
		expect(webhook.nodeStaticData()).toEqual({ webhookId: 'wh_1' });
		expect(await webhook.runWebhookMethod('checkExists')).toBe(true);

		const registration = api.requests.find((request) => request.method === 'POST')!;
		expect(registration.headers['x-test-key']).toBe(TEST_API_KEY);
		expect(JSON.parse(registration.body)).toEqual({ url: webhook.url });

		await webhook.runWebhookMethod('delete');
		expect(webhook.nodeStaticData()).toEqual({});
		expect(api.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /webhooks',
			'GET /webhooks',
			'DELETE /webhooks/wh_1',
		]);
	});
});

describe('runWebhookMethod: one lifecycle call without a server', () => {
	it('carries the static data from create to delete', async () => {
		const api = await startTestApi();
		const common = {
			nodeType: HarnessTrigger,
			node: triggerNode,
			credentials: { harnessTestApi: { apiKey: TEST_API_KEY, baseUrl: api.baseUrl } },
			credentialTypes,
		};
		try {
			const created = await runWebhookMethod({ ...common, method: 'create' });
			expect(created).toMatchObject({ result: true, nodeStaticData: { webhookId: 'wh_1' } });
			expect(JSON.parse(api.requests[0].body)).toEqual({
				url: `http://127.0.0.1:5678/webhook/${triggerNode.webhookId}/events`,
			});

			const deleted = await runWebhookMethod({ ...common, method: 'delete', staticData: created.staticData });
			expect(deleted.nodeStaticData).toEqual({});
			expect(api.requests[1]).toMatchObject({ method: 'DELETE', path: '/webhooks/wh_1' });
		} finally {
			await api.close();
		}
	});
});
