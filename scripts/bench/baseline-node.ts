/**
 * A node type that exists only in the benchmark: it makes one request per input item through the
 * same n8n helper our nodes use (`helpers.httpRequestWithAuthentication`, credentials applied by
 * the engine), either one after another or all at once. It is what a node without our pool does,
 * so the difference to our nodes is the pool (and the batching), not the HTTP stack.
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

export const BASELINE_NODE_NAME = 'benchHttpLoop';

/** One after another; all at once; or at most `concurrency` at once with nothing else (a bare pool). */
export type BaselineMode = 'sequential' | 'unbounded' | 'pool';

/** What each input item asks the baseline node to send. */
export interface BaselineRequest {
	method: IHttpRequestMethods;
	url: string;
	body: IDataObject;
}

const CREDENTIAL_TYPES = ['clearLineApi', 'smscprApi', 'amigoApi', 'skycoreApi', 'clickSendApi'];

export class BenchHttpLoop implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Benchmark HTTP Loop',
		name: BASELINE_NODE_NAME,
		group: ['output'],
		version: 1,
		description: 'One request per item, sequential or all at once (benchmark baseline)',
		defaults: { name: 'Baseline' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: CREDENTIAL_TYPES.map((name) => ({ name, required: false })),
		properties: [
			{
				displayName: 'Mode',
				name: 'mode',
				type: 'options',
				options: [
					{ name: 'Sequential', value: 'sequential' },
					{ name: 'Unbounded', value: 'unbounded' },
					{ name: 'Pool', value: 'pool' },
				],
				default: 'sequential',
			},
			{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 20 },
			{ displayName: 'Credential Type', name: 'credentialType', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const mode = this.getNodeParameter('mode', 0) as BaselineMode;
		const credentialType = this.getNodeParameter('credentialType', 0) as string;

		const send = async (itemIndex: number): Promise<INodeExecutionData> => {
			const request = items[itemIndex].json.request as unknown as BaselineRequest;
			let json: IDataObject;
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
					method: request.method,
					url: request.url,
					body: request.body,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				})) as { statusCode: number };
				json = { statusCode: response.statusCode };
			} catch (error) {
				json = { error: error instanceof Error ? error.message : String(error) };
			}
			return { json, pairedItem: { item: itemIndex } };
		};

		if (mode === 'unbounded') return [await Promise.all(items.map(async (_item, itemIndex) => await send(itemIndex)))];
		if (mode === 'pool') {
			const output: INodeExecutionData[] = new Array(items.length);
			let next = 0;
			const worker = async () => {
				for (let itemIndex = next++; itemIndex < items.length; itemIndex = next++) output[itemIndex] = await send(itemIndex);
			};
			const concurrency = this.getNodeParameter('concurrency', 0) as number;
			await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
			return [output];
		}
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) output.push(await send(itemIndex));
		return [output];
	}
}
