/**
 * ClickSend's Skip Messages Sent in the Last (Hours): a Send of items that are all in the SMS
 * history already, so that the node's time is its read of the history (100 entries a page) and
 * nothing is sent; next to Get History › Return All on the same history, which reads the same
 * pages one after another. At the sandbox's latency and with none.
 *
 * Part of `npm run bench`; alone: `npx tsx scripts/bench/history-read.ts` (BENCH_HISTORY_ENTRIES,
 * BENCH_LATENCY_MS).
 */
// First: points N8N_USER_FOLDER at a temporary folder before anything loads n8n-core.
import '../../test/harness/env';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { READ_CONCURRENCY } from '../../lib/http';
import { shutdownHarness } from '../../test/harness';
import { mostInFlightAtOnce } from './in-flight-meter';
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox';
import { runOurNodeWith, type RunMeasurement } from './runs';
import { loadNodeType, WORKLOADS, type Workload } from './workloads';

const HISTORY_PATH = '/sms/history';
const SKIP_HOURS = 24;
const SEED_BATCH = 1000;
const PAGE_SIZE = 100;

export interface HistoryReadRun {
	name: string;
	latencyMs: number;
	/** History pages answered 200. */
	pages: number;
	/** From the first history request at the sandbox to its last answer. */
	readMs: number;
	nodeMs: number;
	/** Most history requests open at the sandbox at one time. */
	maxInFlight: number;
	problems: string[];
}

export interface HistoryRead {
	entries: number;
	runs: HistoryReadRun[];
}

export async function measureHistoryRead(
	sandbox: RemoteSandbox,
	{ entries, latenciesMs, restoreLatencyMs }: { entries: number; latenciesMs: number[]; restoreLatencyMs: number },
): Promise<HistoryRead> {
	const workload = clickSendWorkload();
	const nodeType = await loadNodeType(workload);
	if (!nodeType) throw new Error(`${workload.nodeFile} did not load`);
	const seed = async () => await seedHistory(sandbox, workload, entries);
	const items = Array.from({ length: entries }, (_, index) => workload.item(index));
	const send = { ...workload.parameters, options: { skipSentWithinHours: SKIP_HOURS } } as INodeParameters;
	const runs: HistoryReadRun[] = [];
	try {
		for (const latencyMs of latenciesMs) {
			await sandbox.call('setLatency', latencyMs);
			const skipped = await runOurNodeWith(sandbox, workload, nodeType, { parameters: send, items, prepare: seed });
			runs.push(readRun(`Send, all ${entries.toLocaleString('en-US')} skipped`, latencyMs, skipped, entries, sendProblems(skipped, entries)));
			const getMany = await runOurNodeWith(sandbox, workload, nodeType, { parameters: getHistoryParameters(), items: [{}], prepare: seed });
			const listed = getMany.output.length === entries ? [] : [`listed ${getMany.output.length} of ${entries}`];
			runs.push(readRun('Get History › Return All (pages one after another)', latencyMs, getMany, entries, listed));
		}
	} finally {
		await sandbox.call('setLatency', restoreLatencyMs);
	}
	return { entries, runs };
}

export function historyReadLines(result: HistoryRead | undefined): string[] {
	if (!result) return [];
	return [
		'',
		`ClickSend history read (Skip Messages Sent in the Last (Hours)): ${result.entries.toLocaleString('en-US')} entries, ${Math.ceil(result.entries / PAGE_SIZE)} pages of ${PAGE_SIZE}; pages after the first ${READ_CONCURRENCY} at a time; the read from its first request to its last answer, and the node's time (n8n runData)`,
		...result.runs.map(
			(run) =>
				`  ${run.name}, ${run.latencyMs} ms latency: read ${Math.round(run.readMs)} ms, node ${Math.round(run.nodeMs)} ms, ${run.pages} pages, ${run.maxInFlight} in flight at most, checks ${run.problems.length === 0 ? 'ok' : run.problems.join('; ')}`,
		),
	];
}

function clickSendWorkload(): Workload {
	const workload = WORKLOADS.find((candidate) => candidate.provider === 'clicksend');
	if (!workload) throw new Error('the benchmark has no ClickSend workload');
	return workload;
}

/** The messages the Send's items would send, put into the sandbox's history by its own send route. */
async function seedHistory(sandbox: RemoteSandbox, workload: Workload, entries: number): Promise<void> {
	const url = sandbox.providerUrl('clicksend');
	const { username, apiKey } = workload.credentialData(url);
	const authorization = `Basic ${Buffer.from(`${String(username)}:${String(apiKey)}`).toString('base64')}`;
	for (let start = 0; start < entries; start += SEED_BATCH) {
		const messages = [];
		for (let index = start; index < Math.min(entries, start + SEED_BATCH); index++) {
			messages.push(...((workload.baselineRequest(index, url).body as { messages: IDataObject[] }).messages ?? []));
		}
		const response = await fetch(`${url}/sms/send`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', Authorization: authorization },
			body: JSON.stringify({ messages }),
		});
		if (!response.ok) throw new Error(`seeding the ClickSend history failed: HTTP ${response.status}`);
	}
}

function getHistoryParameters(): INodeParameters {
	const dateFrom = new Date(Date.now() - SKIP_HOURS * 3600 * 1000).toISOString();
	return { resource: 'sms', operation: 'getHistory', orderBy: 'date:asc', filters: { dateFrom }, returnAll: true };
}

function readRun(name: string, latencyMs: number, run: RunMeasurement, entries: number, problems: string[]): HistoryReadRun {
	const history = run.served.filter((request) => request.path.endsWith(HISTORY_PATH));
	const pages = run.log.filter((entry) => entry.path.endsWith(HISTORY_PATH) && entry.status === 200).map((entry) => Number(entry.query.page));
	const expected = Math.ceil(entries / PAGE_SIZE);
	const pageProblems = new Set(pages).size === expected && pages.length === expected ? [] : [`pages read ${pages.length} (${new Set(pages).size} distinct), expected ${expected}`];
	const readMs = Math.max(...history.map((request) => request.end ?? Number.NaN)) - Math.min(...history.map((request) => request.start));
	return { name, latencyMs, pages: pages.length, readMs, nodeMs: run.nodeMs, maxInFlight: mostInFlightAtOnce(history), problems: [...(run.error ? [run.error] : []), ...problems, ...pageProblems] };
}

function sendProblems(run: RunMeasurement, entries: number): string[] {
	// From the meter, which starts after the seeding: the request log holds the seeding's sends too.
	const sends = run.served.filter((request) => request.path.endsWith('/sms/send')).length;
	const skipped = run.output.filter((item) => item.json.alreadySent === true).length;
	return [...(sends > 0 ? [`${sends} send requests`] : []), ...(skipped === entries ? [] : [`${skipped} of ${entries} skipped`])];
}

async function main(): Promise<void> {
	const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 50);
	const entries = Number(process.env.BENCH_HISTORY_ENTRIES ?? 14_000);
	const sandbox = await startRemoteSandbox(latencyMs);
	try {
		console.log(historyReadLines(await measureHistoryRead(sandbox, { entries, latenciesMs: [0, latencyMs], restoreLatencyMs: latencyMs })).join('\n'));
	} finally {
		await sandbox.close();
		await shutdownHarness();
	}
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.stack ?? error.message);
		process.exit(1);
	});
}
