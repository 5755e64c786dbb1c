import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

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
