/**
 * Trigger ingest in a real n8n 2.8.4 (`n8n start`, the packed package): the same 1,000 ClearLine
 * receipts, 20 in flight, posted to our ClearLine Trigger and to n8n's own Webhook node
 * (Respond: Immediately) in the same n8n, alternately. Measured from the first post until n8n's
 * database holds every execution as finished: what a provider's burst costs end to end, not only
 * the answers.
 *
 * Run directly (`npx tsx scripts/bench/trigger-ingest.ts`) it prints the comparison as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { clearLineTriggerWorkflow, type ImportableWorkflow } from '../n8n-fixtures';
import { importJsonIntoN8n, runN8nCliOrThrow } from '../n8n/cli';
import { queryN8nDatabase } from '../n8n/database';
import { ensureN8n } from '../n8n/install';
import { installPackedPackage } from '../n8n/package';
import { postReceipts, receiptMessageIds } from '../n8n/receipts';
import { findFreePorts } from '../n8n/ports';
import { startN8n, stopAllN8nProcesses } from '../n8n/processes';
import { sleep } from '../n8n/util';

export interface IngestRun {
	/** From the first post to the last execution saved as finished. */
	recordedMs: number;
	/** From the first post to the last answer. */
	answeredMs: number;
	receipts: number;
}

export type IngestComparison =
	| { n8nVersion: string; receipts: number; ourTrigger: IngestRun; webhookNode: IngestRun; ratio: number }
	| { skipped: string };

const OURS = { id: 'benchIngestOurs0', webhookId: '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a01' };
const WEBHOOK_NODE = { id: 'benchIngestHook0', webhookId: '7b2f0d66-1c5f-4a1f-8e8b-2d3c4e5f6a02', path: 'bench-ingest' };
const ROUNDS = 2;

function webhookNodeWorkflow(): ImportableWorkflow {
	return {
		id: WEBHOOK_NODE.id,
		name: 'bench: n8n Webhook node ingest',
		active: false,
		nodes: [
			{
				id: 'c1d2e3f4-0000-4000-8000-000000000001',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: WEBHOOK_NODE.webhookId,
				parameters: { httpMethod: 'POST', path: WEBHOOK_NODE.path, responseMode: 'onReceived', options: {} },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

async function finishedExecutions(userFolder: string, workflowId: string): Promise<number> {
	const [row] = await queryN8nDatabase(
		userFolder,
		"SELECT COUNT(*) AS n FROM execution_entity WHERE workflowId = ? AND status NOT IN ('new', 'running', 'waiting')",
		[workflowId],
	);
	return Number(row?.n ?? 0);
}

async function ingest(userFolder: string, url: string, workflowId: string, messageIds: string[]): Promise<IngestRun> {
	const before = await finishedExecutions(userFolder, workflowId);
	const started = performance.now();
	const outcomes = await postReceipts(url, messageIds);
	const answeredMs = performance.now() - started;
	const failed = outcomes.filter(({ status }) => status !== 200).length;
	if (failed > 0) throw new Error(`${failed} receipts to ${url} were not answered 200`);
	const deadline = Date.now() + 120_000;
	while ((await finishedExecutions(userFolder, workflowId)) < before + messageIds.length) {
		if (Date.now() > deadline) throw new Error(`n8n did not record ${messageIds.length} executions of ${workflowId} in 2 minutes`);
		await sleep(20);
	}
	return { recordedMs: performance.now() - started, answeredMs, receipts: messageIds.length };
}

export async function measureTriggerIngest(options: { receipts: number }): Promise<IngestComparison> {
	let n8nVersion: string;
	try {
		n8nVersion = (await ensureN8n()).version;
	} catch (error) {
		return { skipped: `n8n is not installed and could not be installed: ${(error as Error).message}` };
	}
	const [port, cliBroker, serveBroker] = await findFreePorts(3);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-ingest-'));
	const cli = { userFolder, brokerPort: cliBroker };
	try {
		await installPackedPackage(userFolder, { quiet: true });
		const ours = clearLineTriggerWorkflow({ id: OURS.id, name: 'bench: ClearLine Trigger ingest', webhookId: OURS.webhookId });
		await importJsonIntoN8n('import:workflow', 'ingest-workflows.json', [ours, webhookNodeWorkflow()], cli);
		for (const id of [OURS.id, WEBHOOK_NODE.id]) await runN8nCliOrThrow(['publish:workflow', `--id=${id}`], cli);
		const n8n = await startN8n({ userFolder, port, brokerPort: serveBroker });
		const ourUrl = `${n8n.url}/webhook/${OURS.webhookId}/delivery-receipt`;
		const hookUrl = `${n8n.url}/webhook/${WEBHOOK_NODE.path}`;

		const ourRuns: IngestRun[] = [];
		const hookRuns: IngestRun[] = [];
		// Alternated, so that a slow phase of the machine does not fall on one side only.
		for (let round = 0; round < ROUNDS; round++) {
			hookRuns.push(await ingest(userFolder, hookUrl, WEBHOOK_NODE.id, receiptMessageIds(10 + round * 2, options.receipts)));
			ourRuns.push(await ingest(userFolder, ourUrl, OURS.id, receiptMessageIds(11 + round * 2, options.receipts)));
		}
		const best = (runs: IngestRun[]) => runs.reduce((a, b) => (b.recordedMs < a.recordedMs ? b : a));
		const ourTrigger = best(ourRuns);
		const webhookNode = best(hookRuns);
		return { n8nVersion, receipts: options.receipts, ourTrigger, webhookNode, ratio: webhookNode.recordedMs / ourTrigger.recordedMs };
	} finally {
		await stopAllN8nProcesses(20_000);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

if (require.main === module) {
	measureTriggerIngest({ receipts: 1000 })
		.then((result) => console.log(JSON.stringify(result, null, 2)))
		.catch((error: Error) => {
			console.error(error.stack ?? error.message);
			process.exitCode = 1;
		});
}
