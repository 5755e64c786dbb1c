import './env';

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express from 'express';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { prepareRawBodyReading } from './body-parser';
import { registerCleanup } from './cleanup';
import type { TriggerSetupOptions } from './trigger-setup';
import { TriggerSetup } from './trigger-setup';
import type { WebhookMethodCallOptions, WebhookMethodName } from './webhook-method';
import { callWebhookMethod } from './webhook-method';
import type { WebhookCallRecord } from './webhook-request';
import { handleWebhookRequest } from './webhook-request';

export type { TriggerNodeJson } from './trigger-setup';
export type { WebhookMethodName } from './webhook-method';

export type StartTriggerWebhookOptions = TriggerSetupOptions;

export interface TriggerWebhook {
	/** `http://127.0.0.1:<port>/webhook/<webhookId>/<path>` of the node's 'default' webhook. */
	url: string;
	/** `http://127.0.0.1:<port>/webhook`: what n8n's webhookBaseUrl would be. */
	webhookBaseUrl: string;
	/** Each `workflowData` the node returned, in order: one entry = one execution started. */
	executions: INodeExecutionData[][][];
	/** Errors the node's `webhook()` threw (answered 500, nothing started, static data not saved). */
	failures: Error[];
	/**
	 * The next `count` executions the node starts fail to start in n8n, each after `afterMs`
	 * (answered 500, static data not saved), as when n8n's database or queue is down.
	 */
	failExecutionStarts(count: number, afterMs?: number): void;
	/** The workflow's static data as saved after the last call (keys like `node:<node name>`). */
	staticData(): IDataObject;
	/** The trigger node's part of it: what `getWorkflowStaticData('node')` returns to the node. */
	nodeStaticData(): IDataObject;
	/** checkExists/create/delete on this same node, static data shared with the webhook calls. */
	runWebhookMethod(
		method: WebhookMethodName,
		options?: WebhookMethodCallOptions,
	): Promise<boolean | undefined>;
	close(): Promise<void>;
}

async function listenOnLoopback(app: express.Express): Promise<Server> {
	return await new Promise((resolve, reject) => {
		const server = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(server)));
	});
}

async function closeServer(server: Server): Promise<void> {
	await new Promise<void>((resolve) => {
		server.close(() => resolve());
		// Keep-alive sockets from the test's fetch would hold close() open until they time out.
		server.closeAllConnections();
	});
}

function createWebhookApp(setup: TriggerSetup, record: WebhookCallRecord): express.Express {
	const app = express();
	// As n8n's AbstractServer configures its Express app.
	app.disable('x-powered-by');
	app.set('query parser', 'extended');
	app.use((req, _res, next) => {
		prepareRawBodyReading(req);
		next();
	});
	app.all('/webhook/*path', async (req, res) => {
		try {
			await handleWebhookRequest(setup, record, req, res);
		} catch (error) {
			record.failures.push(error as Error);
			if (!res.headersSent) res.status(500).json({ code: 0, message: (error as Error).message });
		}
	});
	return app;
}

/**
 * Serves one trigger node's webhooks on a real HTTP server, as an active workflow in n8n
 * would: every request is parsed like n8n parses webhook bodies, handed to the node's
 * `webhook()` in n8n-core's WebhookContext and answered like n8n answers `onReceived` webhooks.
 */
export async function startTriggerWebhook(options: StartTriggerWebhookOptions): Promise<TriggerWebhook> {
	const record: WebhookCallRecord = { executions: [], failures: [], failingStarts: 0, failingStartMs: 0 };
	const setup = new TriggerSetup(options, '');
	const server = await listenOnLoopback(createWebhookApp(setup, record));
	const { port } = server.address() as AddressInfo;
	setup.webhookBaseUrl = `http://127.0.0.1:${port}/webhook`;

	const workflow = setup.createWorkflow();
	const defaultWebhook = setup
		.webhooks(workflow, setup.createAdditionalData())
		.find((webhook) => webhook.webhookDescription.name === 'default');
	if (!defaultWebhook) {
		await closeServer(server);
		throw new Error(`Node type "${setup.node.type}" has no 'default' webhook`);
	}

	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		unregister();
		await closeServer(server);
	};
	const unregister = registerCleanup(close);

	return {
		url: `${setup.webhookBaseUrl}/${defaultWebhook.path}`,
		webhookBaseUrl: setup.webhookBaseUrl,
		executions: record.executions,
		failures: record.failures,
		failExecutionStarts: (count, afterMs = 0) => {
			record.failingStarts = count;
			record.failingStartMs = afterMs;
		},
		staticData: () => setup.staticData.snapshot(),
		nodeStaticData: () => (setup.staticData.snapshot()[setup.nodeStaticDataKey()] as IDataObject) ?? {},
		runWebhookMethod: async (method, methodOptions) => await callWebhookMethod(setup, method, methodOptions),
		close,
	};
}

export interface RunWebhookMethodOptions extends TriggerSetupOptions, WebhookMethodCallOptions {
	method: WebhookMethodName;
	/** What `getNodeWebhookUrl()` builds on; default `http://127.0.0.1:5678/webhook`. */
	webhookBaseUrl?: string;
}

export interface WebhookMethodResult {
	/** What the method returned (checkExists: whether the provider already has our webhook). */
	result: boolean | undefined;
	/** The workflow static data afterwards: pass it to the next call (e.g. create, then delete). */
	staticData: IDataObject;
	/** The trigger node's part of it. */
	nodeStaticData: IDataObject;
}

/** Runs one of the node's webhook lifecycle methods without serving its webhook. */
export async function runWebhookMethod(options: RunWebhookMethodOptions): Promise<WebhookMethodResult> {
	const setup = new TriggerSetup(options, options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook');
	const result = await callWebhookMethod(setup, options.method, options);
	const staticData = setup.staticData.snapshot();
	const nodeStaticData = (staticData[setup.nodeStaticDataKey()] as IDataObject) ?? {};
	return { result, staticData, nodeStaticData };
}
