import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runItemsInBatches, type ItemOutcome, type PreparedItem } from './execution';
import { readSendOptions, type SendOptions } from './inputs';
import { RequestPace } from './http';
import { itemParameters, type ItemParameters } from './parameters';
import { withRetryMemory } from './retry-memory';
import type { SentMessageOutput } from './sent-message';

/** What a provider supplies to send one SMS per input item; the rest is the same for all. */
export interface SendPlan<Client, Prepared> {
	/** Built once per run, before any item is read, so a bad credential fails first. */
	createClient(pace: RequestPace, options: SendOptions): Promise<Client>;
	/**
	 * Reads and checks one item, sending nothing (see runItemsInOrder). Parameters are read through
	 * `parameters`, which gives getNodeParameter's values without evaluating each item's
	 * expressions when it need not (see lib/parameters.ts): sends take thousands of items.
	 */
	prepare(itemIndex: number, options: SendOptions, parameters: ItemParameters): Prepared | Promise<Prepared>;
	/** Sends one prepared message and returns the item's output, made by sentMessageOutput. */
	submit(client: Client, message: Prepared, itemIndex: number, options: SendOptions): Promise<SentMessageOutput>;
}

/**
 * Sends one SMS per item with the shared Options (Concurrency, Default Country, Retry), the
 * request pace, every item checked before the first send, and outputs in input order. When n8n
 * retries the node (Retry On Fail), an item an earlier try sent is not sent again (retry-memory.ts).
 */
export async function sendEachItem<Client, Prepared>(
	context: IExecuteFunctions,
	plan: SendPlan<Client, Prepared>,
): Promise<INodeExecutionData[]> {
	const options = readSendOptions(context);
	const pace = new RequestPace(options.concurrency);
	const client = await plan.createClient(pace, options);
	const parameters = itemParameters(context);
	return await withRetryMemory<Prepared>(context, { resendWhenUncertain: options.retrySendOnServerError }, async (sendOnce) =>
		await runItemsInBatches(context, {
			prepare: (itemIndex) => plan.prepare(itemIndex, options, parameters),
			executeBatch: sendOnce(async ([{ prepared, itemIndex }]) => [{ output: await plan.submit(client, prepared, itemIndex, options) }]),
			batchSize: 1,
			concurrency: options.concurrency,
			pace,
			describeDone: describeSentMessage,
		}),
	);
}

/** What a provider that takes many messages per request supplies instead of `submit`. */
export interface BatchSendPlan<Client, Prepared> extends Omit<SendPlan<Client, Prepared>, 'submit'> {
	/** Messages per request at most (1 sends one request per item), which the Options may choose. */
	batchSize(options: SendOptions): number;
	/** Sends the batch in one request and returns one outcome per message, in the batch's order. */
	submitBatch(client: Client, batch: Array<PreparedItem<Prepared>>, options: SendOptions): Promise<ItemOutcome[]>;
}

/**
 * sendEachItem for batch APIs: the same options, pace and checks, with up to `batchSize` items
 * per request and each item's own output or error.
 */
export async function sendInBatches<Client, Prepared>(
	context: IExecuteFunctions,
	plan: BatchSendPlan<Client, Prepared>,
): Promise<INodeExecutionData[]> {
	const options = readSendOptions(context);
	const pace = new RequestPace(options.concurrency);
	const client = await plan.createClient(pace, options);
	const parameters = itemParameters(context);
	return await withRetryMemory<Prepared>(context, { resendWhenUncertain: options.retrySendOnServerError }, async (sendOnce) =>
		await runItemsInBatches(context, {
			prepare: (itemIndex) => plan.prepare(itemIndex, options, parameters),
			executeBatch: sendOnce(async (batch) => await plan.submitBatch(client, batch, options)),
			batchSize: plan.batchSize(options),
			concurrency: options.concurrency,
			pace,
			describeDone: describeSentMessage,
		}),
	);
}

/** The record of a sent item in the "already sent" list: the provider's message ID. */
function describeSentMessage(output: IDataObject): string | undefined {
	const id = output.messageId;
	return id === undefined || id === null ? undefined : `message ID ${String(id)}`;
}
