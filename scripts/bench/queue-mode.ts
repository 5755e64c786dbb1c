/**
 * n8n 2.8.4 in queue mode (one main, one worker, two webhook processors behind a round-robin
 * proxy, Redis and PostgreSQL from Debian's packages) against one regular `n8n start`, the packed
 * package in both: the same 1,000 ClearLine receipts (20 in flight) until n8n's database holds
 * every execution as finished, and the bulk send (10,000 ClickSend, 1,000 ClearLine messages, the
 * queue run's workflow) with each Send node's time as n8n recorded it. Printed as ratios.
 *
 * Run directly (`npx tsx scripts/bench/queue-mode.ts`) it prints the comparison as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { startSandbox } from '../../sandbox/server';
import { clearLineTriggerWorkflow, sandboxCredentials } from '../n8n-fixtures';
import { importJsonIntoN8n, runN8nCliOrThrow, type CliOptions } from '../n8n/cli';
import { queryN8nDatabase } from '../n8n/database';
import { ensureN8n } from '../n8n/install';
import { installPackedPackage } from '../n8n/package';
import { findFreePorts } from '../n8n/ports';
import { nodeRunTimes, nodeTimesOf, parseRunData } from '../n8n/postgres-executions';
import { stopAllN8nProcesses, startN8n } from '../n8n/processes';
import { startQueueCluster } from '../n8n/queue-cluster';
import { BULK_WEBHOOK_PATH, BULK_WORKFLOW_ID, bulkSendWorkflow, CLEARLINE_SEND_NODE, CLICKSEND_SEND_NODE } from '../n8n/queue-workflows';
import { postReceipts, receiptMessageIds } from '../n8n/receipts';
import { ensureQueueServices, queryPostgres, startPostgres, startRedis, type RunningService } from '../n8n/services';
import { sleep } from '../n8n/util';

const TRIGGER = { id: 'benchQueueTrigr0', webhookId: '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a03', path: 'delivery-receipt' };
const SEND_NODES = [CLICKSEND_SEND_NODE, CLEARLINE_SEND_NODE];
const FINISHED = "status NOT IN ('new', 'running', 'waiting')";
/** n8n starts slowly on a busy machine; the bench waits longer than the tests do. */
const START_TIMEOUT_MS = 300_000;

export interface ModeRun {
	/** From the first receipt posted to the last execution saved as finished. */
	receiptsRecordedMs: number;
	receiptsPerSecond: number;
	/** Each Send node's executionTime in the bulk send's execution. */
	sendNodeMs: Record<string, number>;
}

export type QueueModeComparison =
	| {
			n8nVersion: string;
			receipts: number;
			queue: ModeRun;
			regular: ModeRun;
			/** Receipts per second, queue mode over one regular process. */
			receiptsRatio: number;
			/** Each Send node's time on the worker over its time in regular mode. */
			sendNodeRatios: Record<string, number>;
	  }
	| { skipped: string };

/** What one mode gives the measurement: where to post, and how to read what n8n recorded. */
interface Mode {
	webhookBaseUrl: string;
	finishedExecutions(workflowId: string): Promise<number>;
	/** The run data of the workflow's newest finished execution, with its ID. */
	newestRunData(workflowId: string): Promise<{ id: string; sendNodeMs: Record<string, number> }>;
}

/** Credentials, the bulk send and a ClearLine Trigger, imported and published through n8n's CLI. */
async function prepareUserFolder(cli: CliOptions, providerUrl: Parameters<typeof sandboxCredentials>[0]): Promise<void> {
	await installPackedPackage(cli.userFolder, { quiet: true });
	await importJsonIntoN8n('import:credentials', 'credentials.json', sandboxCredentials(providerUrl), cli);
	const trigger = clearLineTriggerWorkflow({ id: TRIGGER.id, name: 'bench: ClearLine Trigger in queue mode', webhookId: TRIGGER.webhookId });
	await importJsonIntoN8n('import:workflow', 'queue-bench-workflows.json', [bulkSendWorkflow(), trigger], cli);
	for (const id of [BULK_WORKFLOW_ID, TRIGGER.id]) await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cli);
}

async function waitFor(done: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
		await sleep(50);
	}
}

async function measureMode(mode: Mode, messageIds: string[]): Promise<ModeRun> {
	const url = `${mode.webhookBaseUrl}/webhook/${TRIGGER.webhookId}/${TRIGGER.path}`;
	const before = await mode.finishedExecutions(TRIGGER.id);
	const started = performance.now();
	const outcomes = await postReceipts(url, messageIds);
	const failed = outcomes.filter(({ status }) => status !== 200).length;
	if (failed > 0) throw new Error(`${failed} receipts to ${url} were not answered 200`);
	await waitFor(async () => (await mode.finishedExecutions(TRIGGER.id)) >= before + messageIds.length, 300_000, `n8n did not record ${messageIds.length} receipts`);
	const receiptsRecordedMs = performance.now() - started;

	const bulkBefore = await mode.finishedExecutions(BULK_WORKFLOW_ID);
	const response = await fetch(`${mode.webhookBaseUrl}/webhook/${BULK_WEBHOOK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ campaign: 'bench' }),
	});
	if (!response.ok) throw new Error(`the bulk webhook answered ${response.status}`);
	await waitFor(async () => (await mode.finishedExecutions(BULK_WORKFLOW_ID)) > bulkBefore, 600_000, 'the bulk send did not finish');
	const { sendNodeMs } = await mode.newestRunData(BULK_WORKFLOW_ID);
	return { receiptsRecordedMs, receiptsPerSecond: (messageIds.length / receiptsRecordedMs) * 1000, sendNodeMs };
}

async function measureRegular(root: string, providerUrl: Parameters<typeof sandboxCredentials>[0], messageIds: string[]): Promise<ModeRun> {
	const [port, cliBroker, serveBroker] = await findFreePorts(3);
	const userFolder = path.join(root, 'regular');
	fs.mkdirSync(userFolder);
	// The bulk workflow saves $env.SMS_QUEUE_PROCESS into its execution record.
	const env = { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', SMS_QUEUE_PROCESS: 'regular' };
	await prepareUserFolder({ userFolder, brokerPort: cliBroker, env }, providerUrl);
	const n8n = await startN8n({ userFolder, port, brokerPort: serveBroker, env, timeoutMs: START_TIMEOUT_MS });
	try {
		return await measureMode(
			{
				webhookBaseUrl: n8n.url,
				finishedExecutions: async (workflowId) => {
					const [row] = await queryN8nDatabase(userFolder, `SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ? AND ${FINISHED}`, [workflowId]);
					return Number(row?.n ?? 0);
				},
				newestRunData: async (workflowId) => {
					const [row] = await queryN8nDatabase(
						userFolder,
						`SELECT e.id AS id, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? AND ${FINISHED} ORDER BY e.id DESC LIMIT 1`,
						[workflowId],
					);
					const id = String(row?.id);
					return { id, sendNodeMs: nodeTimesOf(parseRunData(String(row?.data ?? '')), id, SEND_NODES) };
				},
			},
			messageIds,
		);
	} finally {
		await n8n.stop();
	}
}

async function measureQueue(root: string, providerUrl: Parameters<typeof sandboxCredentials>[0], messageIds: string[]): Promise<ModeRun> {
	const services: RunningService[] = [];
	const [redisPort, postgresPort] = await findFreePorts(2);
	try {
		const redis = await startRedis(redisPort);
		services.push(redis);
		const postgres = await startPostgres(postgresPort);
		services.push(postgres);
		const cluster = await startQueueCluster({
			root,
			redisPort: redis.port,
			postgres: postgres.connection,
			prepareUserFolder: async (userFolder, env) => await prepareUserFolder({ userFolder, env }, providerUrl),
			startTimeoutMs: START_TIMEOUT_MS,
		});
		try {
			const count = async (workflowId: string) => {
				const [row] = await queryPostgres(postgres.connection, `SELECT COUNT(*) AS n FROM execution_entity WHERE "workflowId" = $1 AND ${FINISHED}`, [workflowId]);
				return Number(row?.n ?? 0);
			};
			return await measureMode(
				{
					webhookBaseUrl: cluster.proxyUrl,
					finishedExecutions: count,
					newestRunData: async (workflowId) => {
						const [row] = await queryPostgres(postgres.connection, `SELECT id FROM execution_entity WHERE "workflowId" = $1 AND ${FINISHED} ORDER BY id DESC LIMIT 1`, [workflowId]);
						const id = String(row?.id);
						return { id, sendNodeMs: await nodeRunTimes(postgres.connection, id, SEND_NODES) };
					},
				},
				messageIds,
			);
		} finally {
			await cluster.stop();
		}
	} finally {
		for (const service of services.reverse()) await service.stop();
	}
}

export async function measureQueueMode(options: { receipts: number; latencyMs: number; log?: (line: string) => void }): Promise<QueueModeComparison> {
	const log = options.log ?? (() => undefined);
	let n8nVersion: string;
	try {
		n8nVersion = (await ensureN8n()).version;
		await ensureQueueServices(log);
	} catch (error) {
		return { skipped: `n8n, Redis or PostgreSQL is missing and could not be installed: ${(error as Error).message.split('\n')[0]}` };
	}
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-queue-bench-'));
	const sandbox = await startSandbox({ port: 0, quiet: true, latencyMs: options.latencyMs });
	try {
		log('regular n8n: receipts, then the bulk send');
		const regular = await measureRegular(root, sandbox.providerUrl, receiptMessageIds(30, options.receipts));
		log('queue mode: receipts through the proxy, then the bulk send on the worker');
		const queue = await measureQueue(path.join(root, 'queue'), sandbox.providerUrl, receiptMessageIds(31, options.receipts));
		const sendNodeRatios = Object.fromEntries(SEND_NODES.map((name) => [name, queue.sendNodeMs[name] / regular.sendNodeMs[name]]));
		return { n8nVersion, receipts: options.receipts, queue, regular, receiptsRatio: queue.receiptsPerSecond / regular.receiptsPerSecond, sendNodeRatios };
	} finally {
		await stopAllN8nProcesses(20_000);
		await sandbox.close();
		fs.rmSync(root, { recursive: true, force: true });
	}
}

if (require.main === module) {
	measureQueueMode({ receipts: 1000, latencyMs: 50, log: (line) => console.log(`  … ${line}`) })
		.then((result) => console.log(JSON.stringify(result, null, 2)))
		.catch((error: Error) => {
			console.error(error.stack ?? error.message);
			process.exitCode = 1;
		});
}

/** The report's lines for this part. */
export function queueModeLines(comparison: QueueModeComparison | undefined, latencyMs: number): string[] {
	if (!comparison) return [];
	if ('skipped' in comparison) return ['', `Queue mode skipped: ${comparison.skipped}`];
	const rounded = (value: number) => Math.round(value).toLocaleString('en-US');
	const mode = (name: string, run: ModeRun) =>
		`  ${name}: receipts all recorded in ${rounded(run.receiptsRecordedMs)} ms (${Math.round(run.receiptsPerSecond)} receipts/s); ${SEND_NODES.map((node) => `${node} ${rounded(run.sendNodeMs[node])} ms`).join(', ')}`;
	return [
		'',
		`Queue mode in real n8n ${comparison.n8nVersion} (main, worker, two webhook processors behind a round-robin proxy, Redis, PostgreSQL) against one regular n8n start (SQLite); ${comparison.receipts.toLocaleString('en-US')} ClearLine receipts, 20 in flight; the bulk send (10,000 ClickSend, 1,000 ClearLine) at ${latencyMs} ms; one run each:`,
		mode('regular n8n', comparison.regular),
		mode('queue mode ', comparison.queue),
		`  queue ÷ regular, receipts per second until recorded: ${comparison.receiptsRatio.toFixed(2)}×`,
		`  worker ÷ regular, Send node time: ${SEND_NODES.map((node) => `${node} ${comparison.sendNodeRatios[node].toFixed(2)}×`).join(', ')}`,
	];
}
