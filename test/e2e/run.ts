/**
 * `npm run test:e2e`: the packed package inside a real n8n 2.8.4, talking to the sandbox.
 *
 * A plain script rather than jest: it drives n8n's CLI and a served n8n for about a minute and
 * prints one line per check. Everything runs in a throwaway user folder on free ports, and every
 * process it starts is stopped again, also on failure and Ctrl-C. E2E_KEEP=1 keeps the folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { SANDBOX_KEYS } from '../../sandbox/keys';
import { startSandbox } from '../../sandbox/server';
import {
	clearLineSendWorkflow,
	clearLineTriggerWorkflow,
	deliveryReceiptUrl,
	NODE_TYPES,
	sandboxCredentials,
} from '../../scripts/n8n-fixtures';
import {
	ensureN8n,
	executeWorkflow,
	findFreePorts,
	formatDuration,
	installPackedPackage,
	queryN8nDatabase,
	runN8nCliOrThrow,
	sleep,
	startN8n,
	stopAllN8nProcesses,
	type RunningN8n,
} from '../../scripts/n8n-runtime';

const SEND_WORKFLOW_ID = 'e2eClearLineSend';
const TRIGGER_WORKFLOW_ID = 'e2eClearLineRcpt';
const TRIGGER_WEBHOOK_ID = '5d0c7f5e-2b1a-4c3d-9e8f-7a6b5c4d3e2f';
/** Used for the receipt when the send check could not produce a real messageId. */
const FALLBACK_MESSAGE_ID = '0b7c3e9a-4f1d-4e2b-8a6c-5d9e1f2a3b4c';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface RequestLogEntry {
	provider: string | null;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	status: number | null;
	response?: unknown;
}

interface Context {
	userFolder: string;
	ports: { n8n: number; cliBroker: number; serveBroker: number; sandbox: number };
	sandbox?: Sandbox;
	n8n?: RunningN8n;
	messageId?: string;
}

// ---------------------------------------------------------------------------------------------
// A tiny check runner: one line per check, dependent checks are skipped, not failed again

type CheckOutcome = 'passed' | 'failed' | 'skipped';

const outcomes = new Map<string, CheckOutcome>();
let passed = 0;
let failed = 0;

async function check(name: string, needs: string[], body: () => Promise<string | void>): Promise<void> {
	const missing = needs.filter((need) => outcomes.get(need) !== 'passed');
	if (missing.length > 0) {
		outcomes.set(name, 'skipped');
		console.log(`skip  ${name} (needs: ${missing.join('; ')})`);
		return;
	}
	const startedAt = Date.now();
	try {
		const detail = await body();
		outcomes.set(name, 'passed');
		passed++;
		console.log(`ok    ${name}${detail ? ` – ${detail}` : ''} (${formatDuration(Date.now() - startedAt)})`);
	} catch (error) {
		outcomes.set(name, 'failed');
		failed++;
		console.log(`FAIL  ${name} (${formatDuration(Date.now() - startedAt)})\n${indent(describeError(error))}`);
	}
}

function assert(condition: unknown, message: string): asserts condition {
	if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------
// The checks

const CHECKS = {
	n8n: 'n8n 2.8.4 is installed in the cache',
	package: 'the packed package installs into n8n\'s nodes folder',
	sandbox: 'the sandbox starts',
	credentials: 'n8n imports the sandbox credential',
	workflows: 'n8n imports the send and trigger workflows',
	send: 'n8n execute runs Manual Trigger → ClearLine Send and returns a messageId',
	sendLog: 'the sandbox received exactly one accepted send with the ApiKey header',
	publish: 'n8n publishes the ClearLine Trigger workflow',
	start: 'n8n starts with the package loaded',
	receipt: 'the delivery receipt posted through the sandbox is accepted by the trigger',
	execution: 'n8n recorded one successful trigger execution carrying the messageId',
};

async function runChecks(context: Context): Promise<void> {
	await check(CHECKS.n8n, [], async () => {
		const { n8nBin } = await ensureN8n();
		return path.dirname(path.dirname(n8nBin));
	});

	await check(CHECKS.package, [], async () => {
		const tarball = await installPackedPackage(context.userFolder, { quiet: true });
		const installed = path.join(context.userFolder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-sms-gateways');
		for (const file of ['package.json', 'dist/nodes/ClearLine/ClearLine.node.js', 'dist/nodes/ClearLine/ClearLineTrigger.node.js']) {
			assert(fs.existsSync(path.join(installed, file)), `${file} is missing from the installed package`);
		}
		return tarball;
	});

	await check(CHECKS.sandbox, [], async () => {
		context.sandbox = await startSandbox({ port: context.ports.sandbox, host: '127.0.0.1', quiet: true });
		return context.sandbox.baseUrl;
	});

	await check(CHECKS.credentials, [CHECKS.n8n, CHECKS.sandbox], async () => {
		const credentials = sandboxCredentials(context.sandbox!.providerUrl('clearline'));
		await importJson(context, 'credentials.json', credentials, 'import:credentials');
	});

	await check(CHECKS.workflows, [CHECKS.n8n], async () => {
		const workflowsDir = path.join(context.userFolder, 'workflows');
		fs.mkdirSync(workflowsDir);
		writeJson(path.join(workflowsDir, 'send.json'), clearLineSendWorkflow({ id: SEND_WORKFLOW_ID, name: 'e2e: ClearLine send' }));
		writeJson(
			path.join(workflowsDir, 'receipt.json'),
			clearLineTriggerWorkflow({ id: TRIGGER_WORKFLOW_ID, name: 'e2e: ClearLine receipt', webhookId: TRIGGER_WEBHOOK_ID }),
		);
		// One CLI start for both: each n8n CLI command costs several seconds.
		await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], cliOptions(context));
		const rows = await queryN8nDatabase(context.userFolder, 'SELECT id FROM workflow_entity WHERE id IN (?, ?)', [SEND_WORKFLOW_ID, TRIGGER_WORKFLOW_ID]);
		assert(rows.length === 2, `expected both workflows in n8n's database, found ${rows.length}`);
	});

	await check(CHECKS.send, [CHECKS.package, CHECKS.credentials, CHECKS.workflows], async () => {
		const result = await executeWorkflow(SEND_WORKFLOW_ID, cliOptions(context));
		const json = firstOutputItem(result.output, 'Send SMS');
		const failure = executionError(result.output);
		assert(result.exitCode === 0 && !failure, `n8n execute exited ${result.exitCode}: ${failure ?? lastLines(result.raw.stdout + result.raw.stderr, 15)}`);
		assert(json && typeof json.messageId === 'string' && json.messageId.length > 0, `no messageId in the output item: ${JSON.stringify(json)}`);
		context.messageId = json.messageId as string;
		return `messageId ${context.messageId}`;
	});

	await check(CHECKS.sendLog, [CHECKS.send], async () => {
		const entries = await sandboxRequests(context.sandbox!, 'clearline');
		const sends = entries.filter((entry) => entry.method === 'POST');
		assert(sends.length === 1, `expected 1 POST to ClearLine, the sandbox logged ${sends.length}: ${summariseRequests(sends)}`);
		const [send] = sends;
		assert(send.status === 200, `the send was answered ${send.status}, not 200`);
		// Compared, never printed: the key is fake, but logs are no place for keys.
		assert(send.headers.apikey === SANDBOX_KEYS.clearline.apiKey, 'the send did not carry the sandbox key in the ApiKey header');
		return `${send.method} ${send.path} → ${send.status}`;
	});

	await check(CHECKS.publish, [CHECKS.package, CHECKS.workflows], async () => {
		await runN8nCliOrThrow(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`], cliOptions(context));
	});

	await check(CHECKS.start, [CHECKS.package, CHECKS.publish], async () => {
		context.n8n = await startN8n({ userFolder: context.userFolder, port: context.ports.n8n, brokerPort: context.ports.serveBroker });
		const activated = context.n8n.logs().includes(`(ID: ${TRIGGER_WORKFLOW_ID})`);
		assert(activated, `n8n did not activate the trigger workflow:\n${relevantLogLines(context.n8n)}`);
		return context.n8n.url;
	});

	await check(CHECKS.receipt, [CHECKS.start, CHECKS.sandbox], async () => {
		const url = deliveryReceiptUrl(context.n8n!.url, TRIGGER_WEBHOOK_ID);
		const body = {
			messageId: context.messageId ?? FALLBACK_MESSAGE_ID,
			deliveryStatus: 'DeliveredFailed',
			externalDeliveryStatus: 'Rejected',
			reasonText: 'Message rejected by the carrier: the number is on the do-not-contact list',
		};
		const results = await deliverThroughSandbox(context.sandbox!, url, body);
		const [first] = results;
		assert(results.length === 1 && first, `the sandbox reported ${results.length} deliveries`);
		assert(first.status !== null && first.status >= 200 && first.status < 300, `the webhook answered ${first.status ?? first.error}: ${first.responseBody}\n${relevantLogLines(context.n8n!)}`);
		return `POST /webhook/…/delivery-receipt → ${first.status}`;
	});

	await check(CHECKS.execution, [CHECKS.receipt], async () => {
		const messageId = context.messageId ?? FALLBACK_MESSAGE_ID;
		const executions = await waitForTriggerExecutions(context, 20_000);
		assert(executions.length === 1, `expected 1 execution of the trigger workflow, n8n has ${executions.length}\n${relevantLogLines(context.n8n!)}`);
		const [execution] = executions;
		assert(execution.status === 'success', `the execution ended "${execution.status}"\n${lastLines(String(execution.data), 5)}`);
		assert(String(execution.data).includes(messageId), `the execution's data does not contain the messageId ${messageId}`);
		return `execution ${execution.id} (${execution.mode})`;
	});
}

// ---------------------------------------------------------------------------------------------
// Helpers for the checks

function cliOptions(context: Context) {
	return { userFolder: context.userFolder, brokerPort: context.ports.cliBroker };
}

async function importJson(context: Context, name: string, content: unknown, command: string): Promise<void> {
	const file = path.join(context.userFolder, name);
	writeJson(file, content);
	try {
		await runN8nCliOrThrow([command, `--input=${file}`], cliOptions(context));
	} finally {
		fs.rmSync(file, { force: true });
	}
}

function writeJson(file: string, content: unknown): void {
	fs.writeFileSync(file, JSON.stringify(content, null, '\t'), { mode: 0o600 });
}

/** `n8n execute --rawOutput` prints `{ data: IRunExecutionData }`. */
function firstOutputItem(output: unknown, nodeName: string): Record<string, unknown> | undefined {
	const runData = (output as { data?: { resultData?: { runData?: Record<string, unknown> } } })?.data?.resultData?.runData;
	const runs = runData?.[nodeName] as Array<{ data?: { main?: Array<Array<{ json?: Record<string, unknown> }>> } }> | undefined;
	return runs?.[0]?.data?.main?.[0]?.[0]?.json;
}

function executionError(output: unknown): string | undefined {
	const error = (output as { data?: { resultData?: { error?: { message?: string; description?: string } } } })?.data?.resultData?.error;
	if (!error) return undefined;
	return [error.message, error.description].filter(Boolean).join(' – ');
}

async function sandboxRequests(sandbox: Sandbox, provider: string): Promise<RequestLogEntry[]> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/requests?provider=${provider}`);
	assert(response.ok, `GET /_sandbox/requests answered ${response.status}`);
	return (await response.json()) as RequestLogEntry[];
}

function summariseRequests(entries: RequestLogEntry[]): string {
	return entries.map((entry) => `${entry.method} ${entry.path} → ${entry.status}`).join(', ') || 'none';
}

interface DeliverResult {
	status: number | null;
	responseBody: string;
	error: string | null;
}

async function deliverThroughSandbox(sandbox: Sandbox, url: string, body: unknown): Promise<DeliverResult[]> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/deliver`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url, body }),
	});
	const answer = (await response.json()) as { results?: DeliverResult[]; error?: string };
	assert(response.ok && answer.results, `POST /_sandbox/deliver answered ${response.status}: ${answer.error ?? ''}`);
	return answer.results;
}

interface ExecutionRow {
	id: number;
	status: string;
	mode: string;
	finished: number;
	data: unknown;
}

/** The webhook answers on receipt; n8n saves the execution a moment later. */
async function waitForTriggerExecutions(context: Context, timeoutMs: number): Promise<ExecutionRow[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = (await queryN8nDatabase(
			context.userFolder,
			`SELECT e.id, e.status, e.mode, e.finished, d.data
			 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
			 WHERE e.workflowId = ? ORDER BY e.id`,
			[TRIGGER_WORKFLOW_ID],
		)) as unknown as ExecutionRow[];
		const settled = rows.length > 0 && rows.every((row) => !['new', 'running', 'waiting'].includes(row.status));
		if (settled || Date.now() > deadline) return rows;
		await sleep(250);
	}
}

/** n8n's errors and warnings, else its last lines: what explains a failed check. */
function relevantLogLines(n8n: RunningN8n): string {
	const lines = n8n.logs().split('\n');
	const problems = lines.filter((line) => /error|warn|fail|unrecognized|problem/i.test(line) && !line.includes('Python task runner'));
	const chosen = problems.length > 0 ? problems.slice(-20) : lines.slice(-20);
	return `--- n8n log ---\n${chosen.join('\n')}`;
}

function lastLines(text: string, count: number): string {
	return text.trim().split('\n').slice(-count).join('\n');
}

function describeError(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Setting up and tearing down

async function createContext(): Promise<Context> {
	const [n8n, cliBroker, serveBroker, sandbox] = await findFreePorts(4);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-e2e-'));
	return { userFolder, ports: { n8n, cliBroker, serveBroker, sandbox } };
}

async function tearDown(context: Context): Promise<void> {
	// Every n8n this run started, including one interrupted while it was still starting up.
	await stopAllN8nProcesses(20_000);
	await context.sandbox?.close();
	if (process.env.E2E_KEEP === '1') {
		console.log(`kept ${context.userFolder}`);
		return;
	}
	fs.rmSync(context.userFolder, { recursive: true, force: true });
}

function tearDownOnInterrupt(context: Context): void {
	let interrupted = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (interrupted) return;
		interrupted = true;
		console.log(`\n${signal}: stopping n8n and the sandbox…`);
		void tearDown(context).finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const context = await createContext();
	tearDownOnInterrupt(context);
	console.log(`e2e: n8n 2.8.4 with ${NODE_TYPES.clearLine} in ${context.userFolder}`);
	try {
		await runChecks(context);
	} catch (error) {
		failed++;
		console.log(`FAIL  the e2e run itself\n${indent(describeError(error))}`);
	} finally {
		await tearDown(context);
	}
	console.log(`e2e took ${formatDuration(Date.now() - startedAt)}`);
	console.log(`${passed} passed, ${failed} failed`);
	const skipped = [...outcomes.values()].filter((outcome) => outcome === 'skipped').length;
	process.exit(failed > 0 || skipped > 0 ? 1 : 0);
}

void main();
