/**
 * One measured run: a workflow (Manual Trigger with pinned items → one node) through n8n-core's
 * WorkflowExecute via the test harness, against the sandbox process, with the sandbox's request
 * log and in-flight meter read afterwards.
 */
import { performance } from 'node:perf_hooks';

import type { IDataObject, INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../../test/harness';
import type { Fault, RequestLogEntry } from '../../sandbox/server';
import { BASELINE_NODE_NAME, BenchHttpLoop, type BaselineMode } from './baseline-node';
import { watchPeakRss } from './memory';
import type { RemoteSandbox } from './remote-sandbox';
import type { ServedRequest } from './sandbox-protocol';
import { digitsOf, type Workload } from './workloads';

const TRIGGER = "When clicking 'Execute workflow'";
const NODE = 'Send';

export interface RunMeasurement {
	messages: number;
	/** Every request to the provider's mount during the run (sandbox request log). */
	requests: number;
	wallMs: number;
	/** The node's own execution time as the engine recorded it. */
	nodeMs: number;
	maxInFlight: number;
	/** From the start of the run to the first request at the sandbox. */
	firstRequestMs: number;
	/** From the start of the run to the last answer the sandbox finished writing. */
	lastAnswerMs: number;
	rssGrowthMb: number;
	rssMethod: string;
	status: string;
	/** Output items that carry an error (continue on fail) or, for baselines, a non-2xx answer. */
	failedItems: number;
	log: RequestLogEntry[];
	/** Times in ms since the start of the run. */
	served: ServedRequest[];
	output: INodeExecutionData[];
	error?: string;
}

function workflowOf(nodeType: string, parameters: INodeParameters, credentialType: string, items: IDataObject[]): WorkflowJson {
	return {
		id: 'bench',
		name: 'Benchmark',
		nodes: [
			{ id: 'trigger', name: TRIGGER, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'node',
				name: NODE,
				type: nodeType,
				typeVersion: 1,
				position: [240, 0],
				parameters,
				credentials: { [credentialType]: { id: '1', name: 'Sandbox (benchmark)' } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: NODE, type: 'main', index: 0 }]] } },
		pinData: { [TRIGGER]: items.map((json) => ({ json })) },
		settings: { executionOrder: 'v1' },
	};
}

async function measure(
	sandbox: RemoteSandbox,
	workload: Workload,
	messages: number,
	workflow: WorkflowJson,
	nodeType: new () => INodeType,
	faults: Fault[] = [],
	prepare?: () => Promise<void>,
): Promise<RunMeasurement> {
	await sandbox.call('reset');
	for (const fault of faults) await sandbox.call('injectFault', fault);
	await prepare?.();
	await sandbox.call('resetMeter');
	const credentials = { [workload.credentialType]: workload.credentialData(sandbox.providerUrl(workload.provider)) };

	const rss = watchPeakRss();
	const started = performance.now();
	const result: WorkflowRunResult = await runWorkflow({ workflow, nodeTypes: [nodeType], credentials });
	const wallMs = performance.now() - started;
	const memory = rss.stop();

	const meter = await sandbox.call('readMeter');
	// The sandbox process stamps requests on the same epoch clock: make them relative to the run's start.
	const origin = performance.timeOrigin + started;
	const served = meter.served.map((entry) => ({ ...entry, start: entry.start - origin, end: entry.end === null ? null : entry.end - origin }));
	const log = await sandbox.call('requests', { provider: workload.provider });
	const task = result.runData[NODE]?.[0];
	const output = task?.data?.main?.[0] ?? [];
	return {
		messages,
		requests: log.length,
		wallMs,
		nodeMs: task?.executionTime ?? Number.NaN,
		maxInFlight: meter.maxInFlight,
		firstRequestMs: served.length > 0 ? served.reduce((first, entry) => Math.min(first, entry.start), Infinity) : Number.NaN,
		lastAnswerMs: served.length > 0 ? served.reduce((last, entry) => Math.max(last, entry.end ?? last), -Infinity) : Number.NaN,
		rssGrowthMb: memory.growthMb,
		rssMethod: memory.method,
		status: result.status,
		failedItems: output.filter((item) => item.json.error !== undefined || (typeof item.json.statusCode === 'number' && item.json.statusCode >= 300)).length,
		log,
		served,
		output,
		error: result.error?.message ?? task?.error?.message,
	};
}

/** Our node sending `messages` items; `options` go into the node's Options collection (e.g. concurrency). */
export async function runOurNode(
	sandbox: RemoteSandbox,
	workload: Workload,
	nodeType: new () => INodeType,
	messages: number,
	faults: Fault[] = [],
	options: IDataObject = {},
): Promise<RunMeasurement> {
	const items = Array.from({ length: messages }, (_, index) => workload.item(index));
	const parameters = { ...workload.parameters, options: { ...(workload.parameters.options as IDataObject), ...options } } as INodeParameters;
	const workflow = workflowOf(workload.nodeName, parameters, workload.credentialType, items);
	return await measure(sandbox, workload, messages, workflow, nodeType, faults);
}

/**
 * Our node with its own parameters and items, after `prepare` has put the provider's state in
 * place (e.g. a history to read); its requests are not measured.
 */
export async function runOurNodeWith(
	sandbox: RemoteSandbox,
	workload: Workload,
	nodeType: new () => INodeType,
	run: { parameters: INodeParameters; items: IDataObject[]; prepare?: () => Promise<void> },
): Promise<RunMeasurement> {
	const workflow = workflowOf(workload.nodeName, run.parameters, workload.credentialType, run.items);
	return await measure(sandbox, workload, run.items.length, workflow, nodeType, [], run.prepare);
}

/** The baseline node sending the same messages one request each: sequentially, all at once, or in a bare pool. */
export async function runBaseline(
	sandbox: RemoteSandbox,
	workload: Workload,
	mode: BaselineMode,
	messages: number,
	concurrency = 20,
): Promise<RunMeasurement> {
	const url = sandbox.providerUrl(workload.provider);
	const items = Array.from({ length: messages }, (_, index) => ({ request: workload.baselineRequest(index, url) as unknown as IDataObject }));
	const workflow = workflowOf(BASELINE_NODE_NAME, { mode, concurrency, credentialType: workload.credentialType }, workload.credentialType, items);
	return await measure(sandbox, workload, messages, workflow, BenchHttpLoop);
}

/** Correctness under speed: every item out, in input order, paired right, each message received once. */
export function checkRun(workload: Workload, run: RunMeasurement): string[] {
	const problems: string[] = [];
	if (run.status !== 'success') problems.push(`execution ${run.status}${run.error ? `: ${run.error}` : ''}`);
	if (run.output.length !== run.messages) problems.push(`${run.output.length} output items for ${run.messages} input items`);
	let misordered = 0;
	let misPaired = 0;
	run.output.forEach((item, index) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		const pairedIndex = typeof paired === 'number' ? paired : paired?.item;
		if (pairedIndex !== index) misPaired++;
		// Every Send names its recipient in `to`, as E.164 (lib/sent-message).
		if (digitsOf(item.json.to) !== workload.recipient(index).digits) misordered++;
	});
	if (misordered > 0) problems.push(`${misordered} output items not in input order (recipient differs)`);
	if (misPaired > 0) problems.push(`${misPaired} output items with a wrong pairedItem`);
	if (run.failedItems > 0) problems.push(`${run.failedItems} items failed`);

	const received = acceptedSends(workload, run.log).flatMap((entry) => workload.receivedRecipients(entry));
	const distinct = new Set(received);
	const expected = new Set(Array.from({ length: run.messages }, (_, index) => workload.recipient(index).digits));
	if (received.length !== expected.size) problems.push(`the sandbox accepted ${received.length} messages for ${expected.size} distinct items`);
	if (distinct.size !== received.length) problems.push(`${received.length - distinct.size} messages received twice`);
	const missing = [...expected].filter((digits) => !distinct.has(digits)).length;
	if (missing > 0) problems.push(`${missing} items never reached the sandbox`);
	return problems;
}

/** Send requests the provider accepted (2xx, not answered by an injected fault). */
export function acceptedSends(workload: Workload, log: RequestLogEntry[]): RequestLogEntry[] {
	return log.filter(
		(entry) =>
			entry.method === 'POST' &&
			entry.path.toLowerCase().endsWith(workload.sendPath.toLowerCase()) &&
			entry.fault === undefined &&
			entry.status !== null &&
			entry.status >= 200 &&
			entry.status < 300,
	);
}
