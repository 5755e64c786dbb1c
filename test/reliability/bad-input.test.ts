import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { providersWith } from '../harness/registered-providers';
import { BAD_ITEM_CASES, NODE_LEVEL_CASES, type BadItemCase, type NodeLevelCase, type ProviderName } from './bad-input-cases';
import { expectClearError } from './error-texts';
import { secretsIn } from './no-secrets';

/**
 * The catalogue of bad inputs (test/reliability/bad-input-cases.ts) against every action node, in
 * n8n's engine against the sandbox. A bad item must fail alone, with a message that names the field
 * and the item and a description that says what to fix, and nothing of it may reach the provider.
 */

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox({ port: 0, quiet: true });
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

/** What a user must never be shown instead of a reason. */
function expectReadable(text: unknown): void {
	expect(typeof text).toBe('string');
	const shown = text as string;
	expect(shown).not.toMatch(/undefined|\[object Object\]|\bNaN\b/);
	expect(shown).not.toMatch(/\n\s+at /);
	// The text is shown in n8n's editor: no control characters (they are invisible) and no broken ones.
	expect(shown).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
	expect(shown.isWellFormed()).toBe(true);
}

function expectFieldError(json: IDataObject, testCase: BadItemCase): void {
	expect(json.error).toEqual(expect.stringContaining(`The field "${testCase.field}" of item 1 `));
	expect(json.error).toEqual(expect.stringContaining(testCase.reason));
	expectReadable(json.error);
	// What to fix, then that this item was not sent.
	expect(json.description).toMatch(/^\S.{9,}\. Nothing was sent for this item\.$/s);
	expectReadable(json.description);
	expectClearError(json);
}

describe('the catalogue', () => {
	it('has at least 55 bad inputs, and covers every action node the package registers', () => {
		const total = BAD_ITEM_CASES.length + NODE_LEVEL_CASES.length;
		expect(total).toBeGreaterThanOrEqual(55);
		const covered = new Set<ProviderName>([...BAD_ITEM_CASES, ...NODE_LEVEL_CASES].map((testCase) => testCase.provider));
		const registered = providersWith('action');
		expect({
			'registered, without a case in test/reliability/bad-input-cases.ts': registered.filter((id) => !covered.has(id as ProviderName)),
			'with cases, without an action node in package.json': [...covered].filter((id) => !registered.includes(id)),
		}).toEqual({
			'registered, without a case in test/reliability/bad-input-cases.ts': [],
			'with cases, without an action node in package.json': [],
		});
		const names = [...BAD_ITEM_CASES, ...NODE_LEVEL_CASES].map((testCase) => testCase.name);
		expect(new Set(names).size).toBe(names.length);
	});

	it('runs at least 10 of the item cases without continue-on-fail as well', () => {
		expect(BAD_ITEM_CASES.filter((testCase) => testCase.alsoWithoutContinueOnFail).length).toBeGreaterThanOrEqual(10);
	});
});

describe('a bad item with continue-on-fail: its own error, nothing sent for it, the good item sent', () => {
	it.each(BAD_ITEM_CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		const { result, node, reached, good } = await testCase.run(sandbox, true);

		expect(result.error).toBeUndefined();
		const outputs: INodeExecutionData[] = result.outputOf(node);
		expect(outputs).toHaveLength(2);
		expect(outputs.map((output) => output.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(outputs[0].json.error).toBeUndefined();
		expectFieldError(outputs[1].json, testCase);
		expect(reached).toEqual(good);
		expect(secretsIn(outputs)).toEqual([]);
	});
});

describe('a bad item without continue-on-fail: the node stops before anything is sent', () => {
	const stopping = BAD_ITEM_CASES.filter((testCase) => testCase.alsoWithoutContinueOnFail);

	it.each(stopping.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		const { result, reached } = await testCase.run(sandbox, false);

		expect(result.status).toBe('error');
		const error = result.error as unknown as IDataObject;
		expectFieldError({ error: error.message, description: error.description }, testCase);
		expect((error.context as IDataObject | undefined)?.itemIndex).toBe(1);
		expect(reached).toEqual([]);
		expect(secretsIn(result.error)).toEqual([]);
	});
});

describe('a bad credential or node-wide option: one clear error naming the field, and no request at all', () => {
	function expectNodeError(error: { message?: unknown; description?: unknown } | undefined, testCase: NodeLevelCase): void {
		for (const part of testCase.mustSay) expect(error?.message).toEqual(expect.stringContaining(part));
		expectReadable(error?.message);
		// Says what to do about it.
		expect(error?.description).toMatch(/^\S.{20,}/);
		expectReadable(error?.description);
		expectClearError(error);
	}

	it.each(NODE_LEVEL_CASES.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		const { result } = await testCase.run(sandbox, false);

		expect(result.status).toBe('error');
		expectNodeError(result.error, testCase);
		expect(sandbox.requests({})).toEqual([]);
		expect(secretsIn(result.error)).toEqual([]);
	});

	it.each(NODE_LEVEL_CASES.map((testCase) => [testCase.name, testCase] as const))('%s, with continue-on-fail: as many outputs as inputs', async (_name, testCase) => {
		const { result, node } = await testCase.run(sandbox, true);

		expect(result.outputOf(node)).toHaveLength(2);
		const failure = result.runData[node][0].error ?? { message: result.outputOf(node)[0].json.error, description: result.outputOf(node)[0].json.description };
		expectNodeError(failure, testCase);
		expect(sandbox.requests({})).toEqual([]);
		expect(secretsIn(result.runData)).toEqual([]);
	});
});
