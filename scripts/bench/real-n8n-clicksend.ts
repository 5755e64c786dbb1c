/**
 * ClickSend in a real n8n 2.8.4 (issue #17): 1,000 and 10,000 messages through our node, with
 * plain `{{ $json.field }}` mappings and with one computed expression per item, against what a
 * user can build without it: a Code node that packs the same messages into batches of 1,000 and
 * one HTTP Request node that posts each batch to the sandbox's ClickSend endpoint.
 *
 * A fourth workflow measures n8n's own cost of the computed expression: n8n's Edit Fields node
 * evaluating the same expression for every item and sending nothing. The computed target leaves
 * (1.5 × packed − ours mapped) for evaluating the expression; when n8n alone needs more than that,
 * no node that takes the expression as a parameter can meet it.
 *
 * Every workflow gets identical items from a Code node; the times are the nodes' own
 * executionTime from the run data (the comparator's: its Code node's plus its HTTP Request
 * node's). "Before the first request" is the sandbox's receipt of the first /sms/send minus the
 * node's startTime (the comparator's: its Code node's), both on this machine's clock.
 *
 * Run directly (`npx tsx scripts/bench/real-n8n-clicksend.ts`) it starts its own sandbox at 50 ms
 * latency and prints the comparison as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { SANDBOX_KEYS } from '../../sandbox/keys';
import { mainChain, providerFixture, workflowShell, type ImportableCredential, type ImportableWorkflow } from '../n8n-fixtures';
import { importJsonIntoN8n, runN8nCli, runN8nCliOrThrow, writeJsonFile, type CliOptions, type NodeRun } from '../n8n/cli';
import { parseStoredExecutionData, queryN8nDatabase } from '../n8n/database';
import { ensureN8n } from '../n8n/install';
import { installPackedPackage } from '../n8n/package';
import { findFreePorts } from '../n8n/ports';
import { stopAllN8nProcesses } from '../n8n/processes';
import type { RemoteSandbox } from './remote-sandbox';
import type { Target } from './results';
import { auRecipient, messageText } from './data';
import { workloadOf } from './workloads';

const CLICKSEND = providerFixture('clicksend');
const MESSAGES_PER_REQUEST = 1000;
/** Alternated runs per workflow; the faster counts, since noise on a shared machine only slows a run down. */
const RUNS_PER_WORKFLOW = 2;
const EXECUTE_TIMEOUT_MS = 300_000;

/** The targets of issue #17: our node's time ÷ the packed path's, per way of mapping. */
export const CLICKSEND_RATIO_LIMITS = { plain: 1.2, computed: 1.5 } as const;

const TRIGGER_NODE = 'When clicking ‘Execute workflow’';
const ITEMS_NODE = 'Items';
const SEND_NODE = 'Send';
const PACK_NODE = 'Pack';
const POST_NODE = 'Post';
const EVALUATE_NODE = 'Evaluate';
const COMPUTED_EXPRESSION = "={{ 'item-' + $json.i }}";

const BASIC_CREDENTIAL = { id: 'bench-clicksend-basic', name: 'ClickSend Basic Auth (sandbox)' };

type Variant = 'plain' | 'computed' | 'packed' | 'expressionOnly';
const VARIANTS: Variant[] = ['plain', 'computed', 'packed', 'expressionOnly'];

export interface ClickSendRun {
	/** The sending node's executionTime; for the packed path, Pack's plus Post's. */
	nodeMs: number;
	/** From the (first) node's startTime to the sandbox's receipt of the first send request. */
	beforeFirstRequestMs: number;
	requests: number;
	/** Messages not confirmed: error items of our node, or messages the sandbox did not accept. */
	failedMessages: number;
}

export interface ClickSendSize {
	messages: number;
	plain: ClickSendRun;
	computed: ClickSendRun;
	packed: ClickSendRun;
	/** n8n's Edit Fields node evaluating the computed expression for every item, nothing sent. */
	expressionOnly: ClickSendRun;
	/** ours ÷ packed. */
	plainRatio: number;
	computedRatio: number;
}

export type ClickSendRealN8n = { n8nVersion: string; sizes: ClickSendSize[] } | { skipped: string };

interface Setup {
	cli: CliOptions;
	signal?: AbortSignal;
}

export async function measureClickSendInRealN8n(
	sandbox: RemoteSandbox,
	options: { sizes: number[]; signal?: AbortSignal },
): Promise<ClickSendRealN8n> {
	let n8nVersion: string;
	try {
		n8nVersion = (await ensureN8n()).version;
	} catch (error) {
		return { skipped: `n8n is not installed and could not be installed: ${describeError(error)}` };
	}
	const [brokerPort] = await findFreePorts(1);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-bench-clicksend-'));
	// n8n's own log level: `n8n execute` prints its result through that logger. BENCH_N8N_CPU_PROFILE_DIR
	// writes a CPU profile of every n8n process there, to see where a run's time goes.
	const profileDir = process.env.BENCH_N8N_CPU_PROFILE_DIR;
	const profiling = profileDir
		? { NODE_OPTIONS: `--require ${path.join(__dirname, 'cpu-profile-preload.cjs')}`, BENCH_N8N_CPU_PROFILE_DIR: path.resolve(profileDir) }
		: {};
	const env = { N8N_LOG_LEVEL: 'info', ...profiling };
	const setup: Setup = { cli: { userFolder, brokerPort, timeoutMs: EXECUTE_TIMEOUT_MS, env }, signal: options.signal };
	try {
		await prepareN8n(setup, sandbox, options.sizes);
		const sizes: ClickSendSize[] = [];
		for (const messages of options.sizes) {
			const runs: Record<Variant, ClickSendRun[]> = { plain: [], computed: [], packed: [], expressionOnly: [] };
			// Alternated, so that a slow phase of the machine does not fall on one workflow only.
			for (let round = 0; round < RUNS_PER_WORKFLOW; round++) {
				for (const variant of VARIANTS) runs[variant].push(await measureRun(setup, sandbox, variant, messages));
			}
			const [plain, computed, packed, expressionOnly] = VARIANTS.map((variant) => fastest(runs[variant]));
			sizes.push({ messages, plain, computed, packed, expressionOnly, plainRatio: plain.nodeMs / packed.nodeMs, computedRatio: computed.nodeMs / packed.nodeMs });
		}
		return { n8nVersion, sizes };
	} finally {
		// Only a CLI run that failed or timed out can still be alive here.
		await stopAllN8nProcesses(5_000);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

function fastest(runs: ClickSendRun[]): ClickSendRun {
	return runs.reduce((best, run) => (run.nodeMs < best.nodeMs ? run : best));
}

/** n8n's workflow IDs are 16 characters: `bCs`, a letter for the variant, the size. */
const VARIANT_LETTER: Record<Variant, string> = { plain: 'M', computed: 'C', packed: 'P', expressionOnly: 'E' };
const workflowId = (variant: Variant, messages: number) => `bCs${VARIANT_LETTER[variant]}${String(messages).padStart(12, '0')}`;

async function prepareN8n(setup: Setup, sandbox: RemoteSandbox, sizes: number[]): Promise<void> {
	await installPackedPackage(setup.cli.userFolder, { quiet: true });
	const providerUrl = sandbox.providerUrl('clicksend');
	setup.signal?.throwIfAborted();
	await importJsonIntoN8n('import:credentials', 'credentials.json', benchCredentials(providerUrl), setup.cli);
	const workflowsDir = path.join(setup.cli.userFolder, 'workflows');
	fs.mkdirSync(workflowsDir);
	for (const messages of sizes) {
		for (const variant of VARIANTS) {
			writeJsonFile(path.join(workflowsDir, `${variant}-${messages}.json`), benchWorkflow(variant, messages, providerUrl));
		}
	}
	// One CLI start for all: each n8n CLI command costs several seconds.
	setup.signal?.throwIfAborted();
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], setup.cli);
}

/** Our node's credential, and the Basic Auth credential a user would give the HTTP Request node for the same account. */
function benchCredentials(providerUrl: string): ImportableCredential[] {
	return [
		{ ...CLICKSEND.credential, type: CLICKSEND.credentialType, data: CLICKSEND.credentialData(providerUrl) },
		{ ...BASIC_CREDENTIAL, type: 'httpBasicAuth', data: { user: SANDBOX_KEYS.clicksend.username, password: SANDBOX_KEYS.clicksend.apiKey } },
	];
}

/**
 * Recipients written the ways people write them, the message text, and a per-message reference
 * twice: ready in `ref`, and as the number `i` that the computed expression turns into the same text.
 */
function inputItems(messages: number): IDataObject[] {
	return Array.from({ length: messages }, (_, i) => ({ to: auRecipient(i).written, body: messageText(i), i, ref: `item-${i}` }));
}

/** Our node: To and Message mapped from the item; Custom String mapped as it is, or computed. */
function clickSendNode(variant: 'plain' | 'computed'): Record<string, unknown> {
	return {
		type: CLICKSEND.nodeType,
		typeVersion: 1,
		parameters: {
			...workloadOf('clicksend').parameters,
			additionalFields: { customString: variant === 'plain' ? '={{ $json.ref }}' : COMPUTED_EXPRESSION },
		},
		credentials: { [CLICKSEND.credentialType]: { ...CLICKSEND.credential } },
	};
}

/**
 * What a user writes instead: the same messages (numbers reduced to international digits with a
 * +), 1,000 to an item, for one HTTP Request per batch.
 */
const PACK_CODE = `const messages = $input.all().map(({ json }) => ({
	to: '+' + String(json.to).replace(/\\D/g, '').replace(/^00/, ''),
	body: json.body,
	source: 'n8n',
	custom_string: json.ref,
}));
const batches = [];
for (let start = 0; start < messages.length; start += ${MESSAGES_PER_REQUEST}) {
	batches.push({ json: { messages: messages.slice(start, start + ${MESSAGES_PER_REQUEST}) } });
}
return batches;`;

/** n8n's own evaluation of the computed expression: one field per item, the item's other fields left out. */
const EVALUATE_ONLY_NODE = {
	type: 'n8n-nodes-base.set',
	typeVersion: 3.4,
	parameters: {
		mode: 'manual',
		assignments: { assignments: [{ id: 'custom-string', name: 'customString', value: COMPUTED_EXPRESSION, type: 'string' }] },
		includeOtherFields: false,
		options: {},
	},
};

function postNode(providerUrl: string): Record<string, unknown> {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${providerUrl}/sms/send`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpBasicAuth',
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: '={{ $json }}',
			options: {},
		},
		credentials: { httpBasicAuth: { ...BASIC_CREDENTIAL } },
	};
}

/**
 * Manual Trigger → Items (Code) → our node, or → Pack (Code) → Post (HTTP Request). The items come
 * from a Code node, not pinData: `n8n execute` runs in 'cli' mode, which does not pass pinned data on.
 */
function benchWorkflow(variant: Variant, messages: number, providerUrl: string): ImportableWorkflow {
	const id = workflowId(variant, messages);
	const itemsCode = `return ${JSON.stringify(inputItems(messages).map((json) => ({ json })))};`;
	const chain: Array<{ name: string } & Record<string, unknown>> = [
		{ name: TRIGGER_NODE, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{ name: ITEMS_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: itemsCode } },
		...lastNodes(variant, providerUrl),
	];
	const nodes = chain.map((node, index) => ({ id: `${id}-${index}`, position: [index * 220, 0], ...node }));
	return workflowShell({ id, name: `bench: ClickSend ${messages} ${variant}` }, nodes, mainChain(...nodes.map((node) => node.name)));
}

function lastNodes(variant: Variant, providerUrl: string): Array<{ name: string } & Record<string, unknown>> {
	if (variant === 'packed') {
		return [
			{ name: PACK_NODE, type: 'n8n-nodes-base.code', typeVersion: 2, parameters: { jsCode: PACK_CODE } },
			{ name: POST_NODE, ...postNode(providerUrl) },
		];
	}
	if (variant === 'expressionOnly') return [{ name: EVALUATE_NODE, ...EVALUATE_ONLY_NODE }];
	// A failing item then becomes an error item instead of stopping the node: failures can be counted.
	return [{ name: SEND_NODE, onError: 'continueRegularOutput', ...clickSendNode(variant) }];
}

async function measureRun(setup: Setup, sandbox: RemoteSandbox, variant: Variant, messages: number): Promise<ClickSendRun> {
	await sandbox.call('reset');
	await sandbox.call('resetMeter');
	setup.signal?.throwIfAborted();
	const id = workflowId(variant, messages);
	const result = await runN8nCli(['execute', `--id=${id}`], setup.cli);
	const runData = await lastRunData(setup.cli.userFolder, id);
	const meter = await sandbox.call('readMeter');
	const sends = meter.served.filter((request) => request.path.endsWith('/sms/send'));
	const firstSend = sends.length === 0 ? Number.NaN : Math.min(...sends.map((request) => request.start));

	const runOf = (name: string): NodeRun => {
		const run = runData?.[name]?.[0];
		if (run && typeof run.executionTime === 'number' && typeof run.startTime === 'number') return run;
		const output = `${result.stdout}${result.stderr}`.trim().split('\n').slice(-15).join('\n');
		throw new Error(`n8n execute --id=${id} exited ${result.exitCode ?? result.signal} without a run of "${name}":\n${output}`);
	};
	const items = (run: NodeRun) => (run.data?.main?.[0] ?? []).map((item) => item.json ?? {});

	if (variant === 'packed') {
		const pack = runOf(PACK_NODE);
		const post = runOf(POST_NODE);
		const accepted = items(post).flatMap((answer) => ((answer.data as IDataObject | undefined)?.messages as IDataObject[] | undefined) ?? []);
		return {
			nodeMs: pack.executionTime! + post.executionTime!,
			beforeFirstRequestMs: firstSend - pack.startTime!,
			requests: sends.length,
			failedMessages: messages - accepted.filter((message) => message.status === 'SUCCESS').length,
		};
	}
	if (variant === 'expressionOnly') {
		const evaluate = runOf(EVALUATE_NODE);
		const evaluated = items(evaluate).filter((json, index) => json.customString === `item-${index}`).length;
		// Nothing is sent: "failed" counts the items whose value is not the expression's.
		return { nodeMs: evaluate.executionTime!, beforeFirstRequestMs: 0, requests: sends.length, failedMessages: messages - evaluated };
	}
	const send = runOf(SEND_NODE);
	return {
		nodeMs: send.executionTime!,
		beforeFirstRequestMs: firstSend - send.startTime!,
		requests: sends.length,
		failedMessages: messages - items(send).filter((json) => json.error === undefined && typeof json.messageId === 'string').length,
	};
}

/**
 * The run data of the workflow's latest execution, from n8n's database: with 10,000 items what
 * `n8n execute` prints is cut off when the process exits.
 */
async function lastRunData(userFolder: string, id: string): Promise<Record<string, NodeRun[]> | undefined> {
	const [row] = await queryN8nDatabase(
		userFolder,
		'SELECT d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1',
		[id],
	);
	if (!row) return undefined;
	return (parseStoredExecutionData(String(row.data)) as { resultData?: { runData?: Record<string, NodeRun[]> } }).resultData?.runData;
}

/** The printed part of `npm run bench`. */
export function clickSendRealN8nLines(result: ClickSendRealN8n | undefined, latencyMs: number): string[] {
	if (!result) return [];
	if ('skipped' in result) return ['', `ClickSend in real n8n skipped: ${result.skipped}`];
	const ms = (value: number) => Math.round(value).toLocaleString('en-US');
	const run = (name: string, value: ClickSendRun) =>
		`    ${name}: ${ms(value.nodeMs)} ms (${ms(value.beforeFirstRequestMs)} ms before the first request), ${value.requests} requests, ${value.failedMessages} messages failed`;
	return [
		'',
		`ClickSend in real n8n ${result.n8nVersion} (n8n execute, faster of ${RUNS_PER_WORKFLOW} alternated runs; nodes' executionTime; sandbox at ${latencyMs} ms):`,
		...result.sizes.flatMap((size) => [
			`  ${size.messages.toLocaleString('en-US')} messages:`,
			run('Code node packing batches of 1,000 + HTTP Request node', size.packed),
			run('our node, {{ $json.field }} mappings', size.plain),
			run("our node, one computed expression per item ({{ 'item-' + $json.i }})", size.computed),
			`    n8n's Edit Fields node, the same expression for each item, nothing sent: ${ms(size.expressionOnly.nodeMs)} ms`,
			`    ours ÷ packed: ${size.plainRatio.toFixed(2)}× plain (target ≤ ${CLICKSEND_RATIO_LIMITS.plain}), ${size.computedRatio.toFixed(2)}× computed (target ≤ ${CLICKSEND_RATIO_LIMITS.computed})`,
			`    the computed target leaves ${ms(computedBudgetMs(size))} ms for the expression; our node spent ${ms(size.computed.nodeMs - size.plain.nodeMs)} ms on it, n8n's Edit Fields ${ms(size.expressionOnly.nodeMs)} ms`,
		]),
	];
}

/** What the computed target leaves for evaluating the expression: its limit × packed, less ours mapped. */
export function computedBudgetMs(size: ClickSendSize): number {
	return CLICKSEND_RATIO_LIMITS.computed * size.packed.nodeMs - size.plain.nodeMs;
}

export function clickSendRealN8nTargets(result: ClickSendRealN8n | undefined): Target[] {
	if (!result || 'skipped' in result) return [];
	return result.sizes.flatMap((size) => {
		const messages = size.messages.toLocaleString('en-US');
		const failed = size.plain.failedMessages + size.computed.failedMessages + size.packed.failedMessages + size.expressionOnly.failedMessages;
		return [
			{ name: `real n8n: ClickSend ${messages}, plain mappings ÷ packed`, value: Number(size.plainRatio.toFixed(2)), limit: `≤ ${CLICKSEND_RATIO_LIMITS.plain}`, pass: size.plainRatio <= CLICKSEND_RATIO_LIMITS.plain },
			{ name: `real n8n: ClickSend ${messages}, computed expression ÷ packed`, value: Number(size.computedRatio.toFixed(2)), limit: `≤ ${CLICKSEND_RATIO_LIMITS.computed}`, pass: size.computedRatio <= CLICKSEND_RATIO_LIMITS.computed },
			{ name: `real n8n: ClickSend ${messages}, messages failed or values wrong (all four paths)`, value: failed, limit: '0', pass: failed === 0 },
		];
	});
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Run directly

if (require.main === module) {
	void (async () => {
		const { startRemoteSandbox } = await import('./remote-sandbox');
		const latencyMs = 50;
		const sizes = (process.env.BENCH_CLICKSEND_SIZES ?? '1000,10000').split(',').map(Number);
		const sandbox = await startRemoteSandbox(latencyMs);
		try {
			const result = await measureClickSendInRealN8n(sandbox, { sizes });
			console.log(clickSendRealN8nLines(result, latencyMs).join('\n'));
			console.log(JSON.stringify(result));
		} finally {
			await sandbox.close();
		}
	})().catch((error) => {
		console.error(describeError(error));
		process.exitCode = 1;
	});
}
