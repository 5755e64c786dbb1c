/**
 * `npm start`: the package as a user gets it (built, packed, installed) in a real n8n on
 * 127.0.0.1, next to the provider sandbox, with sandbox credentials and an example workflow ready.
 *
 * n8n keeps its data in `<repo>/.cache/n8n-user` (git-ignored), so the owner account and the
 * user's workflows survive a restart. Environment: N8N_PORT (5678), SANDBOX_PORT (5690),
 * N8N_RUNNERS_BROKER_PORT (5679).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DEFAULT_SANDBOX_PORT, SANDBOX_KEYS } from '../sandbox/keys';
import { startSandbox } from '../sandbox/server';
import { clearLineSendWorkflow, sandboxCredentials } from './n8n-fixtures';
import {
	ensureN8n,
	installPackedPackage,
	isN8nInstalled,
	isPortFree,
	n8nCacheDir,
	queryN8nDatabase,
	REPO_ROOT,
	runN8nCliOrThrow,
	startN8n,
	stopAllN8nProcesses,
	type RunningN8n,
} from './n8n-runtime';

const USER_FOLDER = path.join(REPO_ROOT, '.cache', 'n8n-user');
const EXAMPLE_WORKFLOW_ID = 'smsExampleSend01';
const EXAMPLE_WORKFLOW_NAME = 'ClearLine: send an SMS (sandbox)';

interface Ports {
	n8n: number;
	broker: number;
	sandbox: number;
}

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

interface Running {
	sandbox?: Sandbox;
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
	const clearLineUrl = running.sandbox.providerUrl('clearline');
	await importSandboxCredentials(clearLineUrl);
	await importExampleWorkflowOnce();

	console.log(`Starting n8n on http://127.0.0.1:${ports.n8n} …`);
	running.n8n = await startN8n({ userFolder: USER_FOLDER, port: ports.n8n, brokerPort: ports.broker, echo: true });
	printBanner(running.n8n.url, running.sandbox.baseUrl, clearLineUrl);

	await running.n8n.exited;
	if (running.stopping) return;
	// n8n went away without Ctrl-C (it crashed, or someone killed it): nothing left to serve.
	console.log('n8n stopped; stopping the sandbox.');
	await running.sandbox.close();
	process.exitCode = 1;
}

function portsFromEnvironment(): Ports {
	return {
		n8n: portFromEnvironment('N8N_PORT', 5678),
		broker: portFromEnvironment('N8N_RUNNERS_BROKER_PORT', 5679),
		sandbox: portFromEnvironment('SANDBOX_PORT', DEFAULT_SANDBOX_PORT),
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
	];
	for (const [port, name] of checks) {
		if (!(await isPortFree(port))) {
			throw new Error(`Port ${port} is in use. Is npm start already running? Otherwise choose another port with ${name}.`);
		}
	}
}

/** Re-imported every start: the same id overwrites it, so the base URL follows SANDBOX_PORT. */
async function importSandboxCredentials(clearLineUrl: string): Promise<void> {
	console.log('Importing the sandbox credentials into n8n…');
	await withJsonFile('sandbox-credentials.json', sandboxCredentials(clearLineUrl), (file) =>
		runN8nCliOrThrow(['import:credentials', `--input=${file}`], { userFolder: USER_FOLDER }),
	);
}

/** Only once: importing again would throw away the user's changes to the example. */
async function importExampleWorkflowOnce(): Promise<void> {
	if (await exampleWorkflowExists()) return;
	console.log(`Importing the example workflow "${EXAMPLE_WORKFLOW_NAME}"…`);
	const workflow = clearLineSendWorkflow({
		id: EXAMPLE_WORKFLOW_ID,
		name: EXAMPLE_WORKFLOW_NAME,
		note:
			'## ClearLine, against the local sandbox\n' +
			'Click **Execute workflow**: the SMS goes to the sandbox that `npm start` runs, never to a phone.\n\n' +
			'The credential **ClearLine (sandbox)** points at the sandbox. For real sending, create a ClearLine API ' +
			'credential with your own key and choose it in **Send SMS**.',
	});
	await withJsonFile('example-workflow.json', workflow, (file) =>
		runN8nCliOrThrow(['import:workflow', `--input=${file}`], { userFolder: USER_FOLDER }),
	);
}

async function exampleWorkflowExists(): Promise<boolean> {
	if (!fs.existsSync(path.join(USER_FOLDER, '.n8n', 'database.sqlite'))) return false;
	const rows = await queryN8nDatabase(USER_FOLDER, 'SELECT id FROM workflow_entity WHERE id = ?', [EXAMPLE_WORKFLOW_ID]);
	return rows.length > 0;
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
		console.log('Stopped.');
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

function printBanner(n8nUrl: string, sandboxUrl: string, clearLineUrl: string): void {
	const lines = [
		'',
		'──────────────────────────────────────────────────────────────────────────────',
		` n8n with n8n-nodes-sms-gateways:  ${n8nUrl}`,
		` Provider sandbox:                 ${sandboxUrl}`,
		`   ClearLine API (sandbox):        ${clearLineUrl}   ApiKey: ${SANDBOX_KEYS.clearline.apiKey}`,
		`   Requests it received:           ${sandboxUrl}/_sandbox/requests`,
		'',
		' Next:',
		`  1. Open ${n8nUrl} and create the owner account (it stays in .cache/n8n-user).`,
		`  2. Open the workflow "${EXAMPLE_WORKFLOW_NAME}" and click Execute workflow:`,
		'     the SMS goes to the sandbox, which answers like ClearLine does.',
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
