/**
 * `npm run test:queue`: the packed package in n8n 2.8.4's queue mode, on a real Redis and
 * PostgreSQL (Debian's packages, installed when missing): one main, one worker, two webhook
 * processors behind a round-robin proxy. Every check reads what n8n recorded from its own
 * database. Everything runs in a temporary folder on free loopback ports and is stopped and
 * removed at the end, also on failure and Ctrl-C. QUEUE_KEEP=1 keeps the folder.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { startSandbox } from '../../sandbox/server';
import { sandboxCredentials } from '../../scripts/n8n-fixtures';
import { importJsonIntoN8n, runN8nCliOrThrow, writeJsonFile, type CliOptions } from '../../scripts/n8n/cli';
import { installPackedPackage } from '../../scripts/n8n/package';
import { findFreePorts } from '../../scripts/n8n/ports';
import { stopAllN8nProcesses } from '../../scripts/n8n/processes';
import { ensureQueueServices, queryPostgres, startPostgres, startRedis, type RunningPostgres, type RunningService } from '../../scripts/n8n/services';
import { formatDuration, sleep } from '../../scripts/n8n/util';
import { agentExecution, AI_AGENT_WORKFLOW, aiAgentWorkflows, chatModelCredential, checkAgentApproved, scriptedChatModel, type AiAgentEnvironment } from '../e2e/ai-agent';
import { assert, createCheckRunner, describeError } from '../e2e/check-runner';
import { deactivateWorkflow, ownerSession, publishWorkflow, type N8nSession } from '../e2e/n8n-rest';
import { BURST_TRIGGERS, type BurstTrigger } from '../e2e/receipt-burst';
import { startQueueCluster, type QueueCluster } from '../../scripts/n8n/queue-cluster';
import { executionsOf, nodeRunTimes, recordedNodeRuns, waitForExecutions, type ExecutionRow } from '../../scripts/n8n/postgres-executions';
import { burstPlan, postBurst, SEQUENTIAL_DELAY_MS, summariseBurst } from './receipts';
import { checkApprovalWaitInQueue, checkBothProcessorsResumed, checkDeliveryWaitInQueue, QUEUE_WAIT_CHECKS, QUEUE_WAIT_WORKFLOW_IDS, queueWaitWorkflows, type QueueWaitEnvironment } from './send-and-wait';
import {
	BULK_WEBHOOK_PATH,
	BULK_WORKFLOW_ID,
	bulkSendWorkflow,
	CAMPAIGN_SEND_NODE,
	CAMPAIGN_SKIP_HOURS,
	CAMPAIGN_WEBHOOK_PATH,
	CAMPAIGN_WORKFLOW_ID,
	campaignWorkflow,
	CLEARLINE_SEND_NODE,
	CLICKSEND_SEND_NODE,
	RAN_ON_KEY,
	workload,
} from '../../scripts/n8n/queue-workflows';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface Context {
	root: string;
	redis?: RunningService;
	postgres?: RunningPostgres;
	sandbox?: Sandbox;
	cluster?: QueueCluster;
	session?: N8nSession;
	rulesAfterActivation?: string;
	/** Node times of the bulk send on the worker, for the bench. */
	bulkNodeMs?: Record<string, number>;
	/** What the killed campaign run got to the sandbox. */
	killedCampaign?: { sentBeforeKill: number; batchesBeforeKill: number };
}

const runner = createCheckRunner();
const check = runner.check;

const CLICKSEND_TRIGGER = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!;
/** Published before n8n starts; the ClickSend Trigger is activated later (its rules would receive the bulk send's 10,000 receipts). */
const PUBLISHED_AT_START = [
	BULK_WORKFLOW_ID,
	CAMPAIGN_WORKFLOW_ID,
	...BURST_TRIGGERS.filter((trigger) => trigger !== CLICKSEND_TRIGGER).map((trigger) => trigger.workflowId),
	...QUEUE_WAIT_WORKFLOW_IDS,
	AI_AGENT_WORKFLOW.id,
];

/** The AI Agent's chat model: scripted, on a free loopback port, reached by the worker. */
const chatModel = scriptedChatModel();

const CHECKS = {
	services: 'redis-server and PostgreSQL are installed (Debian packages)',
	started: 'Redis and PostgreSQL run on loopback with their data in a temporary folder',
	imported: 'the packed package, the sandbox credentials and the workflows are in n8n (CLI against PostgreSQL)',
	cluster: 'n8n runs in queue mode: one main, one worker, two webhook processors behind a round-robin proxy',
	bulk: 'a webhook-started workflow sends 10,000 ClickSend and 1,000 ClearLine messages on the worker: each message at the sandbox exactly once, 10 ClickSend requests',
	killed: 'the worker killed (SIGKILL) in the middle of a 10,000-message ClickSend campaign (the sandbox takes one batch at a time): some batches at the sandbox and some not; n8n does not run the execution again, records it as crashed, and its record cannot say what was sent',
	rerun: `the campaign run again with the same input (Skip Messages Sent in the Last (Hours) = ${CAMPAIGN_SKIP_HOURS}) sends exactly the messages the killed run had not got to ClickSend: each of the 10,000 at the sandbox exactly once overall`,
	rules: 'activating the ClickSend Trigger creates exactly one receipt rule and one inbound rule (not one per process)',
	rulesAfterRestart: 'after every process is restarted the ClickSend Trigger still has the same two rules',
	rulesGone: 'deactivating the ClickSend Trigger removes both rules',
	agentReview:
		'AI Agent in queue mode: started through the proxy, the ClearLine human review texts the manager its link and waits; Approve posted through the proxy resumes the agent, which sends the tool\'s SMS to the customer; nothing before',
};

function burstCheck(trigger: BurstTrigger): string {
	return `${trigger.title} Trigger: 1,000 distinct receipts, 10 % posted again to the other webhook processor (half a few ms after the answer, half at the same moment): none lost, every receipt posted once runs exactly once; repeats that ran twice are measured`;
}

async function runChecks(context: Context): Promise<void> {
	await check(CHECKS.services, [], async () => {
		const installed = await ensureQueueServices((message) => console.log(`      ${message}`));
		return installed.length > 0 ? `installed ${installed.join(', ')}` : 'already installed';
	});

	await check(CHECKS.started, [CHECKS.services], async () => {
		const [redisPort, postgresPort, sandboxPort] = await findFreePorts(3);
		context.redis = await startRedis(redisPort);
		context.postgres = await startPostgres(postgresPort);
		context.sandbox = await startSandbox({ port: sandboxPort, host: '127.0.0.1', quiet: true });
		await chatModel.start();
		return `redis :${redisPort}, postgres :${postgresPort}`;
	});

	await check(CHECKS.cluster, [CHECKS.started], async () => {
		context.cluster = await startQueueCluster({
			root: context.root,
			redisPort: context.redis!.port,
			postgres: context.postgres!.connection,
			prepareUserFolder: (folder, cliEnv) => prepareN8n(context, folder, cliEnv),
		});
		const activated = context.cluster.logs('main').split('\n').filter((line) => line.startsWith('Activated workflow')).length;
		assert(activated === PUBLISHED_AT_START.length, `the main activated ${activated} workflows, not ${PUBLISHED_AT_START.length}:\n${relevantLines(context.cluster.logs('main'))}`);
		context.session = await ownerSession(context.cluster.mainUrl);
		return `main ${context.cluster.mainUrl}, webhook processors ${context.cluster.webhookUrls.join(' ')}, proxy ${context.cluster.proxyUrl}`;
	});

	await check(CHECKS.bulk, [CHECKS.cluster], async () => {
		const { execution, metadata } = await runBulkSend(context);
		assert(execution.status === 'success', `the bulk execution ended "${execution.status}"`);
		assert(metadata[RAN_ON_KEY] === 'worker', `the execution record says it ran on "${metadata[RAN_ON_KEY]}", not the worker`);
		const problems = sandboxSendProblems(context.sandbox!, 0);
		assert(problems.length === 0, problems.join('\n'));
		context.bulkNodeMs = await nodeRunTimes(context.postgres!.connection, execution.id, [CLICKSEND_SEND_NODE, CLEARLINE_SEND_NODE]);
		return `execution ${execution.id} on the ${metadata[RAN_ON_KEY]}; ClickSend Send ${context.bulkNodeMs[CLICKSEND_SEND_NODE]} ms, ClearLine Send ${context.bulkNodeMs[CLEARLINE_SEND_NODE]} ms`;
	});

	await check(CHECKS.killed, [CHECKS.cluster], async () => await killWorkerMidSend(context));
	await check(CHECKS.rerun, [CHECKS.killed], async () => await runCampaignAgain(context));

	// After the bulk send, whose check counts every ClearLine send the sandbox logged.
	const waits = (): QueueWaitEnvironment => ({ connection: context.postgres!.connection, sandbox: context.sandbox!, proxyUrl: context.cluster!.proxyUrl, webhookUrls: context.cluster!.webhookUrls, proxied: context.cluster!.proxied });
	await check(QUEUE_WAIT_CHECKS.delivery, [CHECKS.cluster], async () => await checkDeliveryWaitInQueue(waits()));
	await check(QUEUE_WAIT_CHECKS.approval, [CHECKS.cluster], async () => await checkApprovalWaitInQueue(waits()));
	await check(QUEUE_WAIT_CHECKS.bothProcessors, [QUEUE_WAIT_CHECKS.delivery, QUEUE_WAIT_CHECKS.approval], async () => checkBothProcessorsResumed(context.cluster!.webhookUrls));
	await check(CHECKS.agentReview, [CHECKS.cluster], async () => await checkAgentApproved(agentEnvironment(context)));

	await check(CHECKS.rules, [CHECKS.cluster], async () => {
		await publishWorkflow(context.session!, CLICKSEND_TRIGGER.workflowId);
		const rules = await waitForRules(context.sandbox!, (found) => found.receipts.length + found.inbound.length >= 2, 20_000);
		assert(rules.receipts.length === 1 && rules.inbound.length === 1, `the sandbox holds ${rules.receipts.length} receipt rules and ${rules.inbound.length} inbound rules`);
		assert(rules.receipts[0].action_address.startsWith(context.cluster!.proxyUrl), `the receipt rule posts to ${rules.receipts[0].action_address}, not to the proxy (WEBHOOK_URL)`);
		context.rulesAfterActivation = JSON.stringify(rules);
		return `receipts → ${rules.receipts[0].action_address}`;
	});

	for (const trigger of BURST_TRIGGERS) {
		const needs = trigger === CLICKSEND_TRIGGER ? [CHECKS.rules] : [CHECKS.cluster];
		await check(burstCheck(trigger), needs, async () => await runBurst(context, trigger));
	}

	await check(CHECKS.rulesAfterRestart, [CHECKS.rules], async () => {
		await context.cluster!.restartAll();
		const rules = await sandboxRules(context.sandbox!);
		assert(JSON.stringify(rules) === context.rulesAfterActivation, `after the restart the sandbox holds ${rules.receipts.length} receipt and ${rules.inbound.length} inbound rules: ${JSON.stringify(rules)}`);
		return 'the same receipt rule and inbound rule';
	});

	await check(CHECKS.rulesGone, [CHECKS.rules], async () => {
		await deactivateWorkflow(context.session!, CLICKSEND_TRIGGER.workflowId);
		const rules = await waitForRules(context.sandbox!, (found) => found.receipts.length + found.inbound.length === 0, 20_000);
		assert(rules.receipts.length + rules.inbound.length === 0, `${rules.receipts.length} receipt and ${rules.inbound.length} inbound rules are left`);
	});
}

// ---------------------------------------------------------------------------------------------
// Setting n8n up (through its CLI, against PostgreSQL)

async function prepareN8n(context: Context, mainUserFolder: string, cliEnv: NodeJS.ProcessEnv): Promise<void> {
	await installPackedPackage(mainUserFolder, { quiet: true });
	// The same database and encryption key as the cluster's processes.
	const cli = (): CliOptions => ({ userFolder: mainUserFolder, env: cliEnv });
	await importJsonIntoN8n('import:credentials', 'credentials.json', [...sandboxCredentials(context.sandbox!.providerUrl), chatModelCredential(chatModel)], cli());
	const workflowsDir = path.join(mainUserFolder, 'workflows');
	fs.mkdirSync(workflowsDir);
	writeJsonFile(path.join(workflowsDir, 'bulk.json'), bulkSendWorkflow());
	writeJsonFile(path.join(workflowsDir, 'campaign.json'), campaignWorkflow());
	for (const trigger of BURST_TRIGGERS) writeJsonFile(path.join(workflowsDir, `${trigger.workflowId}.json`), trigger.workflow());
	for (const workflow of [...queueWaitWorkflows(), ...aiAgentWorkflows()]) writeJsonFile(path.join(workflowsDir, `${workflow.id}.json`), workflow);
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], cli());
	for (const id of PUBLISHED_AT_START) await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cli());
}

/** The AI Agent checks' view of the cluster: its webhooks through the proxy, its executions in PostgreSQL. */
function agentEnvironment(context: Context): AiAgentEnvironment {
	return {
		n8nUrl: context.cluster!.proxyUrl,
		sandbox: context.sandbox!,
		executions: async (workflowId) =>
			(
				await queryPostgres(
					context.postgres!.connection,
					'SELECT e.id, e.status, d.data FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id WHERE e."workflowId" = $1 ORDER BY e.id',
					[workflowId],
				)
			).map(agentExecution),
	};
}

// ---------------------------------------------------------------------------------------------
// The bulk send

async function postWebhook(context: Context, webhookPath: string, body: Record<string, unknown>): Promise<void> {
	const response = await fetch(`${context.cluster!.proxyUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	assert(response.ok, `the ${webhookPath} webhook answered ${response.status}: ${await response.text()}`);
}

async function postBulkWebhook(context: Context): Promise<void> {
	await postWebhook(context, BULK_WEBHOOK_PATH, { campaign: 'queue-test' });
}

async function runBulkSend(context: Context): Promise<{ execution: ExecutionRow; metadata: Record<string, string> }> {
	const before = (await executionsOf(context.postgres!.connection, BULK_WORKFLOW_ID)).length;
	await postBulkWebhook(context);
	const executions = await waitForExecutions(context.postgres!.connection, BULK_WORKFLOW_ID, before + 1, 600_000);
	const execution = executions[executions.length - 1];
	assert(executions.length === before + 1, `${executions.length - before} bulk executions, not 1`);
	// In queue mode the main saves the custom data after the worker has saved the execution as
	// finished (execution-lifecycle-hooks.js), later still on a busy machine.
	const deadline = Date.now() + 30_000;
	for (;;) {
		const rows = await queryPostgres(context.postgres!.connection, 'SELECT key, value FROM execution_metadata WHERE "executionId" = $1', [execution.id]);
		if (rows.length > 0 || Date.now() > deadline) return { execution, metadata: Object.fromEntries(rows.map((row) => [String(row.key), String(row.value)])) };
		await sleep(500);
	}
}

/** Every message of both workloads at the sandbox exactly once, among the requests logged after `from`. */
function sandboxSendProblems(sandbox: Sandbox, from: number): string[] {
	const problems: string[] = [];
	for (const provider of ['clicksend', 'clearline'] as const) {
		const sendWorkload = workload(provider);
		const sends = sandbox
			.requests({ provider, method: 'POST', path: sendWorkload.sendPath })
			.slice(provider === 'clicksend' ? from : 0)
			.filter((entry) => entry.status !== null && entry.status < 300);
		const expectedRequests = Math.ceil(sendWorkload.messages / sendWorkload.messagesPerRequest);
		if (sends.length !== expectedRequests) problems.push(`${sendWorkload.title}: ${sends.length} accepted send requests, not ${expectedRequests}`);
		const received = new Map<string, number>();
		for (const entry of sends) for (const digits of sendWorkload.receivedRecipients(entry)) received.set(digits, (received.get(digits) ?? 0) + 1);
		const expected = Array.from({ length: sendWorkload.messages }, (_, index) => sendWorkload.recipient(index).digits);
		const missing = expected.filter((digits) => !received.has(digits)).length;
		const twice = expected.filter((digits) => (received.get(digits) ?? 0) > 1).length;
		if (missing > 0 || twice > 0) problems.push(`${sendWorkload.title}: ${missing} messages not received, ${twice} received more than once`);
	}
	return problems;
}

/** The campaign every run of the kill and re-run checks sends: its Custom Strings are `<campaign>-<row>`. */
const KILLED_CAMPAIGN = 'spring-sale';
/** How long the sandbox holds each ClickSend batch's answer, one batch after another, during the kill. */
const HOLD_MS = 1000;
/** Batches answered before the kill lands. */
const ANSWERED_BEFORE_KILL = 3;

interface CampaignSends {
	/** Accepted send requests (status 2xx, or taken and held when the client died). */
	requests: number;
	/** How many times each recipient's campaign message reached the sandbox. */
	received: Map<string, number>;
}

/** The campaign's messages at the sandbox: the accepted ClickSend sends whose messages carry its Custom Strings. */
function campaignSends(sandbox: Sandbox): CampaignSends {
	const clickSend = workload('clicksend');
	const received = new Map<string, number>();
	let requests = 0;
	for (const entry of sandbox.requests({ provider: 'clicksend', method: 'POST', path: clickSend.sendPath })) {
		if (entry.status === null || entry.status >= 300) continue;
		const messages = ((entry.body as { messages?: Array<{ to: string; custom_string?: string }> }).messages ?? []).filter((message) => message.custom_string?.startsWith(`${KILLED_CAMPAIGN}-`));
		if (messages.length === 0) continue;
		requests++;
		for (const message of messages) {
			const digits = message.to.replace(/\D/g, '');
			received.set(digits, (received.get(digits) ?? 0) + 1);
		}
	}
	return { requests, received };
}

async function killWorkerMidSend(context: Context): Promise<string> {
	const sandbox = context.sandbox!;
	const cluster = context.cluster!;
	const connection = context.postgres!.connection;
	const executionsBefore = (await executionsOf(connection, CAMPAIGN_WORKFLOW_ID)).length;
	const answered = () => sandbox.requests({ provider: 'clicksend', method: 'POST', path: workload('clicksend').sendPath }).filter((entry) => entry.fault === 'hold' && entry.status !== null).length;
	// The sandbox takes one batch at a time and answers each HOLD_MS later, so the kill lands with
	// some batches answered, one taken whose answer is still held, and the rest not taken.
	let answeredAtKill = 0;
	sandbox.injectFault({ provider: 'clicksend', kind: 'hold', method: 'POST', path: workload('clicksend').sendPath, holdMs: HOLD_MS, times: -1 });
	try {
		await postWebhook(context, CAMPAIGN_WEBHOOK_PATH, { campaign: KILLED_CAMPAIGN });
		const deadline = Date.now() + 120_000;
		while (answered() < ANSWERED_BEFORE_KILL && Date.now() < deadline) await sleep(20);
		answeredAtKill = answered();
		cluster.processes.get('worker')!.killNow();
		await cluster.processes.get('worker')!.exited;
	} finally {
		sandbox.clearFaults();
	}
	// The held requests still in line find their client gone and are not taken.
	await sleep(HOLD_MS * 2);
	const atKill = campaignSends(sandbox);
	const sentBeforeKill = atKill.received.size;
	assert(atKill.requests > 0 && atKill.requests < 10, `${atKill.requests} of 10 campaign batches reached the sandbox: the kill did not land in the middle of the send`);
	await cluster.start('worker');
	// Bull gives up a job whose worker stopped renewing its lock (n8n sets maxStalledCount 0, so it
	// never runs it again); the main's queue recovery then marks the execution crashed.
	const executions = await waitForExecutions(connection, CAMPAIGN_WORKFLOW_ID, executionsBefore + 1, 240_000);
	const killed = executions[executions.length - 1];
	await sleep(5_000);
	const afterRestart = campaignSends(sandbox);
	assert(afterRestart.requests === atKill.requests, `${afterRestart.requests - atKill.requests} campaign batches after the worker was killed and started again (n8n ran the execution again)`);
	assert(killed.status === 'crashed', `the killed execution is "${killed.status}", not crashed`);
	// What n8n recorded: its crash recovery rebuilds the runs from the event log, and a node that
	// started but never finished gets a 'crashed' run without output (execution-recovery.service.js).
	const send = (await recordedNodeRuns(connection, killed.id))[CAMPAIGN_SEND_NODE];
	assert(send !== undefined, `the crashed execution has no run of ${CAMPAIGN_SEND_NODE}`);
	assert(send.outputItems === 0, `the crashed execution holds ${send.outputItems} output items of ${CAMPAIGN_SEND_NODE}`);
	context.killedCampaign = { sentBeforeKill, batchesBeforeKill: atKill.requests };
	return `${atKill.requests} of 10 batches (${sentBeforeKill} messages) had reached the sandbox, ${answeredAtKill} of them answered before the kill; execution ${killed.id} is "${killed.status}", its ${CAMPAIGN_SEND_NODE} run "${send.status}" (${send.error ?? 'no error'}) with no output: n8n cannot say what was sent; nothing was sent again`;
}

async function runCampaignAgain(context: Context): Promise<string> {
	const sandbox = context.sandbox!;
	const connection = context.postgres!.connection;
	const { sentBeforeKill, batchesBeforeKill } = context.killedCampaign!;
	const executionsBefore = (await executionsOf(connection, CAMPAIGN_WORKFLOW_ID)).length;
	const startedAt = Date.now();
	await postWebhook(context, CAMPAIGN_WEBHOOK_PATH, { campaign: KILLED_CAMPAIGN });
	const executions = await waitForExecutions(connection, CAMPAIGN_WORKFLOW_ID, executionsBefore + 1, 300_000);
	const rerun = executions[executions.length - 1];
	assert(executions.length === executionsBefore + 1 && rerun.status === 'success', `the re-run ended "${rerun.status}" (${executions.length - executionsBefore} new executions)`);
	const clickSend = workload('clicksend');
	const { requests, received } = campaignSends(sandbox);
	const expected = Array.from({ length: clickSend.messages }, (_, index) => clickSend.recipient(index).digits);
	const missing = expected.filter((digits) => !received.has(digits)).length;
	const twice = expected.filter((digits) => (received.get(digits) ?? 0) > 1).length;
	assert(missing === 0 && twice === 0, `over both runs ${missing} campaign messages never reached the sandbox and ${twice} reached it more than once`);
	const sentAgain = [...received.values()].reduce((sum, count) => sum + count, 0) - sentBeforeKill;
	const nodeMs = await nodeRunTimes(connection, rerun.id, [CAMPAIGN_SEND_NODE]);
	return `the re-run (execution ${rerun.id}, ${formatDuration(Date.now() - startedAt)}; ${CAMPAIGN_SEND_NODE} ${nodeMs[CAMPAIGN_SEND_NODE]} ms with the history read) sent ${sentAgain} messages in ${requests - batchesBeforeKill} requests and left out the ${sentBeforeKill} the killed run had got to ClickSend: all 10,000 at the sandbox exactly once`;
}

// ---------------------------------------------------------------------------------------------
// The trigger bursts

async function runBurst(context: Context, trigger: BurstTrigger): Promise<string> {
	const connection = context.postgres!.connection;
	const before = (await executionsOf(connection, trigger.workflowId)).length;
	const plan = burstPlan(trigger);
	const startedAt = Date.now();
	const failures = await postBurst(context.cluster!.webhookUrls, trigger, plan);
	assert(failures.length === 0, `${failures.length} posts not answered 2xx, e.g. ${failures.slice(0, 3).join('; ')}`);
	const executions = await waitForExecutions(connection, trigger.workflowId, before + plan.distinct.length, 300_000, { withData: true });
	const elapsedMs = Date.now() - startedAt;
	const summary = summariseBurst(executions.slice(before), plan);
	assert(summary.lost.length === 0, `${summary.lost.length} distinct receipts have no successful execution, e.g. ${summary.lost.slice(0, 3).join(', ')}`);
	assert(summary.unsuccessful === 0, `${summary.unsuccessful} executions did not succeed`);
	assert(summary.singleTwice.length === 0, `${summary.singleTwice.length} receipts posted once ran more than once`);
	// Not exact across processes (README, Running at scale): each webhook processor writes the whole
	// static data it loaded, so one processor's save can drop a fingerprint the other just saved.
	return `${plan.posts} posts, ${executions.length - before} executions in ${formatDuration(elapsedMs)}; repeats that ran twice: ${summary.sequentialTwice.length} of ${plan.sequential.length} posted ${SEQUENTIAL_DELAY_MS} ms after the answer, ${summary.simultaneousTwice.length} of ${plan.simultaneous.length} posted at the same moment`;
}

// ---------------------------------------------------------------------------------------------
// The ClickSend rules in the sandbox

interface SandboxRule {
	rule_name: string;
	action_address: string;
}

type Rules = { receipts: SandboxRule[]; inbound: SandboxRule[] };

async function sandboxRules(sandbox: Sandbox): Promise<Rules> {
	return sandbox.inspect('clicksend', 'rules') as Rules;
}

async function waitForRules(sandbox: Sandbox, done: (rules: Rules) => boolean, timeoutMs: number): Promise<Rules> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const rules = await sandboxRules(sandbox);
		if (done(rules) || Date.now() > deadline) return rules;
		await sleep(200);
	}
}

// ---------------------------------------------------------------------------------------------
// Setting up and tearing down

function relevantLines(log: string): string {
	const lines = log.split('\n');
	const problems = lines.filter((line) => /error|warn|fail|problem/i.test(line) && !line.includes('Python task runner'));
	return (problems.length > 0 ? problems : lines).slice(-20).join('\n');
}

async function tearDown(context: Context): Promise<void> {
	await context.cluster?.stop().catch(() => undefined);
	await stopAllN8nProcesses(20_000);
	await context.sandbox?.close();
	await context.postgres?.stop();
	await context.redis?.stop();
	if (process.env.QUEUE_KEEP === '1') {
		console.log(`kept ${context.root}`);
		return;
	}
	fs.rmSync(context.root, { recursive: true, force: true });
}

function tearDownOnInterrupt(context: Context): void {
	let interrupted = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (interrupted) return;
		interrupted = true;
		console.log(`\n${signal}: stopping n8n, Redis, PostgreSQL and the sandbox…`);
		void tearDown(context).finally(() => process.exit(130));
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
	const startedAt = Date.now();
	const context: Context = { root: fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-queue-')) };
	tearDownOnInterrupt(context);
	console.log(`queue mode: n8n 2.8.4 main + worker + 2 webhook processors, Redis, PostgreSQL, in ${context.root}`);
	try {
		await runChecks(context);
	} catch (error) {
		runner.fail('the queue-mode run itself', error);
	} finally {
		await tearDown(context);
		await chatModel.close();
	}
	console.log(`test:queue took ${formatDuration(Date.now() - startedAt)}`);
	console.log(`${runner.passed()} passed, ${runner.failed()} failed`);
	process.exit(runner.failed() > 0 || runner.skipped() > 0 ? 1 : 0);
}

if (require.main === module) void main().catch((error) => {
	console.error(describeError(error));
	process.exit(1);
});
