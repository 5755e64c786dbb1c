/**
 * The same 1,000 ClearLine messages sent in a real n8n 2.8.4 (the CLI, `n8n execute`), not the
 * test harness: once through n8n's built-in HTTP Request node, one POST per item with its default
 * options (what users have today), once through our ClearLine node with its default Concurrency.
 * Both workflows get identical items from a Code node, so the only difference is the sending node.
 *
 * Run directly (`npx tsx scripts/bench/real-n8n.ts`) it starts its own sandbox at 50 ms latency
 * and prints the comparison as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox/keys';
import { CLEARLINE, type ImportableCredential, type ImportableWorkflow } from '../n8n-fixtures';
import { executeWorkflow, firstNodeRun, importJsonIntoN8n, runN8nCliOrThrow, writeJsonFile, type CliOptions } from '../n8n/cli';
import { ensureN8n } from '../n8n/install';
import { installPackedPackage } from '../n8n/package';
import { findFreePorts } from '../n8n/ports';
import { stopAllN8nProcesses } from '../n8n/processes';
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox';
import { workloadOf, type Workload } from './workloads';

export interface RealN8nRun {
	/** The sending node's executionTime as n8n recorded it in the run data. */
	wallMs: number;
	/** The node's startTime in the run data (ms since the epoch): lines the run up with the sandbox's clock. */
	startTime: number;
	/** Requests the sandbox logged for ClearLine during the run. */
	requests: number;
	/** Most ClearLine requests open at the sandbox at one time. */
	maxInFlight: number;
	/** TCP connections that carried them to the sandbox. */
	connections: number;
	/** Items that did not come out of the node as a success (an error item, or no item at all). */
	failedItems: number;
}

export type RealN8nComparison =
	| { n8nVersion: string; messages: number; httpRequestNode: RealN8nRun; ourNode: RealN8nRun }
	| { skipped: string };

/**
 * Each `n8n execute` is a fresh process (about 8 s each here with 1,000 items, of which the node
 * takes 3–5 s): two runs per workflow keep the whole measurement near a minute, so both are run
 * and the faster is reported, because noise on a shared machine only ever slows a run down.
 */
export const RUNS_PER_WORKFLOW = 2;
export const EXECUTE_TIMEOUT_MS = 180_000;

const TRIGGER_NODE = 'When clicking ‘Execute workflow’';
const ITEMS_NODE = 'Items';
const SEND_NODE = 'Send';

const HTTP_WORKFLOW_ID = 'benchHttpRequest';
const OURS_WORKFLOW_ID = 'benchClearLine01';

export const HEADER_CREDENTIAL = { id: 'bench-clearline-header', name: 'ClearLine ApiKey header (sandbox)' };

export interface Setup {
	userFolder: string;
	cli: CliOptions;
	/** Checked before each n8n command: an interrupt between two commands must not start the next. */
	signal?: AbortSignal;
}

export async function measureInRealN8n(
	sandbox: RemoteSandbox,
	options: { messages: number; signal?: AbortSignal },
): Promise<RealN8nComparison> {
	let n8nVersion: string;
	try {
		n8nVersion = (await ensureN8n()).version;
	} catch (error) {
		return { skipped: `n8n is not installed and could not be installed: ${describeError(error)}` };
	}
	const workload = workloadOf('clearline');
	const [brokerPort] = await findFreePorts(1);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-bench-'));
	// Longer than the CLI default: `n8n execute` prints the whole run data, both nodes' 1,000 items.
	// n8n's own log level: `npm run bench` silences the harness's engine (test/harness/env), and
	// `n8n execute` prints its result through that same logger.
	const cli: CliOptions = { userFolder, brokerPort, timeoutMs: EXECUTE_TIMEOUT_MS, env: { N8N_LOG_LEVEL: 'info' } };
	const setup: Setup = { userFolder, cli, signal: options.signal };
	try {
		await prepareN8n(setup, sandbox, workload, options.messages);
		const httpRuns: RealN8nRun[] = [];
		const ourRuns: RealN8nRun[] = [];
		// Alternated, so that a slow phase of the machine does not fall on one workflow only.
		for (let round = 0; round < RUNS_PER_WORKFLOW; round++) {
			httpRuns.push(await measureRun(setup, sandbox, HTTP_WORKFLOW_ID, options.messages));
			ourRuns.push(await measureRun(setup, sandbox, OURS_WORKFLOW_ID, options.messages));
		}
		return { n8nVersion, messages: options.messages, httpRequestNode: fastest(httpRuns), ourNode: fastest(ourRuns) };
	} finally {
		// Only a CLI run that failed or timed out can still be alive here.
		await stopAllN8nProcesses(5_000);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

export function fastest<Run extends { wallMs: number }>(runs: Run[]): Run {
	return runs.reduce((best, run) => (run.wallMs < best.wallMs ? run : best));
}

async function prepareN8n(setup: Setup, sandbox: RemoteSandbox, workload: Workload, messages: number): Promise<void> {
	await installPackedPackage(setup.userFolder, { quiet: true });
	const providerUrl = sandbox.providerUrl(workload.provider);
	setup.signal?.throwIfAborted();
	await importJsonIntoN8n('import:credentials', 'credentials.json', benchCredentials(workload, providerUrl), setup.cli);

	const items = inputItems(workload, providerUrl, messages);
	const workflowsDir = path.join(setup.userFolder, 'workflows');
	fs.mkdirSync(workflowsDir);
	writeJsonFile(path.join(workflowsDir, 'http.json'), benchWorkflow(HTTP_WORKFLOW_ID, 'bench: HTTP Request node', items, httpRequestNode()));
	writeJsonFile(path.join(workflowsDir, 'ours.json'), benchWorkflow(OURS_WORKFLOW_ID, 'bench: ClearLine node', items, clearLineNode(workload)));
	// One CLI start for both: each n8n CLI command costs several seconds.
	setup.signal?.throwIfAborted();
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], setup.cli);
}

/** Our node's credential, and the header credential a user would give the HTTP Request node for the same key. */
export function benchCredentials(workload: Workload, providerUrl: string): ImportableCredential[] {
	return [
		{ ...CLEARLINE.credential, type: workload.credentialType, data: workload.credentialData(providerUrl) },
		{ ...HEADER_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'ApiKey', value: SANDBOX_KEYS.clearline.apiKey } },
	];
}

/** Each item carries the fields our node maps and, under `request`, the same message as one bare request. */
export function inputItems(workload: Workload, providerUrl: string, messages: number): IDataObject[] {
	return Array.from({ length: messages }, (_, index) => ({
		...workload.item(index),
		request: workload.baselineRequest(index, providerUrl) as unknown as IDataObject,
	}));
}

/**
 * Manual Trigger → Code (the items) → the sending node. The items come from a Code node, not
 * pinData: n8n 2.8.4's WorkflowRunner passes pinned data on only in 'manual' and 'evaluation'
 * mode, and `n8n execute` runs in 'cli' mode.
 */
export function benchWorkflow(id: string, name: string, items: IDataObject[], sendNode: Record<string, unknown>): ImportableWorkflow {
	const jsCode = `return ${JSON.stringify(items.map((json) => ({ json })))};`;
	return {
		id,
		name,
		active: false,
		nodes: [
			{ id: `${id}-trigger`, name: TRIGGER_NODE, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-items`, name: ITEMS_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode } },
			{
				id: `${id}-send`,
				name: SEND_NODE,
				position: [440, 0],
				// A failing item then becomes an error item instead of stopping the node: failures can be counted.
				onError: 'continueRegularOutput',
				...sendNode,
			},
		],
		connections: {
			[TRIGGER_NODE]: { main: [[{ node: ITEMS_NODE, type: 'main', index: 0 }]] },
			[ITEMS_NODE]: { main: [[{ node: SEND_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Options left at their defaults: no batching, so every item's request starts as soon as the node gets to it. */
export function httpRequestNode(): Record<string, unknown> {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: '={{ $json.request.url }}',
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: '={{ $json.request.body }}',
			options: {},
		},
		credentials: { httpHeaderAuth: { ...HEADER_CREDENTIAL } },
	};
}

export function clearLineNode(
	workload: Workload,
	credential: { id: string; name: string } = CLEARLINE.credential,
	options: IDataObject = {},
): Record<string, unknown> {
	return {
		type: CLEARLINE.nodeType,
		typeVersion: 1,
		parameters: { ...workload.parameters, options: { ...(workload.parameters.options as IDataObject), ...options } },
		credentials: { [workload.credentialType]: { ...credential } },
	};
}

export async function measureRun(setup: Setup, sandbox: RemoteSandbox, workflowId: string, messages: number): Promise<RealN8nRun> {
	await sandbox.call('reset');
	await sandbox.call('resetMeter');
	setup.signal?.throwIfAborted();
	const result = await executeWorkflow(workflowId, setup.cli);
	const meter = await sandbox.call('readMeter');
	const log = await sandbox.call('requests', { provider: 'clearline' });

	const run = firstNodeRun(result.output, SEND_NODE);
	if (!run || typeof run.executionTime !== 'number') {
		const output = `${result.raw.stdout}${result.raw.stderr}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`n8n execute --id=${workflowId} exited ${result.exitCode} without a run of "${SEND_NODE}":\n${output}`);
	}
	const items = run.data?.main?.[0] ?? [];
	const succeeded = items.filter((item) => item.json !== undefined && item.json.error === undefined).length;
	return {
		wallMs: run.executionTime,
		startTime: run.startTime ?? Number.NaN,
		requests: log.length,
		maxInFlight: meter.maxInFlight,
		connections: meter.connections,
		failedItems: messages - succeeded,
	};
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Run directly

const LATENCY_MS = 50;
const MESSAGES = 1000;

async function main(): Promise<void> {
	const sandbox = await startRemoteSandbox(LATENCY_MS);
	const interrupt = new AbortController();
	const onSignal = () => {
		interrupt.abort();
		// n8n runs in a process group of its own, which Ctrl-C does not reach. Once it is stopped the
		// measurement fails and cleans up after itself; exiting here instead would close the sandbox
		// while a call to it is still on the way.
		void stopAllN8nProcesses(5_000);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		const comparison = await measureInRealN8n(sandbox, { messages: MESSAGES, signal: interrupt.signal });
		console.log(JSON.stringify({ latencyMs: LATENCY_MS, ...comparison }, null, '\t'));
	} catch (error) {
		if (!interrupt.signal.aborted) throw error;
		console.error('Interrupted: n8n stopped, its user folder removed.');
		process.exitCode = 130;
	} finally {
		await sandbox.close();
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(describeError(error));
		process.exitCode = 1;
	});
}
