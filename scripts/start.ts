/**
 * `npm start`: the package as a user gets it (built, packed, installed) in a real n8n on
 * 127.0.0.1, next to the provider sandbox, with sandbox credentials and an example send workflow
 * per provider ready.
 *
 * n8n keeps its data in `<repo>/.cache/n8n-user` (git-ignored), so the owner account and the
 * user's workflows survive a restart. The first start creates the owner account (n8n would open
 * on its setup screen otherwise) and every start prints how to sign in. Environment: N8N_PORT
 * (5678), SANDBOX_PORT (5690), CHAT_MODEL_PORT (5691, the AI Agent example's scripted chat
 * model), N8N_RUNNERS_BROKER_PORT (5679), N8N_SMS_USER_FOLDER (another folder for n8n's data,
 * e.g. a fresh one).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEFAULT_SANDBOX_PORT } from '../sandbox/keys';
import { startSandbox } from '../sandbox/server';
import {
	approvalWaitWorkflow,
	CLEARLINE,
	deliveryWaitWorkflow,
	EXAMPLE_RECIPIENT,
	exampleNote,
	providerFixture,
	PROVIDERS,
	receiptDeduplicationWorkflow,
	sandboxCredentials,
	sendWorkflow,
	type ImportableWorkflow,
	type ProviderFixture,
	type SandboxProviderName,
} from './n8n-fixtures';
import { reviewedAgentWorkflow } from './n8n/agent-workflows';
import { runN8nCliOrThrow } from './n8n/cli';
import { queryN8nDatabase } from './n8n/database';
import { ensureN8n, isN8nInstalled, n8nCacheDir } from './n8n/install';
import { installPackedPackage, REPO_ROOT } from './n8n/package';
import { isPortFree } from './n8n/ports';
import { startN8n, stopAllN8nProcesses, type RunningN8n } from './n8n/processes';
import { hasInstanceOwner, logIn, setUpInstanceOwner, type N8nOwner } from './n8n/rest';
import { ScriptedChatModel, toolArguments } from './n8n/scripted-chat-model';

const USER_FOLDER = path.resolve(process.env.N8N_SMS_USER_FOLDER || path.join(REPO_ROOT, '.cache', 'n8n-user'));
/** The owner account npm start created, so that every later start can print it again. */
const OWNER_FILE = path.join(USER_FOLDER, 'sandbox-owner.json');
/** One example send workflow per provider; ClearLine's id is the one earlier starts used. */
const EXAMPLE_WORKFLOW_IDS: Record<SandboxProviderName, string> = {
	clearline: 'smsExampleSend01',
	smscpr: 'smsExampleSend02',
	amigo: 'smsExampleSend03',
	skycore: 'smsExampleSend04',
	clicksend: 'smsExampleSend05',
};

function exampleWorkflowName(provider: ProviderFixture): string {
	return `${provider.title}: send an SMS (sandbox)`;
}

interface ExampleWorkflow {
	id: string;
	name: string;
	workflow: () => ImportableWorkflow;
}

/** Every example npm start offers: a send per provider, then the examples of what else the nodes do. */
const DELIVERY_WAIT_NOTE =
	'## Send, wait for delivery, act on a failure\n' +
	'Click **Execute workflow**: the SMS goes to the sandbox, the execution waits, and the receipt resumes it on **Delivered**. ' +
	'Change **To** to a number ending in 0000 and the sandbox fails it: the run takes **Not Delivered**, where an e-mail or another channel goes. ' +
	'No receipt within **Limit Wait Time** (one day) resumes it there too, with status timedOut.';

/** The OpenAI credential of the AI Agent example: its Base URL is the scripted chat model npm start runs. */
const CHAT_MODEL_CREDENTIAL = { id: 'smsScriptedModel', name: 'Scripted chat model (npm start)' };

/** Who the AI Agent example's review step texts first. */
const EXAMPLE_APPROVER = '+12025550123';

const AGENT_REVIEW_NOTE =
	'## AI Agent with a human review by SMS (n8n 2.x)\n' +
	'The chat model is a scripted stand-in that npm start runs (no OpenAI account needed): it always asks for the tool **Text the Customer**. ' +
	'Before that tool runs, **Ask the Manager** (ClearLine as a human review step) texts the manager a link, and the execution waits. ' +
	'Click **Execute workflow**, find the link at the end of the SMS text in the sandbox\'s request log (`/_sandbox/requests?provider=clearline`), open it and press **Approve**: the customer\'s SMS goes out and the agent finishes. ' +
	'**Decline**, and the agent is told the call was rejected. For a real model, give **Chat Model** your own OpenAI credential.';

const APPROVAL_WAIT_NOTE =
	'## Approval by SMS\n' +
	'Click **Execute workflow**: the SMS (in the sandbox) ends with a link; the execution waits. ' +
	'Find the link at the end of the SMS text in the sandbox\'s request log (`/_sandbox/requests?provider=skycore` on the sandbox address npm start prints), open it and press **Approve** or **Decline**: the run resumes on **Approved** or **Declined or No Answer**, with the answer and the number it was sent to.';

function exampleWorkflows(): ExampleWorkflow[] {
	const sends = PROVIDERS.map((provider) => ({
		id: EXAMPLE_WORKFLOW_IDS[provider.sandboxName],
		name: exampleWorkflowName(provider),
		workflow: () =>
			sendWorkflow(provider, { id: EXAMPLE_WORKFLOW_IDS[provider.sandboxName], name: exampleWorkflowName(provider), note: exampleNote(provider) }),
	}));
	const dedupe = { id: 'smsExampleDedup1', name: 'ClearLine receipts, each run once (Remove Duplicates on eventKey)' };
	const delivery = { id: 'smsExampleWaitDl', name: 'ClearLine: send, wait for delivery, act on a failure' };
	const approval = { id: 'smsExampleApprov', name: 'Skycore: approval by SMS (Send and Wait for Approval)' };
	const agent = { id: 'smsExampleAgent1', name: 'AI Agent: text a customer after a manager approves by SMS' };
	return [
		...sends,
		{ ...dedupe, workflow: () => receiptDeduplicationWorkflow({ ...dedupe, webhookId: 'f3b6c1d2-8e4a-4b7c-9d1e-2a3b4c5d6e71', ignoreDuplicates: true }) },
		{ ...delivery, workflow: () => deliveryWaitWorkflow({ ...delivery, provider: CLEARLINE, trigger: 'manual', note: DELIVERY_WAIT_NOTE }) },
		{ ...approval, workflow: () => approvalWaitWorkflow({ ...approval, provider: providerFixture('skycore'), trigger: 'manual', note: APPROVAL_WAIT_NOTE }) },
		{
			...agent,
			workflow: () =>
				reviewedAgentWorkflow(
					{ ...agent, trigger: 'manual', nodeIdPrefix: 'e4b1c2d3-5f6a-4b7c-8d9e-0f1a2b3c4d', chatModel: CHAT_MODEL_CREDENTIAL, note: AGENT_REVIEW_NOTE },
					{ customer: EXAMPLE_RECIPIENT, approver: EXAMPLE_APPROVER },
				),
		},
	];
}

interface Ports {
	n8n: number;
	broker: number;
	sandbox: number;
	chatModel: number;
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface Running {
	sandbox?: Sandbox;
	chatModel?: ScriptedChatModel;
	n8n?: RunningN8n;
	/** Set by Ctrl-C, so that n8n's exit is not reported as a crash. */
	stopping: boolean;
}

async function main(): Promise<void> {
	const ports = portsFromEnvironment();
	await refuseBusyPorts(ports);

	if (!isN8nInstalled()) {
		console.log(`The first start installs n8n into ${n8nCacheDir()} (about 5 minutes); later starts take seconds.`);
	}
	await ensureN8n();

	fs.mkdirSync(USER_FOLDER, { recursive: true });
	// Every start, so that n8n runs the code as it is now.
	await installPackedPackage(USER_FOLDER);

	const running: Running = { stopping: false };
	stopEverythingOnSignals(running);

	running.sandbox = await startSandbox({ port: ports.sandbox, host: '127.0.0.1', quiet: false });
	const providerUrl = running.sandbox.providerUrl;
	running.chatModel = new ScriptedChatModel((tool) => toolArguments(tool, { to: EXAMPLE_RECIPIENT, message: 'Your refund of $20 is on its way.' }));
	await running.chatModel.start(ports.chatModel);
	await importSandboxCredentials(providerUrl, running.chatModel);
	await importExampleWorkflowsOnce();

	console.log(`Starting n8n on http://127.0.0.1:${ports.n8n} …`);
	running.n8n = await startN8n({ userFolder: USER_FOLDER, port: ports.n8n, brokerPort: ports.broker, echo: true });
	const owner = await sandboxOwner(running.n8n.url);
	printBanner(running.n8n.url, running.sandbox.baseUrl, providerUrl, running.chatModel.url, owner);

	await running.n8n.exited;
	if (running.stopping) return;
	// n8n went away without Ctrl-C (it crashed, or someone killed it): nothing left to serve.
	console.log('n8n stopped; stopping the sandbox.');
	await running.sandbox.close();
	await running.chatModel.close();
	process.exitCode = 1;
}

function portsFromEnvironment(): Ports {
	return {
		n8n: portFromEnvironment('N8N_PORT', 5678),
		broker: portFromEnvironment('N8N_RUNNERS_BROKER_PORT', 5679),
		sandbox: portFromEnvironment('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
		chatModel: portFromEnvironment('CHAT_MODEL_PORT', DEFAULT_SANDBOX_PORT + 1),
	};
}

function portFromEnvironment(name: string, fallback: number): number {
	const value = process.env[name];
	if (!value) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, not "${value}"`);
	return port;
}

/** Checked before anything touches n8n's database, which a running n8n would also be using. */
async function refuseBusyPorts(ports: Ports): Promise<void> {
	const checks: Array<[number, string]> = [
		[ports.n8n, 'N8N_PORT (n8n)'],
		[ports.broker, 'N8N_RUNNERS_BROKER_PORT (n8n task runners)'],
		[ports.sandbox, 'SANDBOX_PORT (the provider sandbox)'],
		[ports.chatModel, 'CHAT_MODEL_PORT (the AI Agent example\'s scripted chat model)'],
	];
	for (const [port, name] of checks) {
		if (!(await isPortFree(port))) {
			throw new Error(`Port ${port} is in use. Is npm start already running? Otherwise choose another port with ${name}.`);
		}
	}
}

/** Re-imported every start: the same ids overwrite them, so the base URLs follow SANDBOX_PORT and CHAT_MODEL_PORT. */
async function importSandboxCredentials(providerUrl: (name: SandboxProviderName) => string, chatModel: ScriptedChatModel): Promise<void> {
	console.log('Importing the sandbox credentials into n8n…');
	await withJsonFile('sandbox-credentials.json', [...sandboxCredentials(providerUrl), chatModel.credential(CHAT_MODEL_CREDENTIAL)], (file) =>
		runN8nCliOrThrow(['import:credentials', `--input=${file}`], { userFolder: USER_FOLDER }),
	);
}

/**
 * Each example only once: importing again would throw away the user's changes to it. A user
 * folder from before a provider was added gets that provider's example on the next start.
 */
async function importExampleWorkflowsOnce(): Promise<void> {
	const examples = exampleWorkflows();
	const existing = await existingWorkflowIds(examples.map((example) => example.id));
	const missing = examples.filter((example) => !existing.has(example.id));
	if (missing.length === 0) return;
	console.log(`Importing the example workflows ${missing.map((example) => `"${example.name}"`).join(', ')}…`);
	// One folder, one CLI run: each n8n command costs several seconds.
	const folder = path.join(USER_FOLDER, 'example-workflows');
	fs.rmSync(folder, { recursive: true, force: true });
	fs.mkdirSync(folder, { mode: 0o700 });
	try {
		for (const example of missing) {
			fs.writeFileSync(path.join(folder, `${example.id}.json`), JSON.stringify(example.workflow(), null, '\t'), { mode: 0o600 });
		}
		await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${folder}`], { userFolder: USER_FOLDER });
	} finally {
		fs.rmSync(folder, { recursive: true, force: true });
	}
}

async function existingWorkflowIds(ids: string[]): Promise<Set<string>> {
	if (!fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'))) return new Set();
	const rows = await queryN8nDatabase(USER_FOLDER, `SELECT id FROM workflow_entity WHERE id IN (${ids.map(() => '?').join(', ')})`, ids);
	return new Set(rows.map((row) => String(row.id)));
}

/**
 * The owner account to sign in with. A fresh n8n gets one (the same again if an earlier start
 * saved it but its setup did not finish). Undefined when the owner's password is not the saved
 * one: an owner made in the editor, or a password changed there.
 */
async function sandboxOwner(n8nUrl: string): Promise<N8nOwner | undefined> {
	const saved = readSavedOwner();
	if (!(await hasInstanceOwner(n8nUrl))) {
		const owner = saved ?? newSandboxOwner();
		// Saved first: an owner n8n has accepted must never have a password nobody can read.
		fs.writeFileSync(OWNER_FILE, `${JSON.stringify(owner, null, '\t')}\n`, { mode: 0o600 });
		await setUpInstanceOwner(n8nUrl, owner);
		return owner;
	}
	if (saved && (await logIn(n8nUrl, saved.email, saved.password))) return saved;
	return undefined;
}

/** n8n wants 8 to 64 characters with a digit and a capital; the random part makes it this folder's own. */
function newSandboxOwner(): N8nOwner {
	return {
		email: 'sandbox@example.com',
		firstName: 'Sandbox',
		lastName: 'Owner',
		password: `Sandbox-${randomBytes(9).toString('base64url')}-1`,
	};
}

function readSavedOwner(): N8nOwner | undefined {
	if (!fs.existsSync(OWNER_FILE)) return undefined;
	return JSON.parse(fs.readFileSync(OWNER_FILE, 'utf8')) as N8nOwner;
}

/** The import files hold the sandbox key: they live only as long as the import. */
async function withJsonFile<T>(name: string, content: unknown, use: (file: string) => Promise<T>): Promise<T> {
	const file = path.join(USER_FOLDER, name);
	fs.writeFileSync(file, JSON.stringify(content, null, '\t'), { mode: 0o600 });
	try {
		return await use(file);
	} finally {
		fs.rmSync(file, { force: true });
	}
}

function stopEverythingOnSignals(running: Running): void {
	const stop = async (signal: NodeJS.Signals) => {
		if (running.stopping) return;
		running.stopping = true;
		console.log(`\n${signal}: stopping n8n and the sandbox…`);
		// Also an n8n that is still starting, or an import that is still running.
		await stopAllN8nProcesses(20_000);
		await running.sandbox?.close();
		await running.chatModel?.close();
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

/** Inside the repository relative to it (.cache/n8n-user/…), elsewhere as it is. */
function shownPath(file: string): string {
	const relative = path.relative(REPO_ROOT, file);
	return relative.startsWith('..') ? file : relative;
}

function printBanner(
	n8nUrl: string,
	sandboxUrl: string,
	providerUrl: (name: SandboxProviderName) => string,
	chatModelUrl: string,
	owner: N8nOwner | undefined,
): void {
	const column = (text: string, width = 34) => text.padEnd(width);
	const lines = [
		'',
		'──────────────────────────────────────────────────────────────────────────────',
		` ${column('n8n with n8n-nodes-sms-gateways:')}${n8nUrl}`,
		` ${column('Provider sandbox:')}${sandboxUrl}`,
		...PROVIDERS.map((provider) => `   ${column(`${provider.title} API (sandbox):`, 32)}${providerUrl(provider.sandboxName)}`),
		`   ${column('Requests it received:', 32)}${sandboxUrl}/_sandbox/requests`,
		'   The credentials "<provider> (sandbox)" point there; keys: sandbox/README.md.',
		` ${column('Scripted chat model (AI example):')}${chatModelUrl}`,
		'',
		' Next:',
		...(owner
			? [
					`  1. Open ${n8nUrl} and sign in as ${owner.email}, password ${owner.password}`,
					`     (the owner account npm start created; kept in ${shownPath(OWNER_FILE)}).`,
				]
			: [
					`  1. Open ${n8nUrl} and sign in with this n8n's owner account (npm start does not know its`,
					'     password: the account was made in the editor, or its password was changed there).',
				]),
		`  2. Open a workflow "<provider>: send an SMS (sandbox)" (${PROVIDERS.map((provider) => provider.title).join(', ')})`,
		'     and click Execute workflow: the SMS goes to the sandbox, which answers like the provider.',
		'  3. For delivery receipts, add a ClearLine Trigger to a workflow, publish it, and put its',
		'     Production URL into the Delivery Receipt URL of the Send SMS node.',
		'',
		' Ctrl-C stops n8n and the sandbox. The code is rebuilt and reinstalled on every start.',
		'──────────────────────────────────────────────────────────────────────────────',
		'',
	];
	console.log(lines.join('\n'));
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
