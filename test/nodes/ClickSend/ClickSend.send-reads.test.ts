import { Expression, type IExecuteFunctions, type INodeType } from 'n8n-workflow';

import { ClickSend } from '../../../nodes/ClickSend/ClickSend.node';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { runClickSend, sendRequests } from './clicksend-fixtures';

/**
 * A send reads each parameter once per item at most, and leaves to n8n's expression evaluation
 * (a fresh context per expression, the costliest part of a large send) only the expressions that
 * need it: the whole run must stay close to what a Code node packing the messages costs (#17).
 */

let sandbox: Sandbox;
let reads: string[] = [];

/** ClickSend as n8n runs it, with each getNodeParameter call recorded as "name@item". */
function countingClickSend(): INodeType {
	const node = new ClickSend();
	const execute = node.execute!;
	node.execute = async function (this: IExecuteFunctions) {
		const read = this.getNodeParameter.bind(this) as (...args: unknown[]) => unknown;
		(this as { getNodeParameter: unknown }).getNodeParameter = (name: string, itemIndex: number, ...rest: unknown[]) => {
			reads.push(`${name}@${itemIndex}`);
			return read(name, itemIndex, ...rest);
		};
		return await execute.call(this);
	};
	return node;
}

/** Expressions n8n evaluated that read an item (`$json`), as opposed to the credential's. */
function countItemExpressions(): { count: () => number; restore: () => void } {
	const spy = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue');
	return {
		count: () => spy.mock.calls.filter(([value]) => typeof value === 'string' && value.startsWith('=') && value.includes('$json')).length,
		restore: () => spy.mockRestore(),
	};
}

const ITEMS = Array.from({ length: 5 }, (_, i) => ({ to: `+6141111${String(2000 + i)}`, body: `Order ${i} is ready`, i, ref: `item-${i}` }));

async function send(customString: string) {
	return await runClickSend(sandbox, {
		operation: 'send',
		parameters: {
			to: '={{ $json.to }}',
			messageSource: 'text',
			message: '={{ $json.body }}',
			additionalFields: { customString },
			options: { batchMessages: true },
		},
		items: ITEMS,
		nodeType: countingClickSend(),
	});
}

function readTwice(): string[] {
	return reads.filter((read, index) => reads.indexOf(read) !== index);
}

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => {
	sandbox.reset();
	reads = [];
});

describe('ClickSend › SMS › Send reads each parameter once per item', () => {
	it('with {{ $json.field }} mappings, also inside Additional Fields, n8n evaluates none of them', async () => {
		const expressions = countItemExpressions();
		try {
			const result = await send('={{ $json.ref }}');
			expect(result.error).toBeUndefined();
			expect(readTwice()).toEqual([]);
			expect(expressions.count()).toBe(0);
		} finally {
			expressions.restore();
		}
		const sent = (sendRequests(sandbox)[0].body as { messages: Array<{ custom_string: string }> }).messages;
		expect(sent.map((message) => message.custom_string)).toEqual(ITEMS.map((item) => item.ref));
	});

	it('with one computed field, n8n evaluates that field once per item and nothing else', async () => {
		const expressions = countItemExpressions();
		try {
			const result = await send("={{ 'item-' + $json.i }}");
			expect(result.error).toBeUndefined();
			expect(readTwice()).toEqual([]);
			expect(expressions.count()).toBe(ITEMS.length);
		} finally {
			expressions.restore();
		}
		const sent = (sendRequests(sandbox)[0].body as { messages: Array<{ custom_string: string }> }).messages;
		expect(sent.map((message) => message.custom_string)).toEqual(ITEMS.map((item) => item.ref));
	});
});
