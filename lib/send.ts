import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { joinSentences, mayHaveBeenSent, providerError } from './errors';
import { RequestPace } from './http';
import { readSendOptions, type SendOptions } from './inputs';
import { itemParameters, type ItemParameters } from './parameters';
import { fingerprintOf, nodeRunKey, retryMemory, type NodeRunMemory, type RememberedOutcome, type RetryMemory } from './retry-memory';
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
 * retries the node (Retry On Fail), an item an earlier try sent is not sent again
 * (withRetryMemory below).
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

type ExecuteBatch<Prepared> = (batch: Array<PreparedItem<Prepared>>) => Promise<ItemOutcome[]>;

export interface SendOnceOptions {
	/**
	 * The user's opt-in to send again after an answer that leaves it open whether the message went
	 * out (Retry Sends After Server Errors): such items are then sent again on n8n's retry as well.
	 */
	resendWhenUncertain: boolean;
}

/**
 * Runs one try of a send with the memory of the earlier tries: `run` gets `sendOnce`, which wraps
 * the request of a batch so that an item an earlier try sent (or may have sent) is answered from
 * memory instead. The memory is forgotten when n8n will not retry this try, kept otherwise.
 */
export async function withRetryMemory<Prepared>(
	context: IExecuteFunctions,
	options: SendOnceOptions,
	run: (sendOnce: (execute: ExecuteBatch<Prepared>) => ExecuteBatch<Prepared>) => Promise<INodeExecutionData[]>,
	store: RetryMemory = retryMemory,
): Promise<INodeExecutionData[]> {
	const runKey = nodeRunKey(context);
	if (runKey === undefined) return await run((execute) => execute);
	const memory = store.claim(runKey);
	let outputs: INodeExecutionData[] | undefined;
	try {
		outputs = await run((execute) => sendingOnce(context, memory, execute, options));
		return outputs;
	} finally {
		// n8n retries a try that threw, and also one whose first output item is an error ("continue on fail").
		if (outputs === undefined || outputs[0]?.json.error !== undefined) store.keep(runKey, memory);
	}
}

function sendingOnce<Prepared>(
	context: IExecuteFunctions,
	memory: NodeRunMemory,
	execute: ExecuteBatch<Prepared>,
	options: SendOnceOptions,
): ExecuteBatch<Prepared> {
	return async (batch) => {
		const fingerprints = batch.map(({ prepared }) => fingerprintOf(prepared));
		const outcomes: Array<ItemOutcome | undefined> = batch.map(({ itemIndex }, position) => {
			const remembered = memory.recall(itemIndex, fingerprints[position]);
			return remembered === undefined ? undefined : replay(context, remembered, itemIndex);
		});
		const fresh = batch.filter((_, position) => outcomes[position] === undefined);
		if (fresh.length === 0) return outcomes as ItemOutcome[];

		let freshOutcomes: ItemOutcome[];
		try {
			freshOutcomes = await execute(fresh);
		} catch (error) {
			freshOutcomes = fresh.map(() => ({ error }));
		}
		let next = 0;
		return batch.map(({ itemIndex }, position) => {
			const known = outcomes[position];
			if (known !== undefined) return known;
			const outcome = freshOutcomes[next++] ?? { error: new Error(`No result was given for item ${itemIndex}`) };
			const remembered = toRemember(outcome, options);
			if (remembered !== undefined) memory.remember(itemIndex, fingerprints[position], remembered);
			return outcome;
		});
	};
}

function toRemember(outcome: ItemOutcome, options: SendOnceOptions): RememberedOutcome | undefined {
	if ('output' in outcome) {
		const jsons = Array.isArray(outcome.output) ? outcome.output : [outcome.output];
		return { sent: jsons.map((json) => structuredClone(json)) };
	}
	if (options.resendWhenUncertain || !mayHaveBeenSent(outcome.error)) return undefined;
	const error = outcome.error as { message: string; description?: unknown; httpCode?: unknown };
	return {
		mayHaveBeenSent: {
			message: error.message,
			description: typeof error.description === 'string' ? error.description : undefined,
			httpCode: typeof error.httpCode === 'string' ? error.httpCode : undefined,
		},
	};
}

function replay(context: IExecuteFunctions, remembered: RememberedOutcome, itemIndex: number): ItemOutcome {
	if ('sent' in remembered) return { output: remembered.sent.map((json) => structuredClone(json)) };
	const { message, description, httpCode } = remembered.mayHaveBeenSent;
	const code = httpCode !== undefined && /^\d{3}$/.test(httpCode) ? Number(httpCode) : undefined;
	return {
		error: providerError(context.getNode(), {
			httpCode: code,
			itemIndex,
			mayHaveBeenSent: true,
			explanation: {
				message,
				description: joinSentences(description, 'n8n retried the node (Retry On Fail), and the node did not send this item again'),
			},
		}),
	};
}

/*
 * Running the items: the pool under both sends above, also used by the read operations (with
 * READ_CONCURRENCY and no "already sent" list), so that every operation orders, pairs and fails
 * its items the same way.
 */

export interface ItemRunOptions<Prepared> {
	/**
	 * Reads and checks one item's parameters, sending nothing. Every item is prepared before the
	 * first request leaves, so that bad input in item 900 stops the node before item 0 is sent.
	 */
	prepare: (itemIndex: number) => Prepared | Promise<Prepared>;
	/** Does the item's work (usually one request) and returns its output. */
	execute: (prepared: Prepared, itemIndex: number) => Promise<IDataObject | IDataObject[]>;
	/** Requests in flight at most; a RequestPace lowers it while the provider answers 429. */
	concurrency: number;
	pace?: RequestPace;
	/**
	 * Sends only: a short record of a sent item for the "already sent" list of the error that stops
	 * the node, e.g. its message ID. Reads leave it out, and their errors say nothing about sends.
	 */
	describeDone?: (output: IDataObject) => string | undefined;
}

type ItemError = NodeApiError | NodeOperationError;

/** One item of a batch, checked and ready to send. */
export interface PreparedItem<Prepared> {
	itemIndex: number;
	prepared: Prepared;
}

/** What a batch request says about one of its items: its output, or the error for that item alone. */
export type ItemOutcome = { output: IDataObject | IDataObject[] } | { error: unknown };

export interface BatchRunOptions<Prepared> extends Omit<ItemRunOptions<Prepared>, 'execute'> {
	/** Items per request at most; items are grouped in input order. */
	batchSize: number;
	/**
	 * Does one request for the batch and returns one outcome per item, in the batch's order. A
	 * thrown error is the outcome of every item of the batch (nothing of it was confirmed).
	 */
	executeBatch: (batch: Array<PreparedItem<Prepared>>) => Promise<ItemOutcome[]>;
}

/**
 * Runs every input item with at most `concurrency` in flight and returns the outputs in input
 * order, each with its pairedItem. With "continue on fail" an item's error becomes that item's
 * output; without it the node stops launching new items, lets those in flight finish, and fails
 * with an error that lists what was already done, so a re-run does not send it twice.
 */
export async function runItemsInOrder<Prepared>(
	context: IExecuteFunctions,
	options: ItemRunOptions<Prepared>,
): Promise<INodeExecutionData[]> {
	return await runItemsInBatches(context, {
		...options,
		batchSize: 1,
		executeBatch: async ([{ prepared, itemIndex }]) => [{ output: await options.execute(prepared, itemIndex) }],
	});
}

/**
 * runItemsInOrder for providers that take many messages in one request: items are grouped into
 * batches of `batchSize`, up to `concurrency` batches are in flight, and each item still gets its
 * own output or error, so one rejected message does not hide the others of its request.
 */
export async function runItemsInBatches<Prepared>(
	context: IExecuteFunctions,
	options: BatchRunOptions<Prepared>,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
	const outputs: INodeExecutionData[][] = new Array(itemCount);
	const ready: Array<PreparedItem<Prepared>> = [];

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			ready.push({ itemIndex, prepared: await options.prepare(itemIndex) });
		} catch (error) {
			const itemError = asItemError(context, error, itemIndex);
			if (!continueOnFail) throw itemError;
			outputs[itemIndex] = [errorOutput(itemError, itemIndex, toErrorOutput)];
		}
	}

	const done: Array<{ itemIndex: number; record?: string }> = [];
	let fatal: { error: ItemError; itemIndex: number } | undefined;

	const settle = (itemIndex: number, outcome: ItemOutcome) => {
		if ('output' in outcome) {
			const jsons = Array.isArray(outcome.output) ? outcome.output : [outcome.output];
			outputs[itemIndex] = jsons.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			done.push({ itemIndex, record: jsons.length > 0 ? options.describeDone?.(jsons[0]) : undefined });
			return;
		}
		const itemError = asItemError(context, outcome.error, itemIndex);
		if (continueOnFail) outputs[itemIndex] = [errorOutput(itemError, itemIndex, toErrorOutput)];
		// The first failing item in input order is the one the node names.
		else if (!fatal || itemIndex < fatal.itemIndex) fatal = { error: itemError, itemIndex };
	};

	const runBatch = async (batch: Array<PreparedItem<Prepared>>) => {
		let outcomes: ItemOutcome[];
		try {
			outcomes = await options.executeBatch(batch);
		} catch (error) {
			outcomes = batch.map(() => ({ error }));
		}
		batch.forEach(({ itemIndex }, position) => {
			settle(itemIndex, outcomes[position] ?? { error: new Error(`No result was given for item ${itemIndex}`) });
		});
	};

	const batchSize = Math.max(1, options.batchSize);
	const batches: Array<Array<PreparedItem<Prepared>>> = [];
	for (let start = 0; start < ready.length; start += batchSize) batches.push(ready.slice(start, start + batchSize));

	await runPool(batches, runBatch, () => Math.min(options.concurrency, options.pace?.concurrency ?? Infinity), () => fatal !== undefined);

	if (fatal) {
		const error = namingItem(fatal.error, fatal.itemIndex);
		throw options.describeDone ? withAlreadySent(error, done) : error;
	}
	return outputs.flat();
}

/**
 * Runs the tasks in their order with at most `limit()` running at once (asked again at every
 * start, so a RequestPace that slowed down is followed). Once `stopped()` says so no task starts;
 * those running are waited for. `run` must not throw: it records its own outcome.
 */
export async function runPool<Task>(
	tasks: Task[],
	run: (task: Task) => Promise<void>,
	limit: () => number,
	stopped: () => boolean,
): Promise<void> {
	let next = 0;
	let inFlight = 0;
	await new Promise<void>((resolve) => {
		const launch = () => {
			while (!stopped() && next < tasks.length && inFlight < Math.max(1, limit())) {
				const task = tasks[next++];
				inFlight++;
				void run(task).finally(() => {
					inFlight--;
					launch();
				});
			}
			if (inFlight === 0 && (stopped() || next >= tasks.length)) resolve();
		};
		launch();
	});
}

function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context = { ...error.context, itemIndex };
		return error;
	}
	// Our own code throws n8n errors; anything else is unexpected, so keep its message but no stack.
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), message, { itemIndex });
}

/**
 * A failed item under "continue on fail". For "Continue (using error output)" the item carries its
 * `error`: n8n moves an item to the error output only then (or when its json is nothing but
 * `error`), and shows that error's message as the item's json. Without the error output the json
 * keeps the description and HTTP code, which n8n would otherwise replace by the message alone.
 */
function errorOutput(error: ItemError, itemIndex: number, toErrorOutput: boolean): INodeExecutionData {
	if (toErrorOutput) return { json: { error: error.message }, error, pairedItem: { item: itemIndex } };
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

const LISTED_IN_DESCRIPTION = 20;

/** A provider's error does not say which item it was about; the node's error must. */
function namingItem(error: ItemError, itemIndex: number): ItemError {
	if (!new RegExp(`\\bitem ${itemIndex}\\b`).test(error.message)) {
		error.description = joinSentences(`Stopped at item ${itemIndex}`, error.description);
	}
	return error;
}

function withAlreadySent(error: ItemError, done: Array<{ itemIndex: number; record?: string }>): ItemError {
	if (done.length === 0) {
		error.description = joinSentences(error.description, 'No other message had been sent');
		return error;
	}
	const sorted = [...done].sort((a, b) => a.itemIndex - b.itemIndex);
	const entries = sorted.map(({ itemIndex, record }) => (record ? `item ${itemIndex} (${record})` : `item ${itemIndex}`));
	const shown = entries.slice(0, LISTED_IN_DESCRIPTION).join(', ');
	const more = entries.length > LISTED_IN_DESCRIPTION ? ` and ${entries.length - LISTED_IN_DESCRIPTION} more (all listed in the error details)` : '';
	error.description = joinSentences(error.description, `Already sent before the node stopped, do not send these again: ${shown}${more}`);
	error.context = { ...error.context, alreadySent: sorted.map(({ itemIndex, record }) => ({ itemIndex, record: record ?? null })) };
	return error;
}
