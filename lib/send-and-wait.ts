import {
	NodeOperationError,
	SEND_AND_WAIT_OPERATION,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import type { DeliveryStatus } from './status';
import type { ProviderEventCheck } from './trigger';
import { MAX_EVENT_BODY_BYTES, readWebhookBody, rejectWebhook, webhookBodySize } from './webhooks';

/**
 * Send and Wait for Delivery: the node sends one SMS with the execution's signed resume URL as the
 * message's receipt address, n8n saves the execution as waiting, and the provider's receipt posted
 * to that URL resumes it. The operation value must be n8n's `sendAndWait`: n8n checks the resume
 * URL's signature only for a node with that operation (n8n 2.8.4 webhooks/waiting-webhooks.js 128-135).
 */
export const SEND_AND_WAIT = SEND_AND_WAIT_OPERATION;

/**
 * The one rule for which receipts end the wait, for every provider: a receipt that says the
 * message is still on its way (queued, sent) does not, because a final one follows. ClearLine posts
 * one receipt per message, its final status (spec: "Final resolved delivery status"); SMSCPR posts
 * QUEUED and SENT before DELIVERED or FAILED, and UNKNOWN when the carrier gave no final answer.
 */
export const STATUSES_THAT_END_THE_WAIT: readonly DeliveryStatus[] = ['delivered', 'failed', 'undelivered', 'unknown'];

/** What the node outputs when the limit passes before a final receipt. */
export const TIMED_OUT = 'timedOut';

/**
 * The resume webhook, as n8n's own send-and-wait nodes declare it: n8n serves it at
 * `/webhook-waiting/<execution ID>/<node ID>` while an execution waits on this node, and never as a
 * live webhook (restartWebhook).
 */
export function deliveryReceiptResumeWebhooks(): IWebhookDescription[] {
	return [
		{
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			responseData: '',
			path: '={{ $nodeId }}',
			restartWebhook: true,
			isFullPath: true,
		},
	];
}

/** The wait limit fields of the operation (n8n's Limit Wait Time, in minutes, hours or days). */
export function waitLimitProperties(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Limit Wait Time',
			name: 'limitWaitTime',
			type: 'boolean',
			default: true,
			displayOptions,
			description:
				'Whether to resume with status timedOut when no final delivery receipt came in time. Without a limit the execution waits until the receipt arrives, however long that takes.',
		},
		{
			displayName: 'Amount',
			name: 'resumeAmount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			displayOptions: { show: { ...displayOptions?.show, limitWaitTime: [true] } },
			description: 'How long to wait for the final receipt',
		},
		{
			displayName: 'Unit',
			name: 'resumeUnit',
			type: 'options',
			options: [
				{ name: 'Minutes', value: 'minutes' },
				{ name: 'Hours', value: 'hours' },
				{ name: 'Days', value: 'days' },
			],
			default: 'days',
			displayOptions: { show: { ...displayOptions?.show, limitWaitTime: [true] } },
		},
	];
}

const UNIT_MS: Record<string, number> = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

/** When the wait ends without a receipt: the limit from now, or n8n's WAIT_INDEFINITELY. */
export function readWaitLimit(context: IExecuteFunctions): Date {
	if (context.getNodeParameter('limitWaitTime', 0, true) !== true) return WAIT_INDEFINITELY;
	const amount = Number(context.getNodeParameter('resumeAmount', 0, 1));
	const unit = String(context.getNodeParameter('resumeUnit', 0, 'days'));
	if (!Number.isFinite(amount) || amount < 0 || UNIT_MS[unit] === undefined) {
		throw new NodeOperationError(context.getNode(), `The wait limit "${amount} ${unit}" is not a duration`, {
			description: 'Set Amount to a number of minutes, hours or days (0 or more), or turn Limit Wait Time off',
			itemIndex: 0,
		});
	}
	return new Date(Date.now() + amount * UNIT_MS[unit]);
}

/**
 * Sends the first item's SMS with the resume URL as its receipt address and puts the execution to
 * wait. One message per execution: n8n resumes a waiting execution once (waiting-webhooks.js
 * 140-158 answers later calls 409 or "no action required"), and a call that does not resume it
 * keeps nothing (webhooks/webhook-helpers.js 369-386), so receipts of several messages cannot be
 * collected into one wait. Several items are refused before anything is sent; Loop Over Items
 * (batch size 1) in front of the node waits for each item in turn within the same execution.
 */
export async function sendAndWaitForDelivery(
	context: IExecuteFunctions,
	provider: string,
	send: (receiptUrl: string) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	if (items.length > 1) {
		throw new NodeOperationError(context.getNode(), `Send and Wait sends one SMS per execution, and this node received ${items.length} items`, {
			description:
				'Nothing was sent. Put a Loop Over Items node (Batch Size 1) in front of this node to send and wait for each item in turn, or use Send with a trigger for the receipts.',
		});
	}
	const waitTill = readWaitLimit(context);
	// n8n checks the signature of the resume URL only when the node asks for it.
	context.setSignatureValidationRequired();
	const receiptUrl = context.getSignedResumeUrl();
	const sent = (await send(receiptUrl)).map((item) => ({ ...item, json: withoutReceiptUrl(item.json) }));

	// An item that failed under Continue On Fail sent nothing: there is no receipt to wait for.
	const [first] = sent;
	if (first === undefined || first.json.messageId === undefined || first.error !== undefined) return sent;

	// When the limit passes, n8n resumes by running this node disabled, and a disabled node passes on
	// the input data of its execution-stack entry (n8n-core execution-engine/workflow-execute.js
	// 648-656 and 619-623, 493-501); a receipt replaces that data instead (webhook-helpers.js 255-258).
	// So the timed-out answer is put there before the execution is saved as waiting.
	context.getExecuteData().data = { main: [[{ json: timedOutOutput(provider, first.json, waitTill), pairedItem: { item: 0 } }]] };
	await context.putExecutionToWait(waitTill);
	return sent;
}

function timedOutOutput(provider: string, sent: IDataObject, waitTill: Date): IDataObject {
	return {
		event: 'deliveryWaitTimedOut',
		provider,
		messageId: sent.messageId,
		status: TIMED_OUT,
		isFailure: false,
		providerStatus: null,
		to: sent.to ?? null,
		waitedUntil: waitTill.toISOString(),
	};
}

/** The resume URL is a key to this execution: it stays out of the output. */
function withoutReceiptUrl(json: IDataObject): IDataObject {
	const { callbackUrl: _receiptUrl, ...rest } = json;
	return rest;
}

/**
 * A receipt posted to the resume URL: a final one resumes the execution with the receipt as the
 * node's output; a non-final one is acknowledged and the execution keeps waiting; anything that is
 * not the provider's receipt gets 400. n8n has checked the URL's signature before this runs.
 */
export async function receiveDeliveryReceipt(
	context: IWebhookFunctions,
	readEvent: (body: IDataObject | undefined) => ProviderEventCheck,
): Promise<IWebhookResponseData> {
	if (webhookBodySize(context) > MAX_EVENT_BODY_BYTES) {
		return rejectWebhook(context, 413, `The body is larger than ${MAX_EVENT_BODY_BYTES / 1024} KiB: not a delivery receipt`);
	}
	const received = readEvent(readWebhookBody(context));
	if (!received.valid) return rejectWebhook(context, 400, received.reason);
	if (received.kind !== 'deliveryReceipt') return rejectWebhook(context, 400, 'Not a delivery receipt: this URL waits for the receipt of one message');
	const status = received.event.status as DeliveryStatus;
	if (!STATUSES_THAT_END_THE_WAIT.includes(status)) {
		context.getResponseObject().status(200).json({ received: true, waiting: `status ${status} is not final` });
		return { noWebhookResponse: true };
	}
	return { workflowData: [[{ json: received.event, pairedItem: { item: 0 } }]], webhookResponse: { received: true } };
}
