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

import { startSandbox } from '../../sandbox/server';
import {
	CLEARLINE,
	clearLineTriggerWorkflow,
	receiptDeduplicationWorkflow,
	RECIPE_NODES,
	deliveryReceiptUrl,
	PROVIDERS,
	sandboxCredentials,
	sendWorkflow,
	type ProviderFixture,
	type SandboxProviderName,
} from '../../scripts/n8n-fixtures';
import { executeWorkflow, firstNodeRun, importJsonIntoN8n, runN8nCliOrThrow, writeJsonFile } from '../../scripts/n8n/cli';
import { queryN8nDatabase } from '../../scripts/n8n/database';
import { ensureN8n } from '../../scripts/n8n/install';
import { installPackedPackage, REPO_ROOT } from '../../scripts/n8n/package';
import { findFreePorts } from '../../scripts/n8n/ports';
import { startN8n, stopAllN8nProcesses, type RunningN8n } from '../../scripts/n8n/processes';
import { formatDuration, sleep } from '../../scripts/n8n/util';
import { eventFingerprint, PERSISTED_EVENTS } from '../../lib/event-memory';
import { SANDBOX_SECRETS } from '../reliability/no-secrets';
import { deactivateWorkflow, listenForTestEvent, ownerSession, type N8nSession } from './n8n-rest';
import { BURST_POSTS, BURST_TRIGGERS, burstMessageIds, fireBurst, type BurstTrigger } from './receipt-burst';
import { assert, createCheckRunner, describeError } from './check-runner';
import { errorBranchProblems, errorBranchWorkflow } from './error-output-workflow';
import { executionsPerId, postReceipts, RESTART_TRIGGER, restartMessageIds } from './restarts';
import { checkApproval, checkDelivered, checkFailed, checkSmscpr, LimitedWait, SEND_AND_WAIT_CHECKS, SEND_AND_WAIT_WORKFLOW_IDS, sendAndWaitWorkflows, type SendAndWaitEnvironment } from './send-and-wait';

const PACKAGE_NAME = 'n8n-nodes-sms-gateways';
const SEND_WORKFLOW_IDS: Record<SandboxProviderName, string> = {
	clearline: 'e2eClearLineSend',
	smscpr: 'e2eSmscprSend000',
	amigo: 'e2eAmigoSend0000',
	skycore: 'e2eSkycoreSend00',
	clicksend: 'e2eClickSendSnd0',
};
const TRIGGER_WORKFLOW_ID = 'e2eClearLineRcpt';
const ERROR_BRANCH_WORKFLOW_ID = 'e2eClearLineErrs';
const RECIPE_WORKFLOW = { id: 'e2eDedupeRecipe0', webhookId: '5d0c7f5e-2b1a-4c3d-9e8f-7a6b5c4d3e30' };
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
	/** The owner's session in the running n8n (set up once per user folder). */
	session?: N8nSession;
}

const runner = createCheckRunner();
const check = runner.check;

// ---------------------------------------------------------------------------------------------
// The checks

const CHECKS = {
	n8n: 'n8n 2.8.4 is installed in the cache',
	package: 'the packed package installs into n8n\'s nodes folder',
	sandbox: 'the sandbox starts',
	credentials: `n8n imports the sandbox credentials (${PROVIDERS.map((provider) => provider.title).join(', ')})`,
	workflows: 'n8n imports the send workflows and the trigger workflow in one run',
	publish: 'n8n publishes the ClearLine Trigger workflow',
	start: 'n8n starts with the package loaded',
	loaded: 'n8n loaded every node and credential type of the package',
	receipt: 'the delivery receipt posted through the sandbox is accepted by the trigger',
	execution: 'n8n recorded one successful trigger execution carrying the messageId',
	publishSendAndWait: 'n8n publishes the Send and Wait workflows (Webhook node → Send and Wait for Delivery → Delivered?)',
	publishBurst: `n8n publishes the receipt-burst workflows (${BURST_TRIGGERS.map((trigger) => trigger.title).join(', ')} Trigger)`,
	clickSendRules: 'the ClickSend Trigger created its receipt and inbound rules in the sandbox when n8n activated it',
	errorBranch: 'a ClearLine send with On Error › Continue (using error output) routes the refused item to the error branch and the two others to the success branch',
	testNextToProduction: 'while the editor listens for a test event on the active ClickSend Trigger, an event posted to the test URL first and then to the production URL still runs the production workflow',
	clickSendRulesGone: 'deactivating the ClickSend Trigger workflow in the running n8n leaves no automation rule behind',
	noSecretsLogged: 'n8n\'s log and saved executions hold none of the sandbox credentials\' secrets',
	stopAfterBurst: '1,000 ClearLine receipts at 20 in flight: when the last answer arrives n8n holds an execution for every answered one; stopped gracefully then and started again, every answered receipt has exactly one successful execution',
	replayAfterRestart: '200 ClearLine receipts, n8n restarted, the same 200 again: no new execution',
	dedupeRecipe: 'the README\'s recipe (trigger memory off, Remove Duplicates on eventKey): 30 receipts posted one at a time three times, the third after a restart, run the workflow\'s steps once each',
	memoryBound: 'after more than 5,000 receipts the ClearLine Trigger\'s saved static data is at most 4 KB and holds the newest receipts',
};

/** What one trigger's saved static data may hold at most, whatever came before (issue: ≤ 4 KB per receipt). */
const STATIC_DATA_BOUND_BYTES = 4096;

function burstCheck(trigger: BurstTrigger): string {
	return `${BURST_POSTS} ${trigger.title} receipts (every tenth posted twice) give exactly one successful execution per distinct receipt`;
}

function sendCheck(provider: ProviderFixture): string {
	return `n8n execute runs Manual Trigger → ${provider.title} Send and returns a message ID (${provider.messageIdField})`;
}

function sendLogCheck(provider: ProviderFixture): string {
	return `the sandbox received exactly one accepted ${provider.title} send with the ${provider.authHeader.name} header`;
}

async function runChecks(context: Context): Promise<void> {
	await check(CHECKS.n8n, [], async () => {
		const { n8nBin } = await ensureN8n();
		return path.dirname(path.dirname(n8nBin));
	});

	await check(CHECKS.package, [], async () => {
		const tarball = await installPackedPackage(context.userFolder, { quiet: true });
		const { nodes, credentials } = installedPackageLists(context);
		for (const file of ['package.json', ...nodes, ...credentials]) {
			assert(fs.existsSync(path.join(installedPackageDir(context), file)), `${file} is missing from the installed package`);
		}
		return `${tarball}, ${nodes.length} nodes, ${credentials.length} credentials`;
	});

	await check(CHECKS.sandbox, [], async () => {
		context.sandbox = await startSandbox({ port: context.ports.sandbox, host: '127.0.0.1', quiet: true });
		return context.sandbox.baseUrl;
	});

	await check(CHECKS.credentials, [CHECKS.n8n, CHECKS.sandbox], async () => {
		const credentials = sandboxCredentials(context.sandbox!.providerUrl);
		await importJsonIntoN8n('import:credentials', 'credentials.json', credentials, cliOptions(context));
		const rows = await queryN8nDatabase(context.userFolder, 'SELECT name FROM credentials_entity');
		const names = new Set(rows.map((row) => String(row.name)));
		const missing = credentials.filter((credential) => !names.has(credential.name));
		assert(missing.length === 0, `not in n8n's database: ${missing.map((credential) => credential.name).join(', ')}`);
	});

	await check(CHECKS.workflows, [CHECKS.n8n], async () => {
		const workflowsDir = path.join(context.userFolder, 'workflows');
		fs.mkdirSync(workflowsDir);
		for (const provider of PROVIDERS) {
			const workflow = sendWorkflow(provider, { id: SEND_WORKFLOW_IDS[provider.sandboxName], name: `e2e: ${provider.title} send` });
			writeJsonFile(path.join(workflowsDir, `send-${provider.sandboxName}.json`), workflow);
		}
		writeJsonFile(
			path.join(workflowsDir, 'receipt.json'),
			clearLineTriggerWorkflow({ id: TRIGGER_WORKFLOW_ID, name: 'e2e: ClearLine receipt', webhookId: TRIGGER_WEBHOOK_ID }),
		);
		for (const trigger of BURST_TRIGGERS) writeJsonFile(path.join(workflowsDir, `burst-${trigger.workflowId}.json`), trigger.workflow());
		writeJsonFile(
			path.join(workflowsDir, 'dedupe-recipe.json'),
			receiptDeduplicationWorkflow({ ...RECIPE_WORKFLOW, name: 'e2e: ClearLine Trigger → Remove Duplicates on eventKey', ignoreDuplicates: false }),
		);
		writeJsonFile(path.join(workflowsDir, 'error-branch.json'), errorBranchWorkflow({ id: ERROR_BRANCH_WORKFLOW_ID, name: 'e2e: ClearLine send with an error branch' }));
		for (const workflow of sendAndWaitWorkflows()) writeJsonFile(path.join(workflowsDir, `wait-${workflow.id}.json`), workflow);
		// One CLI start for all: each n8n CLI command costs several seconds.
		await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], cliOptions(context));
		const ids = [...Object.values(SEND_WORKFLOW_IDS), TRIGGER_WORKFLOW_ID, ERROR_BRANCH_WORKFLOW_ID, RECIPE_WORKFLOW.id, ...BURST_TRIGGERS.map((trigger) => trigger.workflowId), ...SEND_AND_WAIT_WORKFLOW_IDS];
		const rows = await queryN8nDatabase(context.userFolder, `SELECT id FROM workflow_entity WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
		assert(rows.length === ids.length, `expected ${ids.length} workflows in n8n's database, found ${rows.length}`);
		return `${ids.length} workflows`;
	});

	// ClearLine first: its messageId goes into the delivery receipt below.
	for (const provider of PROVIDERS) {
		await check(sendCheck(provider), [CHECKS.package, CHECKS.credentials, CHECKS.workflows], async () => {
			const result = await executeWorkflow(SEND_WORKFLOW_IDS[provider.sandboxName], cliOptions(context));
			const json = firstOutputItem(result.output, 'Send SMS');
			const failure = executionError(result.output);
			assert(result.exitCode === 0 && !failure, `n8n execute exited ${result.exitCode}: ${failure ?? lastLines(result.raw.stdout + result.raw.stderr, 15)}`);
			const messageId = json?.[provider.messageIdField];
			assert(typeof messageId === 'string' && messageId.length > 0, `no ${provider.messageIdField} in the output item: ${JSON.stringify(json)}`);
			if (provider === CLEARLINE) context.messageId = messageId;
			return `${provider.messageIdField} ${messageId}`;
		});

		await check(sendLogCheck(provider), [sendCheck(provider)], async () => {
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
		});
	}

	await check(CHECKS.errorBranch, [CHECKS.package, CHECKS.credentials, CHECKS.workflows], async () => {
		const result = await executeWorkflow(ERROR_BRANCH_WORKFLOW_ID, cliOptions(context));
		const problems = errorBranchProblems(result.output);
		assert(problems.length === 0, `${problems.join('; ')}\n${lastLines(result.raw.stdout + result.raw.stderr, 10)}`);
		return '2 items on the success branch, 1 on the error branch';
	});

	await check(CHECKS.publish, [CHECKS.package, CHECKS.workflows], async () => {
		await runN8nCliOrThrow(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`], cliOptions(context));
	});

	await check(CHECKS.publishBurst, [CHECKS.package, CHECKS.workflows], async () => {
		for (const id of [...BURST_TRIGGERS.map((trigger) => trigger.workflowId), RECIPE_WORKFLOW.id]) {
			await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cliOptions(context));
		}
	});

	await check(CHECKS.publishSendAndWait, [CHECKS.package, CHECKS.workflows], async () => {
		for (const id of SEND_AND_WAIT_WORKFLOW_IDS) await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cliOptions(context));
	});

	await check(CHECKS.start, [CHECKS.package, CHECKS.publish], async () => {
		context.n8n = await startN8n({ userFolder: context.userFolder, port: context.ports.n8n, brokerPort: context.ports.serveBroker });
		// Not just the ID: a failed activation ("Issue on initial workflow activation …") names it too.
		const activated = context.n8n
			.logs()
			.split('\n')
			.some((line) => line.startsWith('Activated workflow') && line.includes(`(ID: ${TRIGGER_WORKFLOW_ID})`));
		assert(activated, `n8n did not activate the trigger workflow:\n${relevantLogLines(context.n8n)}`);
		return context.n8n.url;
	});

	// Not behind the start check: a package that fails to load also fails that one, and this
	// check says which types are missing.
	await check(CHECKS.loaded, [CHECKS.package], async () => {
		assert(context.n8n, 'n8n is not running (see the check above)');
		return await checkPackageTypesLoaded(context, context.n8n);
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
		const executions = await waitForExecutions(context, TRIGGER_WORKFLOW_ID, 1, 20_000);
		assert(executions.length === 1, `expected 1 execution of the trigger workflow, n8n has ${executions.length}\n${relevantLogLines(context.n8n!)}`);
		const [execution] = executions;
		assert(execution.status === 'success', `the execution ended "${execution.status}"\n${lastLines(String(execution.data), 5)}`);
		assert(String(execution.data).includes(messageId), `the execution's data does not contain the messageId ${messageId}`);
		return `execution ${execution.id} (${execution.mode})`;
	});

	const waitEnvironment = (): SendAndWaitEnvironment => ({ n8nUrl: context.n8n!.url, userFolder: context.userFolder, sandbox: context.sandbox! });
	const waitNeeds = [CHECKS.start, CHECKS.publishSendAndWait, CHECKS.credentials];
	await check(SEND_AND_WAIT_CHECKS.delivered, waitNeeds, async () => await checkDelivered(waitEnvironment()));
	await check(SEND_AND_WAIT_CHECKS.failed, waitNeeds, async () => await checkFailed(waitEnvironment()));
	await check(SEND_AND_WAIT_CHECKS.smscpr, waitNeeds, async () => await checkSmscpr(waitEnvironment()));
	await check(SEND_AND_WAIT_CHECKS.approval, waitNeeds, async () => await checkApproval(waitEnvironment()));
	// The limit's wait starts here and is checked after the burst checks: n8n resumes it within about a minute.
	const limitedWait = new LimitedWait(waitEnvironment());
	await check(SEND_AND_WAIT_CHECKS.forged, [...waitNeeds, SEND_AND_WAIT_CHECKS.delivered], async () => {
		await limitedWait.start();
		return await limitedWait.checkForgedLinks();
	});

	await check(CHECKS.clickSendRules, [CHECKS.start, CHECKS.publishBurst], async () => {
		const clickSend = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!;
		const url = `${context.n8n!.url}/webhook/${clickSend.webhookId}/${clickSend.webhookPath}`;
		const rules = await sandboxRules(context.sandbox!);
		const pointing = [...rules.receipts, ...rules.inbound].filter((rule) => rule.action_address === url);
		assert(rules.receipts.length === 1 && rules.inbound.length === 1 && pointing.length === 2, `the sandbox has ${JSON.stringify(rules)}; expected one receipt and one inbound rule sending to ${url}`);
		return `rules "${rules.receipts[0].rule_name}" → ${url}`;
	});

	for (const trigger of BURST_TRIGGERS) {
		await check(burstCheck(trigger), [CHECKS.start, CHECKS.publishBurst, CHECKS.sandbox], async () => {
			const { posts, distinct } = burstMessageIds(trigger);
			const url = `${context.n8n!.url}/webhook/${trigger.webhookId}/${trigger.webhookPath}`;
			const startedAt = Date.now();
			const failures = await fireBurst(context.sandbox!.baseUrl, url, trigger, posts);
			assert(failures.length === 0, `${failures.length} posts were not answered 2xx, e.g. ${failures.slice(0, 3).join('; ')}\n${relevantLogLines(context.n8n!)}`);
			const firedMs = Date.now() - startedAt;
			const executions = await waitForExecutions(context, trigger.workflowId, distinct.length, 120_000);
			const notSuccessful = executions.filter((execution) => execution.status !== 'success');
			assert(notSuccessful.length === 0, `${notSuccessful.length} executions did not succeed, e.g. ${notSuccessful[0]?.status}: ${lastLines(String(notSuccessful[0]?.data), 3)}`);
			const perId = new Map(distinct.map((id) => [id, 0]));
			for (const execution of executions) {
				const data = String(execution.data);
				for (const id of distinct) if (data.includes(id)) perId.set(id, (perId.get(id) ?? 0) + 1);
			}
			const wrong = [...perId].filter(([, count]) => count !== 1);
			assert(
				executions.length === distinct.length && wrong.length === 0,
				`${posts.length} posts of ${distinct.length} distinct receipts gave ${executions.length} executions; ${wrong.length} receipts not in exactly one, e.g. ${wrong.slice(0, 3).map(([id, count]) => `${id} ×${count}`).join(', ')}`,
			);
			return `${posts.length} posts in ${formatDuration(firedMs)}, ${executions.length} executions for ${distinct.length} distinct receipts`;
		});
	}

	await check(CHECKS.testNextToProduction, [CHECKS.clickSendRules], async () => {
		const clickSend = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!;
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		await listenForTestEvent(session, clickSend.workflowId, 'ClickSend Trigger');
		const rules = await sandboxRules(context.sandbox!);
		const messageId = clickSend.messageId(90_001);
		const { body } = clickSend.receipt(messageId);
		const form = new URLSearchParams(body as Record<string, string>).toString();
		const before = await executionsOf(context, clickSend.workflowId);
		// ClickSend posts an event to every rule; here the test rule's post comes first.
		const answers: number[] = [];
		for (const base of [`${context.n8n!.url}/webhook-test`, `${context.n8n!.url}/webhook`]) {
			const response = await fetch(`${base}/${clickSend.webhookId}/${clickSend.webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: form,
			});
			answers.push(response.status);
			await response.arrayBuffer();
		}
		assert(answers.every((status) => status === 200), `the test and production URLs answered ${answers.join(' and ')}`);
		const executions = await waitForExecutions(context, clickSend.workflowId, before.length + 1, 20_000);
		const production = executions.filter((execution) => execution.mode === 'webhook' && String(execution.data).includes(messageId));
		assert(production.length === 1 && production[0].status === 'success', `${production.length} production executions carry the event (expected one successful one); modes: ${executions.slice(before.length).map((execution) => execution.mode).join(', ')}`);
		return `test URL then production URL → 200, 200; ${rules.receipts.length} receipt rules while listening; production execution ${production[0].id}`;
	});

	await check(CHECKS.clickSendRulesGone, [CHECKS.clickSendRules], async () => {
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		await deactivateWorkflow(session, BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!.workflowId);
		const rules = await sandboxRules(context.sandbox!);
		assert(rules.receipts.length === 0 && rules.inbound.length === 0, `rules left in the sandbox after deactivation: ${JSON.stringify(rules)}\n${relevantLogLines(context.n8n!)}`);
		const deletes = (await sandboxRequests(context.sandbox!, 'clicksend')).filter((entry) => entry.method === 'DELETE');
		return `${deletes.length} rules deleted (${summariseRequests(deletes)})`;
	});

	await check(SEND_AND_WAIT_CHECKS.timedOut, [SEND_AND_WAIT_CHECKS.forged], async () => await limitedWait.checkTimedOut());

	await check(CHECKS.noSecretsLogged, [CHECKS.start], async () => {
		const executions = await queryN8nDatabase(context.userFolder, 'SELECT data FROM execution_data');
		const text = `${context.n8n!.logs()}\n${executions.map((row) => String(row.data)).join('\n')}`;
		const found = SANDBOX_SECRETS.filter((secret) => text.includes(secret));
		// Counted, never printed.
		assert(found.length === 0, `${found.length} of the sandbox secrets appear in n8n's log or executions`);
		return `${executions.length} executions and the log searched`;
	});

	const restartUrl = () => `${context.n8n!.url}/webhook/${RESTART_TRIGGER.webhookId}/${RESTART_TRIGGER.webhookPath}`;
	const restartN8n = async () => {
		await context.n8n!.stop();
		context.n8n = await startN8n({ userFolder: context.userFolder, port: context.ports.n8n, brokerPort: context.ports.serveBroker });
	};

	await check(CHECKS.stopAfterBurst, [CHECKS.start, CHECKS.publishBurst], async () => {
		const before = (await executionsOf(context, RESTART_TRIGGER.workflowId)).length;
		const messageIds = restartMessageIds(1, 1000);
		const outcomes = await postReceipts(restartUrl(), messageIds);
		const answered = outcomes.filter(({ status }) => status !== null && status >= 200 && status < 300).map(({ messageId }) => messageId);
		// An answer is a promise that n8n holds the execution: its row must exist when the answer does.
		const heldWhenAnswered = (await executionRowCount(context, RESTART_TRIGGER.workflowId)) - before;
		// Graceful, the moment the last answer is back: what a deploy does to a busy n8n.
		await restartN8n();
		assert(heldWhenAnswered >= answered.length, `when the last of ${answered.length} answers arrived, n8n held only ${heldWhenAnswered} executions for them`);
		const executions = await waitForExecutions(context, RESTART_TRIGGER.workflowId, before + answered.length, 120_000);
		const { count, unsuccessful } = executionsPerId(executions, answered);
		const notOnce = answered.filter((id) => count.get(id) !== 1);
		assert(
			notOnce.length === 0 && unsuccessful.size === 0,
			`${notOnce.length} answered receipts not in exactly one execution (e.g. ${notOnce.slice(0, 3).map((id) => `${id} ×${count.get(id)}`).join(', ')}); ${unsuccessful.size} in an execution that did not succeed (e.g. ${[...unsuccessful.values()][0]?.join(', ')})`,
		);
		return `${answered.length} of ${messageIds.length} answered 2xx, ${heldWhenAnswered} executions held by n8n when the last answer arrived, each receipt in one successful execution after the restart`;
	});

	await check(CHECKS.replayAfterRestart, [CHECKS.start, CHECKS.publishBurst], async () => {
		const messageIds = restartMessageIds(2, 200);
		const first = await postReceipts(restartUrl(), messageIds);
		assert(first.every(({ status }) => status === 200), `the first posts were not all answered 200: ${first.filter(({ status }) => status !== 200).length} not`);
		const afterFirst = await waitForExecutions(context, RESTART_TRIGGER.workflowId, (await executionsOf(context, RESTART_TRIGGER.workflowId)).length, 60_000);
		await restartN8n();
		const again = await postReceipts(restartUrl(), messageIds);
		assert(again.every(({ status }) => status === 200), `the replayed posts were not all answered 200: ${again.filter(({ status }) => status !== 200).length} not`);
		const afterReplay = await waitForExecutions(context, RESTART_TRIGGER.workflowId, afterFirst.length, 10_000);
		const { count } = executionsPerId(afterReplay, messageIds);
		const twice = messageIds.filter((id) => (count.get(id) ?? 0) > 1);
		assert(twice.length === 0 && afterReplay.length === afterFirst.length, `${afterReplay.length - afterFirst.length} new executions after the restart; ${twice.length} receipts ran twice`);
		return `${messageIds.length} replayed receipts answered 200, ${afterReplay.length - afterFirst.length} new executions`;
	});

	await check(CHECKS.dedupeRecipe, [CHECKS.start, CHECKS.publishBurst], async () => {
		const url = deliveryReceiptUrl(context.n8n!.url, RECIPE_WORKFLOW.webhookId);
		const messageIds = restartMessageIds(4, 30);
		let expected = 0;
		for (let round = 0; round < 3; round++) {
			// The third round after a restart: Remove Duplicates keeps its record in n8n's database.
			if (round === 2) await restartN8n();
			// One at a time: n8n's Remove Duplicates reads and writes its record without a lock, so
			// receipts at the same moment are not its case (docs/triggers.md).
			const outcomes = await postReceipts(url, messageIds, 1);
			assert(outcomes.every(({ status }) => status === 200), `round ${round + 1}: ${outcomes.filter(({ status }) => status !== 200).length} posts not answered 200`);
			expected += messageIds.length;
			await waitForExecutions(context, RECIPE_WORKFLOW.id, expected, 60_000);
		}
		const executions = await executionsOf(context, RECIPE_WORKFLOW.id);
		const unsuccessful = executions.filter((execution) => execution.status !== 'success');
		assert(executions.length === expected && unsuccessful.length === 0, `${executions.length} executions (expected ${expected}, the trigger's own memory is off), ${unsuccessful.length} not successful`);
		const ranSteps = executions.filter((execution) => String(execution.data).includes(`"${RECIPE_NODES.newReceipt}"`));
		const { count } = executionsPerId(ranSteps, messageIds);
		const notOnce = messageIds.filter((id) => count.get(id) !== 1);
		assert(notOnce.length === 0, `${notOnce.length} receipts did not reach the workflow's steps exactly once, e.g. ${notOnce.slice(0, 3).map((id) => `${id} ×${count.get(id)}`).join(', ')}`);
		return `${executions.length} executions, the steps after Remove Duplicates ran ${ranSteps.length} times for ${messageIds.length} receipts`;
	});

	await check(CHECKS.memoryBound, [CHECKS.start, CHECKS.publishBurst], async () => {
		const messageIds = restartMessageIds(3, 3000);
		const outcomes = await postReceipts(restartUrl(), messageIds);
		assert(outcomes.every(({ status }) => status === 200), `${outcomes.filter(({ status }) => status !== 200).length} posts not answered 200`);
		const [row] = await queryN8nDatabase(context.userFolder, 'SELECT staticData FROM workflow_entity WHERE id = ?', [RESTART_TRIGGER.workflowId]);
		const saved = String(row?.staticData ?? '');
		const receipts = (await waitForExecutions(context, RESTART_TRIGGER.workflowId, 5000, 120_000)).length;
		assert(receipts > 5000, `only ${receipts} executions of the ClearLine Trigger workflow`);
		assert(Buffer.byteLength(saved) <= STATIC_DATA_BOUND_BYTES, `the saved static data is ${Buffer.byteLength(saved)} bytes after ${receipts} receipts`);
		// Small because it is bounded, not because it lost what it was to keep: the newest receipts
		// (all but the last 20 in flight's reordering) are all in it.
		const fingerprints = String((JSON.parse(saved || '{}') as Record<string, Record<string, unknown>>)[`node:${RESTART_TRIGGER.title} Trigger`]?.recentEventFingerprints ?? '');
		const newest = messageIds.slice(-(PERSISTED_EVENTS - 20));
		const missing = newest.filter((id) => !fingerprints.includes(eventFingerprint(`${id}:Delivered`)));
		assert(missing.length === 0, `${missing.length} of the newest ${newest.length} receipts are not in the saved memory (${fingerprints.length / 8} fingerprints saved)`);
		return `${Buffer.byteLength(saved)} bytes saved after ${receipts} executions, holding the newest ${newest.length} receipts`;
	});
}

interface SandboxRule {
	rule_name: string;
	action_address: string;
}

async function sandboxRules(sandbox: Sandbox): Promise<{ receipts: SandboxRule[]; inbound: SandboxRule[] }> {
	const response = await fetch(`${sandbox.baseUrl}/_sandbox/clicksend/rules`);
	assert(response.ok, `GET /_sandbox/clicksend/rules answered ${response.status}`);
	return (await response.json()) as { receipts: SandboxRule[]; inbound: SandboxRule[] };
}

/** Waits until n8n has saved `expected` settled executions of the workflow (or the time is up), then a moment longer for any extra. */
async function waitForExecutions(context: Context, workflowId: string, expected: number, timeoutMs: number): Promise<ExecutionRow[]> {
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

/** Executions n8n has created for the workflow, finished or not (a cheap query, for a moment that matters). */
async function executionRowCount(context: Context, workflowId: string): Promise<number> {
	const [row] = await queryN8nDatabase(context.userFolder, 'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ?', [workflowId]);
	return Number(row?.n ?? 0);
}

async function executionsOf(context: Context, workflowId: string): Promise<ExecutionRow[]> {
	return (await queryN8nDatabase(
		context.userFolder,
		`SELECT e.id, e.status, e.mode, e.finished, d.data
		 FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
		 WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	)) as unknown as ExecutionRow[];
}

// ---------------------------------------------------------------------------------------------
// Did n8n load the whole package?

function installedPackageDir(context: Context): string {
	return path.join(context.userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/** The node and credential files the installed package declares to n8n. */
function installedPackageLists(context: Context): { nodes: string[]; credentials: string[] } {
	const packageJson = JSON.parse(fs.readFileSync(path.join(installedPackageDir(context), 'package.json'), 'utf8')) as {
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	return { nodes: packageJson.n8n?.nodes ?? [], credentials: packageJson.n8n?.credentials ?? [] };
}

/**
 * The type name a declared file defines, read from the same build in the repository (the
 * installed copy has no n8n-workflow next to it): a node's description.name, a credential's name.
 */
function declaredTypeName(file: string, kind: 'node' | 'credential'): string {
	const exported = require(path.join(REPO_ROOT, file)) as Record<string, unknown>;
	const classes = Object.values(exported).filter((value): value is new () => Record<string, unknown> => typeof value === 'function');
	assert(classes.length === 1, `${file} exports ${classes.length} classes, not 1`);
	const instance = new classes[0]();
	const name = kind === 'node' ? (instance.description as { name?: unknown } | undefined)?.name : instance.name;
	assert(typeof name === 'string' && name.length > 0, `${file} defines no ${kind} type name`);
	return name;
}

interface LoadedNodeType {
	name: string;
	credentials?: Array<{ name: string }>;
}

/**
 * n8n writes every node and credential type it loaded to `types/*.json` in its static cache
 * (the files the editor reads; over HTTP they need a login). A package n8n cannot load is
 * missing there as a whole, and n8n logs why.
 */
async function checkPackageTypesLoaded(context: Context, n8n: RunningN8n): Promise<string> {
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
function startupLogLines(n8n: RunningN8n): string {
	const lines = n8n.logs().split('\n');
	const ready = lines.findIndex((line) => line.includes('Editor is now accessible'));
	const startup = lines.slice(0, ready === -1 ? 40 : ready).filter((line) => line.trim() !== '' && !line.includes('Python task runner'));
	return `--- n8n log while starting ---\n${startup.join('\n')}`;
}

/** n8n writes these files through a stream shortly after it starts: wait until one parses. */
async function readTypesFile<T>(file: string, timeoutMs = 10_000): Promise<T[]> {
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

function cliOptions(context: Context) {
	return { userFolder: context.userFolder, brokerPort: context.ports.cliBroker };
}

function firstOutputItem(output: unknown, nodeName: string): Record<string, unknown> | undefined {
	return firstNodeRun(output, nodeName)?.data?.main?.[0]?.[0]?.json;
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
	console.log(`e2e: n8n 2.8.4 with ${PACKAGE_NAME} (${PROVIDERS.map((provider) => provider.title).join(', ')}) in ${context.userFolder}`);
	try {
		await runChecks(context);
	} catch (error) {
		runner.fail('the e2e run itself', error);
	} finally {
		await tearDown(context);
	}
	console.log(`e2e took ${formatDuration(Date.now() - startedAt)}`);
	console.log(`${runner.passed()} passed, ${runner.failed()} failed`);
	process.exit(runner.failed() > 0 || runner.skipped() > 0 ? 1 : 0);
}

void main();
