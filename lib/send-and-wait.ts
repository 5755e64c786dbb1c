import {
	NodeOperationError,
	SEND_AND_WAIT_OPERATION,
	WAIT_INDEFINITELY,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type IWebhookDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { answerRecordedHtml, approvalPageHtml, linkExpiredHtml, PAGE_SECURITY_POLICY, type ApprovalPage } from './approval-page';
import type { DeliveryStatus } from './status';
import type { ProviderEventCheck } from './provider-events';
import { MAX_EVENT_BODY_BYTES, readWebhookBody, rejectWebhook, webhookBodySize } from './trigger';

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

/** What Send and Wait waits for: the message's delivery receipt, or the recipient's answer on the approval page. */
export type WaitFor = 'delivery' | 'approval';

/**
 * The resume webhooks, as n8n's own send-and-wait nodes declare them: n8n serves them at
 * `/webhook-waiting/<execution ID>/<node ID>` while an execution waits on this node, and never as
 * live webhooks (restartWebhook). POST takes a delivery receipt or a submitted answer; GET opens
 * the approval page.
 */
export function sendAndWaitResumeWebhooks(): IWebhookDescription[] {
	return (['GET', 'POST'] as const).map((httpMethod) => ({
		name: 'default',
		httpMethod,
		responseMode: 'onReceived',
		responseData: '',
		path: '={{ $nodeId }}',
		restartWebhook: true,
		isFullPath: true,
	}));
}

/**
 * Approval, every provider's default: it is what n8n's own Send and Wait nodes wait for, and what an
 * AI Agent's human review step needs (n8n's review tool made from this node hides the operation
 * and the response type, not Wait For, so the default is what it runs with).
 */
const DEFAULT_WAIT: WaitFor = 'approval';

/**
 * Wait For: Approval everywhere, Delivery where the provider takes a receipt address per message
 * (ClearLine, SMSCPR).
 */
export function waitForProperty(waits: readonly WaitFor[], displayOptions: INodeProperties['displayOptions']): INodeProperties {
	const options = [
		{ name: 'Approval', value: 'approval', description: 'Put a link in the SMS to a page where the recipient approves, declines or answers; resume with the answer' },
		{ name: 'Delivery', value: 'delivery', description: 'Resume with the delivery receipt once the message is delivered or has failed' },
	].filter((option) => waits.includes(option.value as WaitFor));
	return {
		displayName: 'Wait For',
		name: 'waitFor',
		type: 'options',
		noDataExpression: true,
		options,
		default: DEFAULT_WAIT,
		displayOptions,
		description: waits.includes('delivery')
			? 'What ends the wait. As the human review step of an AI Agent, keep Approval: the agent runs its tool only on Approve.'
			: 'What ends the wait. This provider takes no delivery receipt address per message, so it can only wait for an answer.',
	};
}

/**
 * The fields of Send and Wait after the message fields: Wait For, the approval page's settings and
 * the wait limit. `show` is the operation's own displayOptions.show.
 */
export function sendAndWaitProperties(waits: readonly WaitFor[], show: NonNullable<INodeProperties['displayOptions']>['show']): INodeProperties[] {
	return [
		waitForProperty(waits, { show }),
		...approvalProperties({ show: { ...show, waitFor: ['approval'] } }),
		...waitLimitProperties({ show }),
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
				'Whether to resume with status timedOut when no final delivery receipt or answer came in time. Without a limit the execution waits until one arrives, however long that takes.',
		},
		{
			displayName: 'Amount',
			name: 'resumeAmount',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 1,
			displayOptions: { show: { ...displayOptions?.show, limitWaitTime: [true] } },
			description: 'How long to wait for the final receipt or the answer',
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
	return await sendAndPutToWait(context, async (resumeUrl) => {
		const sent = (await send(resumeUrl)).map((item) => ({ ...item, json: withoutReceiptUrl(item.json) }));
		return { sent, timedOut: (first, waitTill) => timedOutOutput(provider, first, waitTill) };
	});
}

/**
 * What both waits share: one item, the limit, the signed resume URL, the send, the timed-out answer
 * stored where n8n finds it, and the wait itself.
 */
export async function sendAndPutToWait(
	context: IExecuteFunctions,
	send: (resumeUrl: string) => Promise<{ sent: INodeExecutionData[]; timedOut: (first: IDataObject, waitTill: Date) => IDataObject }>,
): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	if (items.length > 1) {
		throw new NodeOperationError(context.getNode(), `Send and Wait sends one SMS per execution, and this node received ${items.length} items`, {
			description:
				'Nothing was sent. Put a Loop Over Items node (Batch Size 1) in front of this node to send and wait for each item in turn, or use Send with a trigger for the receipts.',
		});
	}
	const waitTill = readWaitLimit(context);
	requireSignedResumeUrl(context);
	const { sent, timedOut } = await send(context.getSignedResumeUrl());

	// An item that failed under Continue On Fail sent nothing: there is no receipt to wait for.
	const [first] = sent;
	if (first === undefined || first.json.messageId === undefined || first.error !== undefined) return sent;

	// When the limit passes, n8n resumes by running this node disabled, and a disabled node passes on
	// the input data of its execution-stack entry (n8n-core execution-engine/workflow-execute.js
	// 648-656 and 619-623, 493-501); a receipt replaces that data instead (webhook-helpers.js 255-258).
	// So the timed-out answer is put there before the execution is saved as waiting.
	context.getExecuteData().data = { main: [[{ json: timedOut(first.json, waitTill), pairedItem: { item: 0 } }]] };
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
 * Unlike a late approval, a final receipt after the limit still resumes the execution until n8n has
 * resumed it by time: it tells what happened to the message, which is worth more than a timeout.
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

// ---------------------------------------------------------------------------------------------
// Send and Wait for Approval

/**
 * How a provider's send changes for a wait: the receipt address to send with (Delivery), or the
 * message text with the approval link appended (Approval). A provider without a receipt address
 * per message only ever gets the second.
 */
export interface WaitingSend {
	receiptUrl?: string;
	approvalLink?: string;
	/** The text the link was appended to (messageForWait): what the approval page shows. */
	question?: string;
}

/**
 * The Message value to send: with Wait For Approval the link goes on its own line after the text,
 * so that the provider's length check and the segment count include it. A blank or non-text value
 * is returned as it is, for the provider's own check to refuse.
 */
export function messageForWait(waiting: WaitingSend | undefined, message: unknown): unknown {
	if (waiting?.approvalLink === undefined || typeof message !== 'string' || message.trim() === '') return message;
	waiting.question = message.trimEnd();
	return `${waiting.question}\n${waiting.approvalLink}`;
}

/** The answers the approval page offers (n8n's own Response Type: Approval or Free Text). */
export function approvalProperties(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Response Type',
			name: 'responseType',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Approval', value: 'approval', description: 'The page offers Approve and Decline buttons' },
				{ name: 'Free Text', value: 'freeText', description: 'The page offers one text field for the answer' },
			],
			default: 'approval',
			displayOptions,
		},
		{
			displayName: 'The SMS ends with the approval link, about 150 characters long (the address of your n8n, the execution, and a signature that only your n8n can make), so the message usually takes two SMS parts or more. The output counts the parts with the link.',
			name: 'approvalLinkNotice',
			type: 'notice',
			default: '',
			displayOptions,
		},
		{
			displayName: 'Approval Options',
			name: 'approvalOptions',
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			displayOptions,
			options: [
				{ displayName: 'Approve Button Label', name: 'approveLabel', type: 'string', default: 'Approve', displayOptions: { show: { '/responseType': ['approval'] } } },
				{ displayName: 'Decline Button Label', name: 'declineLabel', type: 'string', default: 'Decline', displayOptions: { show: { '/responseType': ['approval'] } } },
				{
					displayName: 'Offer Decline',
					name: 'offerDecline',
					type: 'boolean',
					default: true,
					description: 'Whether the page offers Decline next to Approve; without it the only answer is Approve',
					displayOptions: { show: { '/responseType': ['approval'] } },
				},
				{
					displayName: 'Page Title',
					name: 'pageTitle',
					type: 'string',
					default: 'Your answer, please',
					description: 'The heading of the page the link opens; the page shows the message text below it',
				},
				{ displayName: 'Submit Button Label', name: 'submitLabel', type: 'string', default: 'Submit', displayOptions: { show: { '/responseType': ['freeText'] } } },
			],
		},
	];
}

/**
 * Sends the first item's SMS with the signed resume URL as its last line and puts the execution to
 * wait for the answer given on the page that URL opens (see receiveApprovalCall).
 */
export async function sendAndWaitForApproval(
	context: IExecuteFunctions,
	provider: string,
	send: (waiting: WaitingSend) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	return await sendAndPutToWait(context, async (approvalLink) => {
		// The link is a key to this execution: it stays out of the output, even where a provider echoes the text.
		const waiting: WaitingSend = { approvalLink };
		const sent = (await send(waiting)).map((item) => ({ ...item, json: withoutText(item.json, approvalLink) }));
		return { sent, timedOut: (first, waitTill) => unansweredOutput(provider, first, waiting.question ?? '', waitTill) };
	});
}

export type ApprovalStatus = 'approved' | 'declined' | 'answered' | typeof TIMED_OUT;

/** The node's output when the limit passes without an answer; the page reads the message ID, number and text from it. */
function unansweredOutput(provider: string, sent: IDataObject, question: string, waitTill: Date): IDataObject {
	return {
		event: 'approvalWaitTimedOut',
		provider,
		messageId: sent.messageId,
		to: sent.to ?? null,
		status: TIMED_OUT,
		approved: false,
		answer: null,
		answeredBy: null,
		answeredAt: null,
		message: question,
		waitedUntil: waitTill.toISOString(),
	};
}

/**
 * A call to the approval link. GET shows the page and never resumes: phones and messengers open
 * links in an SMS to preview them. POST is the submitted answer: it resumes the execution with it.
 */
export function receiveApprovalCall(context: IWebhookFunctions): IWebhookResponseData {
	const waiting = waitingOutput(context);
	const page = approvalPage(context, waiting);
	const response = context.getResponseObject();
	// n8n resumes a wait whose limit passed only when its main process next polls for due waits (not at
	// all while it is down); until then the link still reaches this node, and a late answer must not count. Once n8n has resumed it, n8n itself answers the link with its "No action required" page.
	if (limitHasPassed(waiting)) return sendPage(response, 410, linkExpiredHtml(page.title));
	if (context.getRequestObject().method !== 'POST') return sendPage(response, 200, approvalPageHtml(page));

	const body = readWebhookBody(context) ?? {};
	let status: ApprovalStatus;
	let answer: string | null = null;
	if (page.responseType === 'freeText') {
		answer = typeof body.answer === 'string' ? body.answer.trim() : '';
		if (answer === '') return sendPage(response, 400, approvalPageHtml({ ...page, problem: 'Please write an answer before you submit.' }));
		status = 'answered';
	} else if (body.decision === 'approve' || (body.decision === 'decline' && page.offerDecline)) {
		status = body.decision === 'approve' ? 'approved' : 'declined';
	} else {
		return sendPage(response, 400, approvalPageHtml({ ...page, problem: 'Please choose one of the buttons.' }));
	}
	const json: IDataObject = {
		event: 'approvalAnswer',
		provider: waiting.provider ?? null,
		messageId: waiting.messageId ?? null,
		to: waiting.to ?? null,
		status,
		approved: status === 'approved',
		answer,
		// The link went to this number only: whoever answered holds that phone (or a message forwarded from it).
		answeredBy: waiting.to ?? null,
		answeredAt: new Date().toISOString(),
		message: waiting.message ?? null,
	};
	return { workflowData: [[{ json, pairedItem: { item: 0 } }]], webhookResponse: answerRecordedHtml() };
}

/**
 * n8n 2.8 checks the signature of the resume URL only when the node asks for it. n8n 2.41 checks
 * it for every Send and Wait node and no longer has the method, so calling it there would fail.
 */
function requireSignedResumeUrl(context: IExecuteFunctions): void {
	context.setSignatureValidationRequired?.();
}

/** Whether the stored timed-out output says the wait's limit has passed (`waitedUntil`, absent or far ahead without a limit). */
function limitHasPassed(waiting: IDataObject): boolean {
	const limit = typeof waiting.waitedUntil === 'string' ? Date.parse(waiting.waitedUntil) : Number.NaN;
	return Number.isFinite(limit) && Date.now() >= limit;
}

/**
 * What the waiting node stored as its timed-out output (sendAndPutToWait): n8n gives it to the
 * resume webhook as the node's input item, so `$json` is it.
 */
function waitingOutput(context: IWebhookFunctions): IDataObject {
	const stored = context.evaluateExpression('{{ $json }}');
	return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as IDataObject) : {};
}

function approvalPage(context: IWebhookFunctions, waiting: IDataObject): ApprovalPage {
	const options = context.getNodeParameter('approvalOptions', {}) as IDataObject;
	const text = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() !== '' ? value : fallback);
	return {
		title: text(options.pageTitle, 'Your answer, please'),
		question: text(waiting.message, ''),
		responseType: context.getNodeParameter('responseType', 'approval') === 'freeText' ? 'freeText' : 'approval',
		approveLabel: text(options.approveLabel, 'Approve'),
		declineLabel: text(options.declineLabel, 'Decline'),
		offerDecline: options.offerDecline !== false,
		submitLabel: text(options.submitLabel, 'Submit'),
	};
}

function sendPage(response: ReturnType<IWebhookFunctions['getResponseObject']>, status: number, html: string): IWebhookResponseData {
	response.status(status).setHeader('Content-Security-Policy', PAGE_SECURITY_POLICY);
	response.type('html').send(html);
	return { noWebhookResponse: true };
}

/** Every text value of the output with `secret` replaced, however deep a provider's answer nests it. */
function withoutText(json: IDataObject, secret: string): IDataObject {
	const hide = (value: unknown): unknown => {
		if (typeof value === 'string') return value.split(secret).join('[approval link]');
		if (Array.isArray(value)) return value.map(hide);
		if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hide(inner)]));
		return value;
	};
	return hide(json) as IDataObject;
}

// ---------------------------------------------------------------------------------------------
// The operation, for every provider

/** The Send and Wait choice of a node's Operation, saying what it can wait for. */
export function sendAndWaitOperationOption(waits: readonly WaitFor[]): INodePropertyOptions {
	const canWaitForDelivery = waits.includes('delivery');
	return {
		name: 'Send and Wait',
		value: SEND_AND_WAIT,
		description: canWaitForDelivery
			? 'Send a text message and pause the workflow until the recipient answers on a linked page, or until it is delivered'
			: 'Send a text message with a link and pause the workflow until the recipient answers on the linked page',
		action: canWaitForDelivery ? 'Send an SMS and wait for an answer or delivery' : 'Send an SMS and wait for an answer',
	};
}

/** The Send and Wait operation: the wait chosen in Wait For. */
export async function sendAndWait(
	context: IExecuteFunctions,
	provider: string,
	waits: readonly WaitFor[],
	send: (waiting: WaitingSend) => Promise<INodeExecutionData[]>,
): Promise<INodeExecutionData[]> {
	const wait = chosenWait(context, waits);
	if (wait === 'delivery' && isHumanReviewTool(context)) {
		throw new NodeOperationError(context.getNode(), 'As an AI Agent\'s human review step, Wait For must be Approval', {
			itemIndex: 0,
			description: 'The agent runs the tool it asked for only when the answer is Approve. A delivery receipt is no answer, so the agent would be told every call was declined. Nothing was sent.',
		});
	}
	if (wait === 'approval') return await sendAndWaitForApproval(context, provider, send);
	return await sendAndWaitForDelivery(context, provider, async (receiptUrl) => await send({ receiptUrl }));
}

/** The node's webhook(): a call to the resume URL of an execution waiting on it. */
export async function receiveSendAndWaitCall(
	context: IWebhookFunctions,
	waits: readonly WaitFor[],
	readEvent?: (body: IDataObject | undefined) => ProviderEventCheck,
): Promise<IWebhookResponseData> {
	if (chosenWait(context, waits) === 'approval') return receiveApprovalCall(context);
	if (context.getRequestObject().method !== 'POST' || readEvent === undefined) {
		return rejectWebhook(context, 405, 'This address takes the delivery receipt of one message, posted by the provider');
	}
	return await receiveDeliveryReceipt(context, readEvent);
}

/**
 * An action node's webhook(): `readEvent` reads the provider's delivery receipt where the node can
 * wait for delivery. n8n calls it with the request's context as `this`, so it is a function.
 */
export function sendAndWaitWebhook(
	waits: readonly WaitFor[],
	readEvent?: (body: IDataObject | undefined) => ProviderEventCheck,
): NonNullable<INodeType['webhook']> {
	return async function webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveSendAndWaitCall(this, waits, readEvent);
	};
}

function chosenWait(context: IExecuteFunctions | IWebhookFunctions, waits: readonly WaitFor[]): WaitFor {
	const chosen = 'getInputData' in context ? context.getNodeParameter('waitFor', 0, DEFAULT_WAIT) : context.getNodeParameter('waitFor', DEFAULT_WAIT);
	return waits.includes(chosen as WaitFor) ? (chosen as WaitFor) : DEFAULT_WAIT;
}

/**
 * Whether n8n runs this node as the human review step of an AI Agent's tool: n8n 2.x makes a
 * `<node>HitlTool` type of every node with a Send and Wait operation. n8n-workflow's own
 * isHitlToolType is not in the n8n-workflow of n8n 1.x, which loads this package too.
 */
function isHumanReviewTool(context: IExecuteFunctions): boolean {
	return context.getNode().type.endsWith('HitlTool');
}
