import type { Request, Response } from 'express';
import { WebhookContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, IWebhookData, IWebhookResponseData, Workflow } from 'n8n-workflow';
import { Node } from 'n8n-workflow';

import { parseWebhookRequestBody, UnprocessableRequestError } from './body-parser';
import type { TriggerSetup } from './trigger-setup';
import { sendErrorResponse, sendLegacyResponse, sendStaticResponse } from './webhook-responses';

export interface WebhookCallRecord {
	/** Each `workflowData` the node returned: every one is an execution n8n would have started. */
	executions: INodeExecutionData[][][];
	/** Errors thrown by the node's `webhook()` (n8n answers 500 "Workflow could not be started!"). */
	failures: Error[];
	/**
	 * How many of the next executions n8n fails to start after the node returned them (its
	 * database or queue is down): WorkflowRunner.run throws, n8n answers 500 and saves no static data.
	 */
	failingStarts: number;
	/** How long such a start takes before it fails (other requests go on meanwhile). */
	failingStartMs: number;
}

function webhookNotFound(path: string, httpMethod: string, registeredMethods: string[]) {
	// The messages of n8n's WebhookNotFoundError for a production URL.
	const message = registeredMethods.length
		? `This webhook is not registered for ${httpMethod} requests. Did you mean to make a ${registeredMethods.join(' or ')} request?`
		: `The requested webhook "${httpMethod} ${path}" is not registered.`;
	const hint = registeredMethods.length
		? undefined
		: "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)";
	return { message, hint, httpStatusCode: 404, errorCode: 404 };
}

function evaluateResponseHeaders(setup: TriggerSetup, workflow: Workflow, webhookData: IWebhookData): Map<string, string> {
	const headers = new Map<string, string>();
	const { responseHeaders } = webhookData.webhookDescription;
	if (responseHeaders === undefined) return headers;
	const node = workflow.getNode(webhookData.node)!;
	const evaluated = workflow.expression.getComplexParameterValue(node, responseHeaders, setup.executionMode, {}) as
		| { entries?: Array<{ name: string; value: string }> }
		| undefined;
	for (const entry of evaluated?.entries ?? []) headers.set(entry.name.toLowerCase(), entry.value);
	return headers;
}

async function callNodeWebhook(
	setup: TriggerSetup,
	workflow: Workflow,
	webhookData: IWebhookData,
	req: Request,
	res: Response,
): Promise<IWebhookResponseData> {
	const additionalData = setup.createAdditionalData();
	additionalData.httpRequest = req;
	additionalData.httpResponse = res;
	const node = workflow.getNode(webhookData.node)!;
	const context = new WebhookContext(workflow, node, additionalData, setup.executionMode, webhookData, [], null);
	const { nodeType } = setup;
	if (nodeType instanceof Node) return await nodeType.webhook!(context);
	return await nodeType.webhook!.call(context);
}

/**
 * One webhook call, answered the way n8n 2.8.4 answers a production webhook whose node has
 * `responseMode: 'onReceived'` (LiveWebhooks.executeWebhook + WebhookHelpers.executeWebhook).
 */
export async function handleWebhookRequest(
	setup: TriggerSetup,
	record: WebhookCallRecord,
	req: Request,
	res: Response,
): Promise<void> {
	const workflow = setup.createWorkflow();
	const path = decodeURIComponent(req.path.replace(/^\/webhook\//, '')).replace(/\/$/, '');
	const registered = setup.webhooks(workflow, setup.createAdditionalData()).filter((w) => w.path === path);
	const webhookData = registered.find((w) => w.httpMethod === req.method);
	if (!webhookData) {
		const methods = registered.map((w) => w.httpMethod);
		return sendErrorResponse(res, webhookNotFound(path, req.method, methods));
	}

	const node = workflow.getNode(webhookData.node)!;
	const { expression } = workflow;
	const { webhookDescription } = webhookData;
	const responseMode = expression.getSimpleParameterValue(
		node,
		webhookDescription.responseMode,
		setup.executionMode,
		{},
		undefined,
		'onReceived',
	);
	if (responseMode !== 'onReceived') {
		return sendErrorResponse(res, {
			message: `The test harness answers only responseMode 'onReceived', not '${String(responseMode)}'`,
		});
	}
	const responseCode = Number(
		expression.getSimpleParameterValue(node, webhookDescription.responseCode, setup.executionMode, {}, undefined, 200),
	);

	let result: IWebhookResponseData;
	try {
		await parseWebhookRequestBody(req, node, workflow);
		result = await callNodeWebhook(setup, workflow, webhookData, req, res);
	} catch (error) {
		if (error instanceof UnprocessableRequestError) return sendErrorResponse(res, error);
		// n8n reports the error, answers 500 and does not save the static data of this call.
		record.failures.push(error as Error);
		if (!res.headersSent) {
			sendErrorResponse(res, { message: 'Workflow Webhook Error: Workflow could not be started!' });
		}
		return;
	}

	const responseHeaders = evaluateResponseHeaders(setup, workflow, webhookData);
	if (!res.headersSent) for (const [name, value] of responseHeaders) res.setHeader(name, value);

	if (result.workflowData !== undefined && record.failingStarts > 0) {
		// webhook-helpers.js (n8n 2.8.4) 582-590: the error reaches LiveWebhooks' callback, which
		// rejects before saving the static data (live-webhooks.js 143-145).
		record.failingStarts--;
		if (record.failingStartMs > 0) await new Promise((resolve) => setTimeout(resolve, record.failingStartMs));
		return sendErrorResponse(res, { message: 'There was a problem executing the workflow' });
	}

	// From here on n8n's response callback runs, and it saves the static data first.
	setup.staticData.saveIfChanged(workflow);
	const answered = result.noWebhookResponse === true;

	if (result.workflowData === undefined) {
		if (!answered) {
			const data = result.webhookResponse ?? ({ message: 'Webhook call received' } as IDataObject);
			sendLegacyResponse(res, data, responseCode);
		}
		return;
	}

	record.executions.push(result.workflowData);
	if (answered) return;
	// Without `responseData` in the webhook description n8n falls back to the literal text
	// 'firstEntryJson' and sends it as the body (measured on n8n 2.8.4).
	const responseData = expression.getComplexParameterValue(
		node,
		webhookDescription.responseData,
		setup.executionMode,
		{},
		undefined,
		'firstEntryJson',
	);
	let body: unknown;
	if (responseData === 'noData') body = undefined;
	else if (responseData) body = responseData;
	else body = result.webhookResponse ?? { message: 'Workflow was started' };
	sendStaticResponse(res, body, responseCode, responseHeaders);
}
