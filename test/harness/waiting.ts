import './env';

import { timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Container } from '@n8n/di';
import express, { type Request, type Response } from 'express';
import {
	generateUrlSignature,
	InstanceSettings,
	prepareUrlForSigning,
	WAITING_TOKEN_QUERY_PARAM,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import type { IRun, IRunExecutionData, IWebhookResponseData } from 'n8n-workflow';
import { deepCopy, Node, SEND_AND_WAIT_OPERATION, WAIT_INDEFINITELY } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { parseWebhookRequestBody, prepareRawBodyReading, UnprocessableRequestError } from './body-parser';
import { registerCleanup } from './cleanup';
import { HarnessCredentialsHelper } from './credentials-helper';
import { getNodeWebhooks } from './node-webhooks';
import {
	createHarnessWorkflow,
	createHooks,
	nextExecutionId,
	runWorkflow,
	workflowRunResult,
	type RunWorkflowOptions,
	type WorkflowRunResult,
} from './run-workflow';
import { sendErrorResponse, sendLegacyResponse, sendStaticResponse } from './webhook-responses';

/**
 * A workflow run whose execution may wait (putExecutionToWait), served the way n8n 2.8.4 serves
 * `/webhook-waiting/<execution ID>/<suffix>` (webhooks/waiting-webhooks.js): the saved execution
 * is loaded, its signature checked when a send-and-wait node asked for it, the node's webhook()
 * called, and a webhook answer with data resumes the execution (WorkflowExecute
 * .processRunExecutionData, as WorkflowRunner does). resumeAfterLimit() is what WaitTracker does
 * when the wait limit passes.
 */
export interface WaitingWorkflow {
	/** The first run: status 'waiting' when the node put the execution to wait. */
	first: WorkflowRunResult;
	executionId: string;
	/** `http://127.0.0.1:<port>/webhook-waiting` */
	waitingBaseUrl: string;
	/** What n8n has saved: waiting, running (being resumed) or finished. */
	state(): 'waiting' | 'running' | 'finished';
	/** The saved execution's waitTill (undefined once resumed). */
	waitTill(): Date | undefined;
	/** Settles with the resumed run once a webhook call resumed the execution and it ended. */
	resumed: Promise<WorkflowRunResult>;
	/** Resumes the execution as n8n's WaitTracker does when waitTill has passed. */
	resumeAfterLimit(): Promise<WorkflowRunResult>;
	close(): Promise<void>;
}

export async function runWaitingWorkflow(options: RunWorkflowOptions): Promise<WaitingWorkflow> {
	const app = express();
	app.disable('x-powered-by');
	app.set('query parser', 'extended');
	app.use((req, _res, next) => {
		prepareRawBodyReading(req);
		next();
	});
	const server = await new Promise<Server>((resolve, reject) => {
		const listening = app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(listening)));
	});
	// A test may give another base (what n8n's WEBHOOK_URL would make it); it is then not served.
	const waitingBaseUrl = options.webhookWaitingBaseUrl ?? `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook-waiting`;
	const close = async () => {
		unregister();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	};
	const unregister = registerCleanup(close);

	const executionId = nextExecutionId();
	const first = await runWorkflow({ ...options, executionId, webhookWaitingBaseUrl: waitingBaseUrl });
	let saved: { status: 'waiting' | 'running' | 'finished'; data: IRunExecutionData } = {
		status: first.status === 'waiting' ? 'waiting' : 'finished',
		data: savedCopy(first.run.data),
	};
	let settleResumed!: (result: WorkflowRunResult) => void;
	let failResumed!: (error: unknown) => void;
	const resumed = new Promise<WorkflowRunResult>((resolve, reject) => {
		settleResumed = resolve;
		failResumed = reject;
	});
	// A test that never resumes must not fail on an unobserved promise.
	resumed.catch(() => undefined);

	const workflowJson = deepCopy(options.workflow);
	const continueRun = async (data: IRunExecutionData): Promise<WorkflowRunResult> => {
		saved = { status: 'running', data: saved.data };
		const workflow = createHarnessWorkflow(workflowJson, options.nodeTypes);
		const { hooks, nodeExecutionOrder } = createHooks(executionId, workflowJson, workflow);
		const additionalData = createAdditionalData({
			credentialsHelper: new HarnessCredentialsHelper(options.credentials, options.credentialTypes),
			executionId,
			hooks,
			webhookWaitingBaseUrl: waitingBaseUrl,
		});
		const run: IRun = await new WorkflowExecute(additionalData, 'manual', data).processRunExecutionData(workflow);
		saved = { status: run.status === 'waiting' ? 'waiting' : 'finished', data: savedCopy(run.data) };
		return workflowRunResult(run, workflow, nodeExecutionOrder);
	};

	app.all('/webhook-waiting/:executionId/:suffix', async (req, res) => {
		try {
			await answerWaitingWebhook(req, res);
		} catch (error) {
			if (!res.headersSent) sendErrorResponse(res, { message: (error as Error).message });
		}
	});

	async function answerWaitingWebhook(req: Request, res: Response): Promise<void> {
		const { executionId: requestedId, suffix } = req.params as { executionId: string; suffix: string };
		if (requestedId !== executionId) {
			return sendErrorResponse(res, { message: `The execution "${requestedId}" does not exist.`, httpStatusCode: 404, errorCode: 404 });
		}
		const lastNodeName = saved.data.resultData.lastNodeExecuted;
		const lastNode = workflowJson.nodes.find((node) => node.name === lastNodeName);
		// waiting-webhooks.js 128-135: only a send-and-wait node's signature is checked.
		if (saved.data.validateSignature && lastNode?.parameters.operation === SEND_AND_WAIT_OPERATION && !validSignature(req)) {
			res.status(401).json({ error: 'Invalid token' });
			return;
		}
		if (saved.status === 'running') {
			return sendErrorResponse(res, { message: `The execution "${executionId}" is running already.`, httpStatusCode: 409, errorCode: 409 });
		}
		const isSendAndWaitRequest = workflowJson.nodes.some(
			(node) => node.id === suffix && node.parameters.operation === SEND_AND_WAIT_OPERATION,
		);
		if (saved.status === 'finished') {
			if (isSendAndWaitRequest) {
				res.status(200).type('html').send('<p>No action required</p>');
				return;
			}
			return sendErrorResponse(res, { message: `The execution "${executionId} has finished already.`, httpStatusCode: 409, errorCode: 409 });
		}

		// getWebhookExecutionData: the waiting node is disabled, its waiting run forgotten.
		const data = savedCopy(saved.data);
		data.executionData!.nodeExecutionStack[0].node.disabled = true;
		data.waitTill = undefined;
		data.resultData.runData[lastNodeName!].pop();

		const workflow = createHarnessWorkflow(workflowJson, options.nodeTypes);
		const node = workflow.getNode(lastNodeName!)!;
		const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const additionalData = createAdditionalData({
			credentialsHelper: new HarnessCredentialsHelper(options.credentials, options.credentialTypes),
			webhookWaitingBaseUrl: waitingBaseUrl,
		});
		const webhookData = getNodeWebhooks(workflow, node, nodeType, additionalData, 'restart').find(
			(webhook) => webhook.httpMethod === req.method && webhook.path === suffix,
		);
		if (!webhookData) {
			if (isSendAndWaitRequest) {
				res.status(200).type('html').send('<p>No action required</p>');
				return;
			}
			return sendErrorResponse(res, {
				message: `The workflow for execution "${executionId}" does not contain a waiting webhook with a matching path/method.`,
				httpStatusCode: 404,
				errorCode: 404,
			});
		}

		let result: IWebhookResponseData;
		try {
			await parseWebhookRequestBody(req, node, workflow);
			additionalData.httpRequest = req;
			additionalData.httpResponse = res;
			const context = new WebhookContext(workflow, node, additionalData, 'manual', webhookData, [], data);
			result = nodeType instanceof Node ? await nodeType.webhook!(context) : await nodeType.webhook!.call(context);
		} catch (error) {
			if (error instanceof UnprocessableRequestError) return sendErrorResponse(res, error);
			return sendErrorResponse(res, { message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		if (result.workflowData === undefined) {
			// Nothing of this call is saved: the execution keeps waiting as it was.
			if (result.noWebhookResponse !== true) sendLegacyResponse(res, result.webhookResponse ?? { message: 'Webhook call received' }, 200);
			return;
		}
		// webhook-helpers.js prepareExecutionData: the webhook's items become the disabled node's data.
		data.executionData!.nodeExecutionStack[0].data.main = result.workflowData;
		const running = continueRun(data);
		if (result.noWebhookResponse !== true) sendStaticResponse(res, result.webhookResponse, 200, new Map());
		running.then(settleResumed, failResumed);
	}

	return {
		first,
		executionId,
		waitingBaseUrl,
		state: () => saved.status,
		waitTill: () => saved.data.waitTill,
		resumed,
		resumeAfterLimit: async () => {
			if (saved.status !== 'waiting') throw new Error(`The execution is ${saved.status}, not waiting`);
			if (saved.data.waitTill?.getTime() === WAIT_INDEFINITELY.getTime()) {
				throw new Error('The execution waits without a limit: n8n would never resume it by time');
			}
			// WaitTracker runs the saved data as it is; WorkflowExecute.handleWaitingState disables the node.
			return await continueRun(savedCopy(saved.data));
		},
		close,
	};
}

/** n8n serializes the execution into its database and reads it back; waitTill is a Date column. */
function savedCopy(data: IRunExecutionData): IRunExecutionData {
	const copy = deepCopy(data);
	copy.waitTill = data.waitTill === undefined ? undefined : new Date(data.waitTill);
	return copy;
}

function validSignature(req: Request): boolean {
	const token = req.query[WAITING_TOKEN_QUERY_PARAM];
	if (typeof token !== 'string') return false;
	const url = new URL(req.url, `http://${req.host}`);
	url.searchParams.delete(WAITING_TOKEN_QUERY_PARAM);
	const expected = generateUrlSignature(prepareUrlForSigning(url), Container.get(InstanceSettings).hmacSignatureSecret);
	return token.length === expected.length && timingSafeEqual(Buffer.from(token), Buffer.from(expected));
}
