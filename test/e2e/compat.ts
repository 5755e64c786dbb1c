/**
 * `npm run test:compat`: the e2e smoke in every n8n line the package is proven on (lines.ts:
 * 1.123 on Node 20, 2.8 on Node 20, 2.41 on Node 24), one line after the other. Per line: n8n
 * loads every node and credential of the packed package, one send per provider succeeds, one
 * receipt per trigger is answered 200 `{"received":true}` and makes one execution, and the
 * ClickSend Trigger creates its rules on activation and removes them on deactivation. Send and Wait
 * resumes on a delivery receipt and on an approval; in 2.x, where n8n makes AI Agent tools and human
 * review steps of the nodes, the AI Agent checks of the e2e run pass too.
 *
 * Each line is installed into its own cache folder outside the repository on first use (several
 * minutes each) and reused after. `npm run test:compat -- 2.41` runs only the lines named.
 * Prints one line per check, the install and smoke time per line, and a summary table.
 */
import { PROVIDERS } from '../../scripts/n8n-fixtures';
import { runN8nCliOrThrow } from '../../scripts/n8n/cli';
import { queryN8nDatabase } from '../../scripts/n8n/database';
import { ensureN8n, isN8nInstalled } from '../../scripts/n8n/install';
import { n8nLine, N8N_LINES, type N8nLine } from '../../scripts/n8n/lines';
import { startN8n, stopAllN8nProcesses } from '../../scripts/n8n/processes';
import { formatDuration, sleep } from '../../scripts/n8n/util';
import { AI_AGENT_CHECKS, AI_AGENT_WORKFLOW_IDS, aiAgentEnvironment, aiAgentWorkflows, chatModelCredential, checkAgentApproved, checkAgentAsks, checkAgentDeclined, checkAgentGetsTheError, scriptedChatModel } from './ai-agent';
import type { ScriptedChatModel } from '../../scripts/n8n/scripted-chat-model';
import { BURST_TRIGGERS, type BurstTrigger } from './receipt-burst';
import { checkTemplateDropdown, DROPDOWN_CHECK } from './dropdowns';
import { ownerSession } from './n8n-rest';
import { BASIC_WAIT_WORKFLOW_IDS, checkApproval, checkDelivered, SEND_AND_WAIT_CHECKS, sendAndWaitWorkflows } from './send-and-wait';
import { assert, createCheckRunner, type CheckRunner } from './check-runner';
import {
	assertReceiptAnswered,
	checkPackageTypesLoaded,
	clickSendRulesForCheck,
	clickSendRulesGoneForCheck,
	cliOptions,
	createContext,
	deliverThroughSandbox,
	importCredentialsForCheck,
	importWorkflowsForCheck,
	installPackageForCheck,
	lastLines,
	PACKAGE_NAME,
	relevantLogLines,
	sendCheck,
	sendForCheck,
	sendLogCheck,
	sendLoggedForCheck,
	sendWorkflows,
	SEND_WORKFLOW_IDS,
	startSandboxForCheck,
	tearDown,
	waitForExecutions,
	type Context,
} from './support';

/** In the order they are run: oldest first. */
const LINE_ORDER: N8nLine[] = [N8N_LINES['1.123'], N8N_LINES['2.8'], N8N_LINES['2.41']];

const CLICKSEND = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!;

const CHECKS = {
	n8n: 'n8n is installed in the cache',
	package: 'the packed package installs into n8n\'s nodes folder',
	sandbox: 'the sandbox starts',
	credentials: `n8n imports the sandbox credentials (${PROVIDERS.map((provider) => provider.title).join(', ')})`,
	workflows: `n8n imports a send workflow per provider and a workflow per trigger (${BURST_TRIGGERS.map((trigger) => trigger.title).join(', ')})`,
	activate: 'n8n activates the four trigger workflows, two Send and Wait workflows and (2.x) the AI Agent workflows from its CLI',
	start: 'n8n starts with the package loaded and those workflows active',
	loaded: 'n8n loaded every node and credential type of the package',
	clickSendRules: 'the ClickSend Trigger created its receipt and inbound rules in the sandbox when n8n activated it',
	clickSendRulesGone: 'deactivating the ClickSend Trigger workflow in the running n8n leaves no automation rule behind',
};

function answerCheck(trigger: BurstTrigger): string {
	return `a ${trigger.title} receipt posted through the sandbox is answered 200 with the body {"received":true}`;
}

function executionCheck(trigger: BurstTrigger): string {
	return `that ${trigger.title} receipt made exactly one successful execution carrying its ID`;
}

interface LineResult {
	line: N8nLine;
	nodeVersion?: string;
	installMs?: number;
	/** Whether this run installed it (else it came from the cache). */
	installed?: boolean;
	smokeMs: number;
	run: CheckRunner;
}

async function smoke(line: N8nLine, context: Context, run: CheckRunner, result: LineResult): Promise<void> {
	const { check } = run;
	await check(CHECKS.n8n, [], async () => {
		const startedAt = Date.now();
		result.installed = !isN8nInstalled(line);
		const installation = await ensureN8n(line);
		result.installMs = Date.now() - startedAt;
		result.nodeVersion = installation.runtime.version;
		return `n8n ${installation.version} on Node.js ${installation.runtime.version}, ${result.installed ? 'installed' : 'from the cache'} in ${formatDuration(result.installMs)}`;
	});
	// The smoke's time starts once n8n is there.
	const smokeStartedAt = Date.now();
	try {
		await smokeChecks(line, context, run);
	} finally {
		result.smokeMs = Date.now() - smokeStartedAt;
	}
}

/** n8n makes AI Agent tools and human review steps of community nodes from 2.x on. */
function hasAgentTools(line: N8nLine): boolean {
	return !line.name.startsWith('1.');
}

async function smokeChecks(line: N8nLine, context: Context, run: CheckRunner): Promise<void> {
	const chatModel = scriptedChatModel();
	try {
		await smokeChecksWith(line, context, run, chatModel);
	} finally {
		await chatModel.close();
	}
}

async function smokeChecksWith(line: N8nLine, context: Context, run: CheckRunner, chatModel: ScriptedChatModel): Promise<void> {
	const { check } = run;
	const agents = hasAgentTools(line);
	const waitWorkflowIds = [...BASIC_WAIT_WORKFLOW_IDS, ...(agents ? AI_AGENT_WORKFLOW_IDS : [])];
	await check(CHECKS.package, [CHECKS.n8n], () => installPackageForCheck(context));
	await check(CHECKS.sandbox, [], () => startSandboxForCheck(context));
	await check(CHECKS.credentials, [CHECKS.n8n, CHECKS.sandbox], async () => {
		if (agents) await chatModel.start();
		await importCredentialsForCheck(context, agents ? [chatModelCredential(chatModel)] : []);
	});

	await check(CHECKS.workflows, [CHECKS.n8n], () =>
		importWorkflowsForCheck(context, [
			...sendWorkflows('compat'),
			...BURST_TRIGGERS.map((trigger) => trigger.workflow()),
			...sendAndWaitWorkflows().filter((workflow) => BASIC_WAIT_WORKFLOW_IDS.includes(workflow.id)),
			...(agents ? aiAgentWorkflows() : []),
		]),
	);

	// ClearLine first: its messageId goes into the ClearLine receipt below.
	for (const provider of PROVIDERS) {
		await check(sendCheck(provider), [CHECKS.package, CHECKS.credentials, CHECKS.workflows], () => sendForCheck(context, provider, SEND_WORKFLOW_IDS[provider.sandboxName]));
		await check(sendLogCheck(provider), [sendCheck(provider)], () => sendLoggedForCheck(context, provider));
	}

	await check(CHECKS.activate, [CHECKS.package, CHECKS.workflows], async () => {
		for (const id of [...BURST_TRIGGERS.map((trigger) => trigger.workflowId), ...waitWorkflowIds]) await runN8nCliOrThrow(line.activateArgs(id), cliOptions(context));
		return `n8n ${line.activateArgs('<id>').join(' ')}`;
	});

	await check(CHECKS.start, [CHECKS.activate], async () => {
		context.n8n = await startN8n({ userFolder: context.userFolder, port: context.ports.n8n, brokerPort: context.ports.serveBroker, line });
		const readyAt = Date.now();
		const expected = [...BURST_TRIGGERS.map((trigger) => trigger.workflowId), ...waitWorkflowIds];
		const registered = await waitForProductionWebhooks(context, line, expected, 60_000);
		const missing = expected.filter((id) => !registered.has(id));
		assert(missing.length === 0, `n8n registered no production webhook for the workflows ${missing.join(', ')}:\n${relevantLogLines(context.n8n)}`);
		return `${context.n8n.url}, webhooks registered ${formatDuration(Date.now() - readyAt)} after "Editor is now accessible"`;
	});

	await check(CHECKS.loaded, [CHECKS.package], async () => {
		assert(context.n8n, 'n8n is not running (see the check above)');
		return await checkPackageTypesLoaded(context, context.n8n);
	});

	await check(CHECKS.clickSendRules, [CHECKS.start, CHECKS.sandbox], () => clickSendRulesForCheck(context, webhookUrl(context, CLICKSEND)));

	// n8n checks the dropdown's request, paginationToken included, before the node runs; 2.41 takes
	// more token types than 1.x and 2.8, so each line is asked.
	await check(DROPDOWN_CHECK, [CHECKS.start, CHECKS.credentials], async () => {
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		return await checkTemplateDropdown(session, context.sandbox!);
	});

	for (const [index, trigger] of BURST_TRIGGERS.entries()) {
		const messageId = trigger.title === 'ClearLine' && context.messageId ? context.messageId : trigger.messageId(70_000 + index);
		await check(answerCheck(trigger), [CHECKS.start, CHECKS.sandbox], async () => {
			const { body, contentType } = trigger.receipt(messageId);
			const answer = assertReceiptAnswered(await deliverThroughSandbox(context.sandbox!, webhookUrl(context, trigger), body, contentType), context.n8n!);
			return `POST /webhook/…/${trigger.webhookPath} → ${answer.status} ${answer.responseBody}`;
		});
		await check(executionCheck(trigger), [answerCheck(trigger)], async () => {
			const executions = await waitForExecutions(context, trigger.workflowId, 1, 20_000);
			assert(executions.length === 1, `expected 1 execution of the ${trigger.title} Trigger workflow, n8n has ${executions.length}\n${relevantLogLines(context.n8n!)}`);
			const [execution] = executions;
			assert(execution.status === 'success', `the execution ended "${execution.status}"\n${lastLines(String(execution.data), 5)}`);
			assert(String(execution.data).includes(messageId), `the execution's data does not contain ${messageId}`);
			return `execution ${execution.id} (${execution.mode})`;
		});
	}

	await check(CHECKS.clickSendRulesGone, [CHECKS.clickSendRules], () => clickSendRulesGoneForCheck(context, CLICKSEND.workflowId));

	const waitEnvironment = () => ({ n8nUrl: context.n8n!.url, userFolder: context.userFolder, sandbox: context.sandbox! });
	const waitNeeds = [CHECKS.start, CHECKS.credentials, CHECKS.workflows];
	await check(SEND_AND_WAIT_CHECKS.delivered, waitNeeds, async () => await checkDelivered(waitEnvironment()));
	await check(SEND_AND_WAIT_CHECKS.approval, waitNeeds, async () => await checkApproval(waitEnvironment()));
	if (!agents) return;
	const agentEnvironment = () => aiAgentEnvironment(context.n8n!.url, context.userFolder, context.sandbox!);
	await check(AI_AGENT_CHECKS.approved, waitNeeds, async () => await checkAgentApproved(agentEnvironment()));
	await check(AI_AGENT_CHECKS.declined, waitNeeds, async () => await checkAgentDeclined(agentEnvironment()));
	await check(AI_AGENT_CHECKS.asks, waitNeeds, async () => await checkAgentAsks(agentEnvironment()));
	await check(AI_AGENT_CHECKS.onError, waitNeeds, async () => await checkAgentGetsTheError(agentEnvironment()));
}

/**
 * The workflows whose production webhooks n8n has registered (its webhook_entity table), once all
 * are or the time is up. 1.123 and 2.8 register them before "Editor is now accessible"; 2.41
 * activates published workflows afterwards, from its publication queue.
 */
async function waitForProductionWebhooks(context: Context, line: N8nLine, workflowIds: string[], timeoutMs: number): Promise<Set<string>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rows = await queryN8nDatabase(context.userFolder, 'SELECT DISTINCT workflowId FROM webhook_entity', [], line);
		const registered = new Set(rows.map((row) => String(row.workflowId)));
		if (workflowIds.every((id) => registered.has(id)) || Date.now() > deadline) return registered;
		await sleep(500);
	}
}

function webhookUrl(context: Context, trigger: BurstTrigger): string {
	return `${context.n8n!.url}/webhook/${trigger.webhookId}/${trigger.webhookPath}`;
}

function linesToRun(args: string[]): N8nLine[] {
	const named = args.filter((arg) => !arg.startsWith('-'));
	return named.length === 0 ? LINE_ORDER : named.map(n8nLine);
}

function summary(results: LineResult[]): string {
	const rows = results.map((result) => {
		const verdict = result.run.failed() === 0 && result.run.skipped() === 0 ? 'passed' : 'FAILED';
		const install = result.installMs === undefined ? '–' : `${formatDuration(result.installMs)}${result.installed ? ' (installed)' : ' (cached)'}`;
		return `n8n ${result.line.version.padEnd(9)} Node.js ${(result.nodeVersion ?? '?').padEnd(8)} install ${install.padEnd(22)} smoke ${formatDuration(result.smokeMs).padEnd(10)} ${result.run.passed()} passed, ${result.run.failed()} failed, ${result.run.skipped()} skipped: ${verdict}`;
	});
	return rows.join('\n');
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const lines = linesToRun(process.argv.slice(2));
	const results: LineResult[] = [];
	let current: Context | undefined;
	let interrupted = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (interrupted) return;
		interrupted = true;
		console.log(`\n${signal}: stopping n8n and the sandbox…`);
		void (current ? tearDown(current) : stopAllN8nProcesses()).finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	console.log(`compat: ${PACKAGE_NAME} in n8n ${lines.map((line) => line.version).join(', ')}`);
	for (const line of lines) {
		const context = (current = await createContext(line));
		const run = createCheckRunner(`[n8n ${line.version}] `);
		const result: LineResult = { line, smokeMs: 0, run };
		results.push(result);
		console.log(`\n--- n8n ${line.version} (${line.node === 'current' ? `Node.js ${process.version.replace(/^v/, '')}` : `Node.js ${line.node.version}`}) in ${context.userFolder}`);
		try {
			await smoke(line, context, run, result);
		} catch (error) {
			run.fail('the smoke run itself', error);
		} finally {
			await tearDown(context);
			current = undefined;
		}
		console.log(`n8n ${line.version}: install ${result.installMs === undefined ? '–' : formatDuration(result.installMs)}, smoke ${formatDuration(result.smokeMs)}, ${run.passed()} passed, ${run.failed()} failed, ${run.skipped()} skipped`);
	}
	console.log(`\n=== compat summary (${formatDuration(Date.now() - startedAt)} in all)\n${summary(results)}`);
	const bad = results.some((result) => result.run.failed() > 0 || result.run.skipped() > 0);
	process.exit(bad ? 1 : 0);
}

void main();
