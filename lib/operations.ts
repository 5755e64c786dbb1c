import {
	NodeConnectionTypes,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { SEND_AND_WAIT, sendAndWait, sendAndWaitResumeWebhooks, type WaitFor, type WaitingSend } from './send-and-wait';

/**
 * What every action node's description has the same: a new node on the canvas is named after the
 * node (its display name), one input, one output, and Send and Wait's resume webhooks, which n8n
 * serves only while an execution waits on the node. New objects for each node, since n8n keeps a
 * node's description as its own.
 */
export function actionNodeBasics(
	displayName: string,
): Pick<INodeTypeDescription, 'defaults' | 'inputs' | 'outputs' | 'webhooks'> {
	return {
		defaults: { name: displayName },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		webhooks: sendAndWaitResumeWebhooks(),
	};
}

/** One function per `resource:operation`, e.g. `{ 'sms:send': sendSms }`. */
export type OperationHandlers = Record<string, (context: IExecuteFunctions) => Promise<INodeExecutionData[]>>;

/** Runs the handler of the node's chosen resource and operation (read once: they take no expressions). */
export async function runChosenOperation(
	context: IExecuteFunctions,
	handlers: OperationHandlers,
): Promise<INodeExecutionData[][]> {
	const resource = context.getNodeParameter('resource', 0) as string;
	const operation = context.getNodeParameter('operation', 0) as string;
	const handler = handlers[`${resource}:${operation}`];
	if (!handler) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await handler(context)];
}

/**
 * An action node's execute(): the handler of the chosen resource and operation. n8n calls it with
 * the execution's context as `this`, so it is a function, not an arrow.
 */
export function executeChosenOperation(handlers: OperationHandlers): NonNullable<INodeType['execute']> {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await runChosenOperation(this, handlers);
	};
}

/** Send and Send and Wait of a node's operation handlers, both from the node's one send. */
export function smsSendHandlers(
	provider: string,
	waits: readonly WaitFor[],
	send: (context: IExecuteFunctions, waiting?: WaitingSend) => Promise<INodeExecutionData[]>,
): OperationHandlers {
	return {
		'sms:send': async (context) => await send(context),
		[`sms:${SEND_AND_WAIT}`]: async (context) => await sendAndWait(context, provider, waits, async (waiting) => await send(context, waiting)),
	};
}
