import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { RequestPace } from './pace';

/** One place for the Concurrency option's bounds. */
export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 100;

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
	/** A short record of a finished item for the "already sent" list, e.g. its message id. */
	describeDone?: (output: IDataObject) => string | undefined;
}

type ItemError = NodeApiError | NodeOperationError;

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
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const outputs: INodeExecutionData[][] = new Array(itemCount);
	const ready: Array<{ itemIndex: number; prepared: Prepared }> = [];

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			ready.push({ itemIndex, prepared: await options.prepare(itemIndex) });
		} catch (error) {
			const itemError = asItemError(context, error, itemIndex);
			if (!continueOnFail) throw itemError;
			outputs[itemIndex] = [errorOutput(itemError, itemIndex)];
		}
	}

	const done: Array<{ itemIndex: number; record?: string }> = [];
	let fatal: ItemError | undefined;

	const runOne = async ({ itemIndex, prepared }: { itemIndex: number; prepared: Prepared }) => {
		try {
			const result = await options.execute(prepared, itemIndex);
			const jsons = Array.isArray(result) ? result : [result];
			outputs[itemIndex] = jsons.map((json) => ({ json, pairedItem: { item: itemIndex } }));
			done.push({ itemIndex, record: jsons.length > 0 ? options.describeDone?.(jsons[0]) : undefined });
		} catch (error) {
			const itemError = asItemError(context, error, itemIndex);
			if (continueOnFail) outputs[itemIndex] = [errorOutput(itemError, itemIndex)];
			else fatal ??= itemError;
		}
	};

	await runPool(ready, runOne, () => Math.min(options.concurrency, options.pace?.concurrency ?? Infinity), () => fatal !== undefined);

	if (fatal) throw withAlreadyDone(fatal, done);
	return outputs.flat();
}

async function runPool<Task>(
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

function errorOutput(error: ItemError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

const LISTED_IN_DESCRIPTION = 20;

function withAlreadyDone(error: ItemError, done: Array<{ itemIndex: number; record?: string }>): ItemError {
	if (done.length === 0) {
		error.description = `${error.description ?? ''} No other item had been sent.`.trim();
		return error;
	}
	const sorted = [...done].sort((a, b) => a.itemIndex - b.itemIndex);
	const entries = sorted.map(({ itemIndex, record }) => (record ? `item ${itemIndex} (${record})` : `item ${itemIndex}`));
	const shown = entries.slice(0, LISTED_IN_DESCRIPTION).join(', ');
	const more = entries.length > LISTED_IN_DESCRIPTION ? ` and ${entries.length - LISTED_IN_DESCRIPTION} more (all listed in the error details)` : '';
	error.description = `${error.description ?? ''} Already sent before the node stopped, do not send these again: ${shown}${more}.`.trim();
	error.context = { ...error.context, alreadySent: sorted.map(({ itemIndex, record }) => ({ itemIndex, record: record ?? null })) };
	return error;
}
