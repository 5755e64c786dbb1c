/**
 * The pieces of the e2e run that more than one script uses (`npm run test:e2e` in run.ts, the
 * per-version smoke of `npm run test:compat` in compat.ts): a run's context and teardown, the
 * send, receipt and ClickSend rule checks, reading the sandbox and n8n's own records.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

import { startSandbox } from '../../sandbox/server';
import { CLEARLINE, PROVIDERS, sandboxCredentials, sendWorkflow, type ImportableCredential, type ImportableWorkflow, type ProviderFixture, type SandboxProviderName } from '../../scripts/n8n-fixtures';
import { executeWorkflow, firstNodeRun, importJsonIntoN8n, runN8nCliOrThrow, writeJsonFile, type CliOptions } from '../../scripts/n8n/cli';
import { queryN8nDatabase } from '../../scripts/n8n/database';
import type { N8nLine } from '../../scripts/n8n/lines';
import { installPackedPackage, REPO_ROOT } from '../../scripts/n8n/package';
import { findFreePorts } from '../../scripts/n8n/ports';
import { stopAllN8nProcesses, type RunningN8n } from '../../scripts/n8n/processes';
import { sleep } from '../../scripts/n8n/util';
import { assert, describeError } from './check-runner';
import { deactivateWorkflow, ownerSession, type N8nSession } from './n8n-rest';

export const PACKAGE_NAME = 'n8n-nodes-sms-gateways';

/** The IDs of the Manual Trigger → Send workflows, one per provider. */
export const SEND_WORKFLOW_IDS: Record<SandboxProviderName, string> = {
	clearline: 'e2eClearLineSend',
	smscpr: 'e2eSmscprSend000',
	amigo: 'e2eAmigoSend0000',
	skycore: 'e2eSkycoreSend00',
	clicksend: 'e2eClickSendSnd0',
};

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export interface RequestLogEntry {
	provider: string | null;
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	status: number | null;
	response?: unknown;
}

export interface Context {
	userFolder: string;
	ports: { n8n: number; cliBroker: number; serveBroker: number; sandbox: number };
	sandbox?: Sandbox;
	n8n?: RunningN8n;
	messageId?: string;
	/** The owner's session in the running n8n (set up once per user folder). */
	session?: N8nSession;
	/** The n8n line under test (lines.ts); 2.8 unless given. */
	line?: N8nLine;
}

// ---------------------------------------------------------------------------------------------
// Reading the sandbox and n8n's records

export interface SandboxRule {
	rule_name: string;
	action_address: string;
}

export async function sandboxRules(sandbox: Sandbox): Promise<{ receipts: SandboxRule[]; inbound: SandboxRule[] }> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/clicksend/rules`);
	assert(response.ok, `GET /_sandbox/clicksend/rules answered ${response.status}`);
	return (await response.json()) as { receipts: SandboxRule[]; inbound: SandboxRule[] };
}

/** Waits until n8n has saved `expected` settled executions of the workflow (or the time is up), then a moment longer for any extra. */
export async function waitForExecutions(context: Context, workflowId: string, expected: number, timeoutMs: number): Promise<ExecutionRow[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await executionsOf(context, workflowId);
		const settled = rows.every((row) => !['new', 'running', 'waiting'].includes(row.status));
		if ((settled && rows.length >= expected) || Date.now() > deadline) {
			await sleep(2000);
			return await executionsOf(context, workflowId);
		}
		await sleep(500);
	}
}

export async function executionsOf(context: Context, workflowId: string): Promise<ExecutionRow[]> {
	return (await queryN8nDatabase(
		context.userFolder,
		`SELECT e.id, e.status, e.mode, e.finished, d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		 WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
		context.line,
	)) as unknown as ExecutionRow[];
}

// ---------------------------------------------------------------------------------------------
// Did n8n load the whole package?

export function installedPackageDir(context: Context): string {
	return path.join(context.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/** The node and credential files the installed package declares to n8n. */
export function installedPackageLists(context: Context): { nodes: string[]; credentials: string[] } {
	const packageJson = JSON.parse(fs.readFileSync(path.join(installedPackageDir(context), 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	return { nodes: packageJson.n8n?.nodes ?? [], credentials: packageJson.n8n?.credentials ?? [] };
}

/**
 * The type name a declared file defines, read from the same build in the repository (the
 * installed copy has no n8n-workflow next to it): a node's description.name, a credential's name.
 */
export function declaredTypeName(file: string, kind: 'node' | 'credential'): string {
	const exported = require(path.join(REPO_ROOT, file)) as Record<string, unknown>;
	const classes = Object.values(exported).filter((value): value is new () => Record<string, unknown> => typeof value === 'function');
	assert(classes.length === 1, `${file} exports ${classes.length} classes, not 1`);
	const instance = new classes[0]();
	const name = kind === 'node' ? (instance.description as { name?: unknown } | undefined)?.name : instance.name;
	assert(typeof name === 'string' && name.length > 0, `${file} defines no ${kind} type name`);
	return name;
}

export interface LoadedNodeType {
	name: string;
	credentials?: Array<{ name: string }>;
}

/**
 * n8n writes every node and credential type it loaded to `types/*.json` in its static cache
 * (the files the editor reads; over HTTP they need a login). A package n8n cannot load is
 * missing there as a whole, and n8n logs why.
 */
export async function checkPackageTypesLoaded(context: Context, n8n: RunningN8n): Promise<string> {
	const lists = installedPackageLists(context);
	const expectedNodes = lists.nodes.map((file) => `${PACKAGE_NAME}.${declaredTypeName(file, 'node')}`);
	const expectedCredentials = lists.credentials.map((file) => declaredTypeName(file, 'credential'));
	const typesDir = path.join(context.userFolder, '.cache', 'n8n', 'public', 'types');
	const nodes = await readTypesFile<LoadedNodeType>(path.join(typesDir, 'nodes.json'));
	const credentials = await readTypesFile<{ name: string }>(path.join(typesDir, 'credentials.json'));

	const loadedNodes = new Set(nodes.map((node) => node.name));
	const loadedCredentials = new Set(credentials.map((credential) => credential.name));
	const problems = [
		...expectedNodes.filter((name) => !loadedNodes.has(name)).map((name) => `node type ${name} is not loaded`),
		...expectedCredentials.filter((name) => !loadedCredentials.has(name)).map((name) => `credential type ${name} is not loaded`),
		// A node naming a credential type that n8n does not know cannot be given a credential.
		...nodes
			.filter((node) => node.name.startsWith(`${PACKAGE_NAME}.`))
			.flatMap((node) => (node.credentials ?? []).filter((credential) => !loadedCredentials.has(credential.name)).map((credential) => `${node.name} uses the unknown credential type ${credential.name}`)),
		// n8n adds a `<node>Tool` variant of each node that is usableAsTool, and a `<node>HitlTool`
		// (human review for AI agents) of each node with a Send and Wait operation.
		...nodes
			.filter((node) => node.name.startsWith(`${PACKAGE_NAME}.`) && !expectedNodes.includes(node.name.replace(/(Hitl)?Tool$/, '')))
			.map((node) => `${node.name} is loaded but not declared in package.json`),
	];
	assert(problems.length === 0, `${[...new Set(problems)].join('\n')}\n${startupLogLines(n8n)}`);
	const ours = [...new Set(nodes.map((node) => node.name).filter((name) => name.startsWith(`${PACKAGE_NAME}.`)))];
	const humanReview = ours.filter((name) => name.endsWith('HitlTool')).length;
	const tools = ours.filter((name) => name.endsWith('Tool')).length - humanReview;
	return `${expectedNodes.length} node types (+${tools} tool and ${humanReview} human-review tool variants), ${expectedCredentials.length} credential types`;
}

/**
 * What n8n printed while it started: it logs a package it cannot load with the bare error
 * message ("Cannot find module …", the message of what a node file threw), no keyword to grep.
 */
export function startupLogLines(n8n: RunningN8n): string {
	const lines = n8n.logs().split('\n');
	const ready = lines.findIndex((line) => line.includes('Editor is now accessible'));
	const startup = lines.slice(0, ready === -1 ? 40 : ready).filter((line) => line.trim() !== '' && !line.includes('Python task runner'));
	return `--- n8n log while starting ---\n${startup.join('\n')}`;
}

/** n8n writes these files through a stream shortly after it starts: wait until one parses. */
export async function readTypesFile<T>(file: string, timeoutMs = 10_000): Promise<T[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return JSON.parse(fs.readFileSync(file, 'utf8')) as T[];
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`n8n did not write ${file}: ${describeError(error)}`);
			await sleep(200);
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Helpers for the checks

export function cliOptions(context: Context): CliOptions {
	return { userFolder: context.userFolder, brokerPort: context.ports.cliBroker, line: context.line };
}

export function firstOutputItem(output: unknown, nodeName: string): Record<string, unknown> | undefined {
	return firstNodeRun(output, nodeName)?.data?.main?.[0]?.[0]?.json;
}

export function executionError(output: unknown): string | undefined {
	const error = (output as { data?: { resultData?: { error?: { message?: string; description?: string } } } })?.data?.resultData?.error;
	if (!error) return undefined;
	return [error.message, error.description].filter(Boolean).join(' – ');
}

export async function sandboxRequests(sandbox: Sandbox, provider: string): Promise<RequestLogEntry[]> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/requests?provider=${provider}`);
	assert(response.ok, `GET /_sandbox/requests answered ${response.status}`);
	return (await response.json()) as RequestLogEntry[];
}

export function summariseRequests(entries: RequestLogEntry[]): string {
	return entries.map((entry) => `${entry.method} ${entry.path} → ${entry.status}`).join(', ') || 'none';
}

export interface DeliverResult {
	status: number | null;
	responseBody: string;
	error: string | null;
}

/** The sandbox posts `body` to `url` as the provider would (ClickSend posts forms) and reports n8n's answer. */
export async function deliverThroughSandbox(sandbox: Sandbox, url: string, body: unknown, contentType: 'json' | 'form' = 'json'): Promise<DeliverResult[]> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/deliver`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ url, body, contentType }),
	});
	const answer = (await response.json()) as { results?: DeliverResult[]; error?: string };
	assert(response.ok && answer.results, `POST /_sandbox/deliver answered ${response.status}: ${answer.error ?? ''}`);
	return answer.results;
}

// ---------------------------------------------------------------------------------------------
// Checks that the e2e run and the compat smoke both make

export function sendCheck(provider: ProviderFixture): string {
	return `n8n execute runs Manual Trigger → ${provider.title} Send and returns a message ID (${provider.messageIdField})`;
}

export function sendLogCheck(provider: ProviderFixture): string {
	return `the sandbox received exactly one accepted ${provider.title} send with the ${provider.authHeader.name} header`;
}

/** The packed package in the user folder's nodes folder, with every file its `n8n` block lists. */
export async function installPackageForCheck(context: Context): Promise<string> {
	const tarball = await installPackedPackage(context.userFolder, { quiet: true });
	const { nodes, credentials } = installedPackageLists(context);
	for (const file of ['package.json', ...nodes, ...credentials]) {
		assert(fs.existsSync(path.join(installedPackageDir(context), file)), `${file} is missing from the installed package`);
	}
	return `${tarball}, ${nodes.length} nodes, ${credentials.length} credentials`;
}

export async function startSandboxForCheck(context: Context): Promise<string> {
	context.sandbox = await startSandbox({ port: context.ports.sandbox, host: '127.0.0.1', quiet: true });
	return context.sandbox.baseUrl;
}

/** One sandbox credential per provider and any `others`, imported with n8n's CLI and found in its database. */
export async function importCredentialsForCheck(context: Context, others: ImportableCredential[] = []): Promise<void> {
	const credentials = [...sandboxCredentials(context.sandbox!.providerUrl), ...others];
	await importJsonIntoN8n('import:credentials', 'credentials.json', credentials, cliOptions(context));
	const rows = await queryN8nDatabase(context.userFolder, 'SELECT name FROM credentials_entity', [], context.line);
	const names = new Set(rows.map((row) => String(row.name)));
	const missing = credentials.filter((credential) => !names.has(credential.name));
	assert(missing.length === 0, `not in n8n's database: ${missing.map((credential) => credential.name).join(', ')}`);
}

/** `n8n execute` of a send workflow; ClearLine's message ID is kept for the delivery receipt. */
/** The Manual Trigger → Send workflow of every provider, named `<label>: <Provider> send`. */
export function sendWorkflows(label: string): ImportableWorkflow[] {
	return PROVIDERS.map((provider) => sendWorkflow(provider, { id: SEND_WORKFLOW_IDS[provider.sandboxName], name: `${label}: ${provider.title} send` }));
}

/**
 * Imports the workflows with one CLI start (each n8n CLI command costs several seconds) and checks
 * that n8n's database holds every one of them.
 */
export async function importWorkflowsForCheck(context: Context, workflows: ImportableWorkflow[]): Promise<string> {
	const workflowsDir = path.join(context.userFolder, 'workflows');
	fs.mkdirSync(workflowsDir);
	for (const workflow of workflows) writeJsonFile(path.join(workflowsDir, `${workflow.id}.json`), workflow);
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], cliOptions(context));
	const ids = workflows.map((workflow) => workflow.id);
	const rows = await queryN8nDatabase(context.userFolder, `SELECT id FROM workflow_entity WHERE id IN (${ids.map(() => '?').join(', ')})`, ids, context.line);
	assert(rows.length === ids.length, `expected ${ids.length} workflows in n8n's database, found ${rows.length}`);
	return `${ids.length} workflows`;
}

export async function sendForCheck(context: Context, provider: ProviderFixture, workflowId: string): Promise<string> {
	const result = await executeWorkflow(workflowId, cliOptions(context));
	const json = firstOutputItem(result.output, 'Send SMS');
	const failure = executionError(result.output);
	assert(result.exitCode === 0 && !failure, `n8n execute exited ${result.exitCode ?? `on ${result.raw.signal}`}: ${failure ?? lastLines(result.raw.stdout + result.raw.stderr, 15)}`);
	const messageId = json?.[provider.messageIdField];
	assert(typeof messageId === 'string' && messageId.length > 0, `no ${provider.messageIdField} in the output item: ${JSON.stringify(json)}`);
	if (provider === CLEARLINE) context.messageId = messageId;
	return `${provider.messageIdField} ${messageId}`;
}

export async function sendLoggedForCheck(context: Context, provider: ProviderFixture): Promise<string> {
	const entries = await sandboxRequests(context.sandbox!, provider.sandboxName);
	const sends = entries.filter((entry) => entry.method === 'POST');
	assert(sends.length === 1, `expected 1 POST to ${provider.title}, the sandbox logged ${sends.length}: ${summariseRequests(sends)}`);
	const [send] = sends;
	assert(send.status === provider.accepted.status, `the send was answered ${send.status}, not ${provider.accepted.status}`);
	for (const [field, value] of Object.entries(provider.accepted.body ?? {})) {
		const answered = (send.response as Record<string, unknown> | undefined)?.[field];
		assert(answered === value, `the sandbox answered ${field}: ${JSON.stringify(answered)}, not ${JSON.stringify(value)}: ${JSON.stringify(send.response)}`);
	}
	// Compared, never printed: the key is fake, but logs are no place for keys.
	assert(send.headers[provider.authHeader.name] === provider.authHeader.value, `the send did not carry the sandbox key in the ${provider.authHeader.name} header`);
	return `${send.method} ${send.path} → ${send.status}`;
}

/**
 * What a trigger answers an event it runs: 200 with the body `{"received":true}` (the node's
 * webhookResponse, which n8n sends once it has created the execution, docs/triggers.md). The
 * literal text "firstEntryJson" here would mean n8n ignored the node's answer.
 */
export const RECEIPT_ANSWER = { received: true };

/** The receipt was delivered once and answered 200 with RECEIPT_ANSWER as its body. */
export function assertReceiptAnswered(results: DeliverResult[], n8n: RunningN8n): DeliverResult {
	const [first] = results;
	assert(results.length === 1 && first, `the sandbox reported ${results.length} deliveries`);
	assert(first.status === 200, `the webhook answered ${first.status ?? first.error}: ${first.responseBody}\n${relevantLogLines(n8n)}`);
	let body: unknown;
	try {
		body = JSON.parse(first.responseBody);
	} catch {
		body = first.responseBody;
	}
	assert(isDeepStrictEqual(body, RECEIPT_ANSWER), `the webhook answered the body ${JSON.stringify(first.responseBody)}, not ${JSON.stringify(RECEIPT_ANSWER)}`);
	return first;
}

/**
 * The ClickSend Trigger's receipt and inbound rules in the sandbox, both sending to `url`. Waits a
 * moment for them: n8n stores a webhook before it runs the node's create, and 2.41 does both only
 * after it has started.
 */
export async function clickSendRulesForCheck(context: Context, url: string): Promise<string> {
	let rules = await sandboxRules(context.sandbox!);
	for (const deadline = Date.now() + 10_000; rules.receipts.length + rules.inbound.length < 2 && Date.now() < deadline; ) {
		await sleep(250);
		rules = await sandboxRules(context.sandbox!);
	}
	const pointing = [...rules.receipts, ...rules.inbound].filter((rule) => rule.action_address === url);
	assert(rules.receipts.length === 1 && rules.inbound.length === 1 && pointing.length === 2, `the sandbox has ${JSON.stringify(rules)}; expected one receipt and one inbound rule sending to ${url}`);
	return `rules "${rules.receipts[0].rule_name}" → ${url}`;
}

/** Deactivates the ClickSend Trigger workflow in the running n8n; no rule may be left in the sandbox. */
export async function clickSendRulesGoneForCheck(context: Context, workflowId: string): Promise<string> {
	const session = (context.session ??= await ownerSession(context.n8n!.url));
	await deactivateWorkflow(session, workflowId);
	// n8n 2.41 answers the deactivation first and removes the triggers from its publication queue.
	let rules = await sandboxRules(context.sandbox!);
	for (const deadline = Date.now() + 15_000; rules.receipts.length + rules.inbound.length > 0 && Date.now() < deadline; ) {
		await sleep(250);
		rules = await sandboxRules(context.sandbox!);
	}
	assert(rules.receipts.length === 0 && rules.inbound.length === 0, `rules left in the sandbox after deactivation: ${JSON.stringify(rules)}\n${relevantLogLines(context.n8n!)}`);
	const deletes = (await sandboxRequests(context.sandbox!, 'clicksend')).filter((entry) => entry.method === 'DELETE');
	return `${deletes.length} rules deleted (${summariseRequests(deletes)})`;
}

export interface ExecutionRow {
	id: number;
	status: string;
	mode: string;
	finished: number;
	data: unknown;
}

/** n8n's errors and warnings, else its last lines: what explains a failed check. */
export function relevantLogLines(n8n: RunningN8n): string {
	const lines = n8n.logs().split('\n');
	const problems = lines.filter((line) => /error|warn|fail|unrecognized|problem/i.test(line) && !line.includes('Python task runner'));
	const chosen = problems.length > 0 ? problems.slice(-20) : lines.slice(-20);
	return `--- n8n log ---\n${chosen.join('\n')}`;
}

export function lastLines(text: string, count: number): string {
	return text.trim().split('\n').slice(-count).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Setting up and tearing down

export async function createContext(line?: N8nLine): Promise<Context> {
	const [n8n, cliBroker, serveBroker, sandbox] = await findFreePorts(4);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-e2e-'));
	return { userFolder, ports: { n8n, cliBroker, serveBroker, sandbox }, line };
}

export async function tearDown(context: Context): Promise<void> {
	// Every n8n this run started, including one interrupted while it was still starting up.
	await stopAllN8nProcesses(20_000);
	await context.sandbox?.close();
	if (process.env.E2E_KEEP === '1') {
		console.log(`kept ${context.userFolder}`);
		return;
	}
	fs.rmSync(context.userFolder, { recursive: true, force: true });
}

export function tearDownOnInterrupt(context: Context): void {
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

