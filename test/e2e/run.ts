/**
 * `npm run test:e2e`: the packed package inside a real n8n 2.8.4, talking to the sandbox.
 *
 * A plain script rather than jest: it drives n8n's CLI and a served n8n for about a minute and
 * prints one line per check. Everything runs in a throwaway user folder on free ports, and every
 * process it starts is stopped again, also on failure and Ctrl-C. E2E_KEEP=1 keeps the folder.
 */
import * as path from 'node:path';

import {
	clearLineTriggerWorkflow,
	receiptDeduplicationWorkflow,
	RECIPE_NODES,
	deliveryReceiptUrl,
	PROVIDERS,
	sandboxCredentials,
} from '../../scripts/n8n-fixtures';
import { executeWorkflow, runN8nCliOrThrow } from '../../scripts/n8n/cli';
import { lockN8nDatabaseForWriting, queryN8nDatabase } from '../../scripts/n8n/database';
import { ensureN8n } from '../../scripts/n8n/install';
import { startN8n } from '../../scripts/n8n/processes';
import { formatDuration } from '../../scripts/n8n/util';
import { eventFingerprint, PERSISTED_EVENTS } from '../../lib/event-memory';
import { SANDBOX_SECRETS } from '../reliability/no-secrets';
import { checkTemplateDropdown, DROPDOWN_CHECK } from './dropdowns';
import { listenForTestEvent, ownerSession, testCredential } from './n8n-rest';
import { BURST_POSTS, BURST_TRIGGERS, burstMessageIds, fireBurst, type BurstTrigger } from './receipt-burst';
import { AI_AGENT_CHECKS, AI_AGENT_WORKFLOW_IDS, aiAgentEnvironment, aiAgentWorkflows, chatModelCredential, checkAgentApproved, checkAgentAsks, checkAgentDeclined, checkAgentGetsTheError, scriptedChatModel } from './ai-agent';
import { assert, createCheckRunner } from './check-runner';
import { errorBranchProblems, errorBranchWorkflow } from './error-output-workflow';
import { executionsPerId, postReceipts, RESTART_TRIGGER, restartMessageIds } from './restarts';
import { checkPastedText, checkReplyToSender, pastedTextWorkflow, replyWorkflow, SKYCORE_USER_PATH_CHECKS } from './skycore-user-paths';
import { checkApproval, checkDelivered, checkFailed, checkSmscpr, ExpiringApproval, LimitedWait, SEND_AND_WAIT_CHECKS, SEND_AND_WAIT_WORKFLOW_IDS, sendAndWaitWorkflows, type SendAndWaitEnvironment } from './send-and-wait';
import {
	assertReceiptAnswered,
	checkPackageTypesLoaded,
	clickSendRulesForCheck,
	clickSendRulesGoneForCheck,
	cliOptions,
	createContext,
	deliverThroughSandbox,
	executionsOf,
	importCredentialsForCheck,
	importWorkflowsForCheck,
	installPackageForCheck,
	lastLines,
	PACKAGE_NAME,
	relevantLogLines,
	sandboxRules,
	sendCheck,
	sendForCheck,
	sendLogCheck,
	sendLoggedForCheck,
	sendWorkflows,
	SEND_WORKFLOW_IDS,
	startSandboxForCheck,
	tearDown,
	tearDownOnInterrupt,
	waitForExecutions,
	type Context,
} from './support';

const TRIGGER_WORKFLOW_ID = 'e2eClearLineRcpt';
const ERROR_BRANCH_WORKFLOW_ID = 'e2eClearLineErrs';
const RECIPE_WORKFLOW = { id: 'e2eDedupeRecipe0', webhookId: '5d0c7f5e-2b1a-4c3d-9e8f-7a6b5c4d3e30' };
const TRIGGER_WEBHOOK_ID = '5d0c7f5e-2b1a-4c3d-9e8f-7a6b5c4d3e2f';
/** Used for the receipt when the send check could not produce a real messageId. */
const FALLBACK_MESSAGE_ID = '0b7c3e9a-4f1d-4e2b-8a6c-5d9e1f2a3b4c';

/** The AI Agent's chat model: scripted, on a free port, for the whole run. */
const chatModel = scriptedChatModel();

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
	credentialTests: "n8n's credential test passes every sandbox credential (ClearLine, Amigo and Skycore through their node's testedBy, saying that nothing was sent) and fails their wrong keys",
	receipt: 'the delivery receipt posted through the sandbox is accepted by the trigger',
	execution: 'n8n recorded one successful trigger execution carrying the messageId',
	failedStart: 'a receipt n8n cannot record (its database write-locked by another writer) is answered 5xx; posted again once the database is free, it runs exactly once',
	publishSendAndWait: 'n8n publishes the Send and Wait workflows (Webhook node → Send and Wait for Delivery → Delivered?) and the AI Agent workflows',
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

/** The credential types whose test is a send without a recipient (their node's testedBy), with the key in `apiKey`. */
const KEY_CHECKED_WITHOUT_SENDING = ['clearLineApi', 'amigoApi', 'skycoreApi'];

/** What one trigger's saved static data may hold at most, whatever came before (issue: ≤ 4 KB per receipt). */
const STATIC_DATA_BOUND_BYTES = 4096;

function burstCheck(trigger: BurstTrigger): string {
	return `${BURST_POSTS} ${trigger.title} receipts (every tenth posted twice) give exactly one successful execution per distinct receipt`;
}

async function runChecks(context: Context): Promise<void> {
	await check(CHECKS.n8n, [], async () => {
		const { n8nBin } = await ensureN8n();
		return path.dirname(path.dirname(n8nBin));
	});

	await check(CHECKS.package, [], () => installPackageForCheck(context));

	await check(CHECKS.sandbox, [], () => startSandboxForCheck(context));

	await check(CHECKS.credentials, [CHECKS.n8n, CHECKS.sandbox], async () => {
		await chatModel.start();
		await importCredentialsForCheck(context, [chatModelCredential(chatModel)]);
	});

	await check(CHECKS.workflows, [CHECKS.n8n], () =>
		importWorkflowsForCheck(context, [
			...sendWorkflows('e2e'),
			clearLineTriggerWorkflow({ id: TRIGGER_WORKFLOW_ID, name: 'e2e: ClearLine receipt', webhookId: TRIGGER_WEBHOOK_ID }),
			...BURST_TRIGGERS.map((trigger) => trigger.workflow()),
			receiptDeduplicationWorkflow({ ...RECIPE_WORKFLOW, name: 'e2e: ClearLine Trigger → Remove Duplicates on eventKey', ignoreDuplicates: false }),
			errorBranchWorkflow({ id: ERROR_BRANCH_WORKFLOW_ID, name: 'e2e: ClearLine send with an error branch' }),
			...sendAndWaitWorkflows(),
			...aiAgentWorkflows(),
			pastedTextWorkflow(),
			replyWorkflow(),
		]),
	);

	// ClearLine first: its messageId goes into the delivery receipt below.
	for (const provider of PROVIDERS) {
		await check(sendCheck(provider), [CHECKS.package, CHECKS.credentials, CHECKS.workflows], () => sendForCheck(context, provider, SEND_WORKFLOW_IDS[provider.sandboxName]));

		await check(sendLogCheck(provider), [sendCheck(provider)], () => sendLoggedForCheck(context, provider));
	}

	await check(CHECKS.errorBranch, [CHECKS.package, CHECKS.credentials, CHECKS.workflows], async () => {
		const result = await executeWorkflow(ERROR_BRANCH_WORKFLOW_ID, cliOptions(context));
		const problems = errorBranchProblems(result.output);
		assert(problems.length === 0, `${problems.join('; ')}\n${lastLines(result.raw.stdout + result.raw.stderr, 10)}`);
		return '2 items on the success branch, 1 on the error branch';
	});

	// After the Skycore send log check, which counts that provider's sends.
	await check(SKYCORE_USER_PATH_CHECKS.pastedText, [CHECKS.package, CHECKS.credentials, CHECKS.workflows], async () => await checkPastedText(context));

	await check(CHECKS.publish, [CHECKS.package, CHECKS.workflows], async () => {
		await runN8nCliOrThrow(['publish:workflow', `--id=${TRIGGER_WORKFLOW_ID}`], cliOptions(context));
	});

	await check(CHECKS.publishBurst, [CHECKS.package, CHECKS.workflows], async () => {
		for (const id of [...BURST_TRIGGERS.map((trigger) => trigger.workflowId), RECIPE_WORKFLOW.id]) {
			await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cliOptions(context));
		}
	});

	await check(CHECKS.publishSendAndWait, [CHECKS.package, CHECKS.workflows], async () => {
		for (const id of [...SEND_AND_WAIT_WORKFLOW_IDS, ...AI_AGENT_WORKFLOW_IDS]) await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cliOptions(context));
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

	await check(CHECKS.credentialTests, [CHECKS.start, CHECKS.credentials], async () => {
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		const answers: string[] = [];
		for (const credential of sandboxCredentials(context.sandbox!.providerUrl)) {
			const right = await testCredential(session, credential);
			assert(right.status === 'OK', `${credential.name}: ${right.status} ${right.message}`);
			if (!KEY_CHECKED_WITHOUT_SENDING.includes(credential.type)) continue;
			assert(/accepted the key; nothing was sent/.test(right.message), `${credential.name}: ${right.message}`);
			const wrong = await testCredential(session, { ...credential, data: { ...credential.data, apiKey: 'wrong-key' } });
			assert(wrong.status === 'Error' && /refused the API key/.test(wrong.message), `${credential.name} with a wrong key: ${wrong.status} ${wrong.message}`);
			answers.push(`${credential.type}: "${right.message}" / "${wrong.message}"`);
		}
		return answers.join('; ');
	});

	await check(DROPDOWN_CHECK, [CHECKS.start, CHECKS.credentials], async () => {
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		return await checkTemplateDropdown(session, context.sandbox!);
	});

	await check(CHECKS.receipt, [CHECKS.start, CHECKS.sandbox], async () => {
		const url = deliveryReceiptUrl(context.n8n!.url, TRIGGER_WEBHOOK_ID);
		const body = {
			messageId: context.messageId ?? FALLBACK_MESSAGE_ID,
			deliveryStatus: 'DeliveredFailed',
			externalDeliveryStatus: 'Rejected',
			reasonText: 'Message rejected by the carrier: the number is on the do-not-contact list',
		};
		const first = assertReceiptAnswered(await deliverThroughSandbox(context.sandbox!, url, body), context.n8n!);
		return `POST /webhook/…/delivery-receipt → ${first.status} ${first.responseBody}`;
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

	await check(CHECKS.failedStart, [CHECKS.execution], async () => {
		const url = deliveryReceiptUrl(context.n8n!.url, TRIGGER_WEBHOOK_ID);
		const messageId = '7d1e4c2a-9b3f-4a6e-8c5d-2f0a1b3c4d5e';
		const post = async () => {
			const response = await fetch(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ messageId, deliveryStatus: 'Delivered', externalDeliveryStatus: 'Delivered' }),
			});
			return `${response.status} ${await response.text()}`;
		};
		const before = (await executionsOf(context, TRIGGER_WORKFLOW_ID)).length;
		const release = await lockN8nDatabaseForWriting(context.userFolder);
		let whileLocked: string;
		try {
			whileLocked = await post();
		} finally {
			await release();
		}
		assert(/^5\d\d /.test(whileLocked), `with n8n's database locked the receipt was answered ${whileLocked}`);
		const retried = await post();
		assert(retried.startsWith('200 ') && !retried.includes('ignored'), `the provider's retry was answered ${retried} (expected to run)`);
		const executions = await waitForExecutions(context, TRIGGER_WORKFLOW_ID, before + 1, 20_000);
		const carrying = executions.filter((execution) => String(execution.data).includes(messageId));
		assert(executions.length === before + 1 && carrying.length === 1, `${executions.length - before} new executions, ${carrying.length} carrying the receipt (expected 1 and 1)`);
		const again = await post();
		assert(again.includes('ignored'), `a third post of the same receipt was answered ${again} (expected ignored as a duplicate)`);
		return `locked: ${whileLocked.slice(0, 60)}; retry: ${retried}; third post: ${again}`;
	});

	await check(SKYCORE_USER_PATH_CHECKS.replyToSender, [CHECKS.start, CHECKS.credentials, CHECKS.workflows], async () => {
		const session = (context.session ??= await ownerSession(context.n8n!.url));
		return await checkReplyToSender(context, session);
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
	const expiringApproval = new ExpiringApproval(waitEnvironment());
	await check(SEND_AND_WAIT_CHECKS.expiringStarted, waitNeeds, async () => await expiringApproval.start());
	const agentEnvironment = () => aiAgentEnvironment(context.n8n!.url, context.userFolder, context.sandbox!);
	await check(AI_AGENT_CHECKS.approved, waitNeeds, async () => await checkAgentApproved(agentEnvironment()));
	await check(AI_AGENT_CHECKS.declined, waitNeeds, async () => await checkAgentDeclined(agentEnvironment()));
	await check(AI_AGENT_CHECKS.asks, waitNeeds, async () => await checkAgentAsks(agentEnvironment()));
	await check(AI_AGENT_CHECKS.onError, waitNeeds, async () => await checkAgentGetsTheError(agentEnvironment()));

	await check(CHECKS.clickSendRules, [CHECKS.start, CHECKS.publishBurst], async () => {
		const clickSend = BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!;
		return await clickSendRulesForCheck(context, `${context.n8n!.url}/webhook/${clickSend.webhookId}/${clickSend.webhookPath}`);
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

	await check(CHECKS.clickSendRulesGone, [CHECKS.clickSendRules], () =>
		clickSendRulesGoneForCheck(context, BURST_TRIGGERS.find((trigger) => trigger.title === 'ClickSend')!.workflowId),
	);

	await check(SEND_AND_WAIT_CHECKS.timedOut, [SEND_AND_WAIT_CHECKS.forged], async () => await limitedWait.checkTimedOut());
	await check(SEND_AND_WAIT_CHECKS.expired, [SEND_AND_WAIT_CHECKS.expiringStarted], async () => await expiringApproval.checkExpired());

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

/** Executions n8n has created for the workflow, finished or not (a cheap query, for a moment that matters). */
async function executionRowCount(context: Context, workflowId: string): Promise<number> {
	const [row] = await queryN8nDatabase(context.userFolder, 'SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ?', [workflowId]);
	return Number(row?.n ?? 0);
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
		await chatModel.close();
	}
	console.log(`e2e took ${formatDuration(Date.now() - startedAt)}`);
	console.log(`${runner.passed()} passed, ${runner.failed()} failed`);
	process.exit(runner.failed() > 0 || runner.skipped() > 0 ? 1 : 0);
}

void main();
