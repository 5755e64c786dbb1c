/**
 * `npm run bench` (issue #5): our send nodes in n8n's real execution engine (test/harness
 * runWorkflow) against the provider sandbox with response latency, next to two baselines through
 * the same n8n HTTP helper (sequential, all at once); a 429 run; probes that explain the
 * per-request numbers; cold load of dist/; phone + segment throughput. Prints a table, the targets
 * with PASS/MISS, and one `BENCH_JSON {…}` line.
 *
 * Environment: BENCH_LATENCY_MS (50), BENCH_SEQUENTIAL_SAMPLE (200 messages per per-request
 * provider), BENCH_CLICKSEND_SEQUENTIAL_SAMPLE (500), BENCH_REAL_N8N (0: skip the comparison in real
 * n8n, which installs n8n 2.8.4 first when it is missing, as the e2e run does), BENCH_REQUEST_COST
 * (0: skip only the per-request cost part, request-cost.ts), BENCH_NETWORK_RTT_MS (100), BENCH_QUEUE
 * (0: skip queue mode against regular n8n, queue-mode.ts; BENCH_REAL_N8N=0 skips it too).
 */
// First: points N8N_USER_FOLDER at a temporary folder before anything loads n8n-core.
import '../../test/harness/env';

import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import type { INodeType } from 'n8n-workflow';

import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../lib/http';
import { shutdownHarness } from '../../test/harness';
import { ensureBuilt, measureColdLoad, type ColdLoad } from './cold-load';
import { printReport } from './print';
import { runRateLimited, type RateLimitRun } from './rate-limit';
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox';
import type { BaselineResult, BenchResults, OursResult, Probe, ProviderResult } from './results';
import { checkRun, runBaseline, runOurNode, type RunMeasurement } from './runs';
import { evaluateTargets } from './targets';
import { measureQueueMode } from './queue-mode';
import { measureHistoryRead, type HistoryRead } from './history-read';
import { measureInRealN8n } from './real-n8n';
import { benchRequestCost } from './request-cost';
import { measureClickSendInRealN8n, type ClickSendRealN8n } from './real-n8n-clicksend';
import { measureTriggerIngest } from './trigger-ingest';
import { measureThroughput } from './throughput';
import { loadNodeType, WORKLOADS, type Workload } from './workloads';

const LATENCY_MS = numberFromEnv('BENCH_LATENCY_MS', 50);
const SEQUENTIAL_SAMPLE = numberFromEnv('BENCH_SEQUENTIAL_SAMPLE', 200);
const CLICKSEND_SEQUENTIAL_SAMPLE = numberFromEnv('BENCH_CLICKSEND_SEQUENTIAL_SAMPLE', 500);
const WARM_UP_MESSAGES = 40;
/** The history the queue-mode re-run of a 10,000-message campaign reads (README, Running at scale). */
const HISTORY_ENTRIES = 14_000;
const REAL_N8N_MESSAGES = 1000;
/** A provider whose answers take anywhere from 5 to 400 ms (probes; floor with the mean). */
const VARYING_LATENCY_MS = [5, 400] as const;
const RATE_LIMITED_PROVIDER = 'amigo';
const PROBED_PROVIDER = 'clearline';

function numberFromEnv(name: string, fallback: number): number {
	const value = Number(process.env[name] ?? fallback);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number above 0, got "${process.env[name]}"`);
	return value;
}

const progress = (line: string) => console.log(`  … ${line}`);

function floorMs(requests: number): number {
	// Requests in rounds of at most `concurrency`: fewer requests than that still take one latency.
	return (requests * LATENCY_MS) / Math.max(1, Math.min(DEFAULT_CONCURRENCY, requests));
}

function oursResult(workload: Workload, run: RunMeasurement): OursResult {
	const floor = floorMs(run.requests);
	return {
		requests: run.requests,
		wallMs: run.wallMs,
		nodeMs: run.nodeMs,
		firstRequestMs: run.firstRequestMs,
		lastAnswerMs: run.lastAnswerMs,
		messagesPerSecond: (run.messages / run.wallMs) * 1000,
		rssGrowthMb: run.rssGrowthMb,
		rssMethod: run.rssMethod,
		maxInFlight: run.maxInFlight,
		floorMs: floor,
		wallOverFloor: run.wallMs / floor,
		problems: checkRun(workload, run),
	};
}

function baselineResult(run: RunMeasurement, messages: number): BaselineResult {
	return {
		measuredMessages: run.messages,
		measuredWallMs: run.wallMs,
		wallMs: (run.wallMs / run.messages) * messages,
		extrapolated: run.messages < messages,
		maxInFlight: run.maxInFlight,
		failedItems: run.failedItems + (run.status === 'success' ? 0 : run.messages),
	};
}

async function loadNodeTypes(): Promise<Map<Workload, (new () => INodeType) | string>> {
	const loaded = new Map<Workload, (new () => INodeType) | string>();
	for (const workload of WORKLOADS) {
		try {
			loaded.set(workload, (await loadNodeType(workload)) ?? `${workload.nodeFile} does not exist yet`);
		} catch (error) {
			loaded.set(workload, `${workload.nodeFile} did not load: ${(error as Error).message}`);
		}
	}
	return loaded;
}

async function benchmarkSends(
	sandbox: RemoteSandbox,
	notes: string[],
): Promise<{ providers: ProviderResult[]; rateLimit?: RateLimitRun; probes: Probe[] }> {
	const nodeTypes = await loadNodeTypes();
	const results = new Map<Workload, ProviderResult>();
	const available: Array<[Workload, new () => INodeType]> = [];
	for (const workload of WORKLOADS) {
		const nodeType = nodeTypes.get(workload) ?? 'not loaded';
		const result: ProviderResult = { provider: workload.provider, title: workload.title, messages: workload.messages, concurrency: DEFAULT_CONCURRENCY };
		if (typeof nodeType === 'string') result.skipped = nodeType;
		else available.push([workload, nodeType]);
		results.set(workload, result);
	}

	progress(`warm-up: ${WARM_UP_MESSAGES} messages per node and baseline`);
	for (const [workload, nodeType] of available) {
		await runOurNode(sandbox, workload, nodeType, WARM_UP_MESSAGES);
		await runBaseline(sandbox, workload, 'unbounded', WARM_UP_MESSAGES);
		await runBaseline(sandbox, workload, 'sequential', 5);
	}

	// Our runs first, largest first: peak RSS growth is measured before a baseline has grown the heap.
	const ordered = [...available].sort(([a], [b]) => b.messages - a.messages);
	for (const [workload, nodeType] of ordered) {
		progress(`${workload.title}: our node, ${workload.messages.toLocaleString('en-US')} messages`);
		results.get(workload)!.ours = oursResult(workload, await runOurNode(sandbox, workload, nodeType, workload.messages));
	}
	for (const [workload] of ordered) {
		const result = results.get(workload)!;
		progress(`${workload.title}: unbounded baseline, ${workload.messages.toLocaleString('en-US')} requests at once`);
		result.unbounded = baselineResult(await runBaseline(sandbox, workload, 'unbounded', workload.messages), workload.messages);
		const sample = Math.min(workload.messages, workload.provider === 'clicksend' ? CLICKSEND_SEQUENTIAL_SAMPLE : SEQUENTIAL_SAMPLE);
		progress(`${workload.title}: sequential baseline, ${sample} messages (extrapolated to ${workload.messages.toLocaleString('en-US')})`);
		result.sequential = baselineResult(await runBaseline(sandbox, workload, 'sequential', sample), workload.messages);
		const ours = result.ours!;
		result.sequentialOverOurs = result.sequential.wallMs / ours.wallMs;
		result.unboundedOverOurs = result.unbounded.wallMs / ours.wallMs;
		for (const [name, baseline] of [['sequential', result.sequential], ['unbounded', result.unbounded]] as const) {
			if (baseline.failedItems > 0) notes.push(`${workload.title} ${name} baseline: ${baseline.failedItems} of ${baseline.measuredMessages} requests failed or were refused`);
		}
	}

	let rateLimit: RateLimitRun | undefined;
	const limited = available.find(([workload]) => workload.provider === RATE_LIMITED_PROVIDER);
	if (limited) {
		const [workload, nodeType] = limited;
		progress(`${workload.title}: ${workload.messages} messages, 20 requests answered 429 with Retry-After: 1`);
		rateLimit = await runRateLimited(sandbox, workload, nodeType, {
			messages: workload.messages,
			after: 300,
			times: DEFAULT_CONCURRENCY,
			retryAfterSeconds: 1,
		});
	}
	return { providers: WORKLOADS.map((workload) => results.get(workload)!), rateLimit, probes: await runProbes(sandbox, available) };
}

function probe(name: string, run: RunMeasurement, latencyMs: number, concurrency: number, problems: string[]): Probe {
	return {
		name,
		messages: run.messages,
		latencyMs,
		concurrency,
		requests: run.requests,
		wallMs: run.wallMs,
		floorMs: (run.requests * latencyMs) / Math.max(1, Math.min(concurrency, run.requests)),
		maxInFlight: run.maxInFlight,
		firstRequestMs: run.firstRequestMs,
		lastAnswerMs: run.lastAnswerMs,
		msPerMessage: run.wallMs / run.messages,
		problems,
	};
}

/** Runs with no target of their own that explain the ones with a target. */
async function runProbes(sandbox: RemoteSandbox, available: Array<[Workload, new () => INodeType]>): Promise<Probe[]> {
	const probes: Probe[] = [];
	const probed = available.find(([workload]) => workload.provider === PROBED_PROVIDER);
	if (probed) probes.push(...(await probePerRequest(sandbox, ...probed)));
	const batched = available.find(([workload]) => workload.messagesPerRequest > 1);
	if (batched) {
		// With no latency the requests phase of a batch send is the sandbox's own work on the batches.
		const [workload, nodeType] = batched;
		progress(`${workload.title}: ${workload.messages.toLocaleString('en-US')} messages with no latency`);
		await sandbox.call('setLatency', 0);
		try {
			const run = await runOurNode(sandbox, workload, nodeType, workload.messages);
			probes.push(probe(`${workload.title} node, no latency`, run, 0, DEFAULT_CONCURRENCY, checkRun(workload, run)));
		} finally {
			await sandbox.call('setLatency', LATENCY_MS);
		}
	}
	return probes;
}

/**
 * For a per-request provider: our node at the highest Concurrency it allows; a bare pool of the
 * same size through the same n8n helper (the baseline node), which starts a request the moment a
 * slot frees (no spacing of starts, lib/http START_SPREAD) and so shows what the spacing is worth;
 * and both with no latency, where the wall time per message is what each message costs on n8n's
 * event loop.
 */
async function probePerRequest(sandbox: RemoteSandbox, workload: Workload, nodeType: new () => INodeType): Promise<Probe[]> {
	const messages = workload.messages;
	const ours = async (name: string, latencyMs: number, concurrency: number) => {
		const run = await runOurNode(sandbox, workload, nodeType, messages, [], { concurrency });
		return probe(`${workload.title} node, ${name}`, run, latencyMs, concurrency, checkRun(workload, run));
	};
	const barePool = async (name: string, latencyMs: number) => {
		const run = await runBaseline(sandbox, workload, 'pool', messages, DEFAULT_CONCURRENCY);
		return probe(`bare pool of ${DEFAULT_CONCURRENCY} (baseline node), ${name}`, run, latencyMs, DEFAULT_CONCURRENCY, run.failedItems > 0 ? [`${run.failedItems} failed`] : []);
	};

	progress(`${workload.title}: probes (Concurrency ${MAX_CONCURRENCY}; a bare pool of ${DEFAULT_CONCURRENCY}; both with no latency)`);
	const probes = [
		await ours(`Concurrency ${MAX_CONCURRENCY}`, LATENCY_MS, MAX_CONCURRENCY),
		await barePool(`${LATENCY_MS} ms latency`, LATENCY_MS),
	];
	await sandbox.call('setLatency', 0);
	try {
		probes.push(await ours(`Concurrency ${DEFAULT_CONCURRENCY}, no latency`, 0, DEFAULT_CONCURRENCY));
		probes.push(await barePool('no latency', 0));
		// Round trips that vary widely never fall into lockstep: the spacing must then cost nothing.
		const [low, high] = VARYING_LATENCY_MS;
		progress(`${workload.title}: our node and the bare pool with round trips between ${low} and ${high} ms`);
		await sandbox.call('setLatency', low, high - low);
		const mean = (low + high) / 2;
		probes.push(await ours(`Concurrency ${DEFAULT_CONCURRENCY}, ${low}–${high} ms`, mean, DEFAULT_CONCURRENCY));
		probes.push(await barePool(`${low}–${high} ms`, mean));
	} finally {
		await sandbox.call('setLatency', LATENCY_MS);
	}
	return probes;
}

/** What users have today, in the n8n they run: its HTTP Request node against our ClearLine node. */
async function compareInRealN8n(sandbox: RemoteSandbox): Promise<BenchResults['realN8n']> {
	if (process.env.BENCH_REAL_N8N === '0') return { skipped: 'BENCH_REAL_N8N=0' };
	progress(`real n8n: ${REAL_N8N_MESSAGES.toLocaleString('en-US')} ClearLine messages, HTTP Request node and ours, twice each (installs n8n first if missing)`);
	try {
		return await measureInRealN8n(sandbox, { messages: REAL_N8N_MESSAGES });
	} catch (error) {
		return { skipped: `the run in real n8n failed: ${(error as Error).message.split('\n')[0]}` };
	}
}

/** ClickSend's batches: our node against a Code node packing them + one HTTP Request node (issue #17). */
async function compareClickSendInRealN8n(sandbox: RemoteSandbox): Promise<ClickSendRealN8n> {
	if (process.env.BENCH_REAL_N8N === '0') return { skipped: 'BENCH_REAL_N8N=0' };
	progress('real n8n: ClickSend 1,000 and 10,000 messages, our node (mapped, computed) and a Code node + HTTP Request node, twice each');
	try {
		return await measureClickSendInRealN8n(sandbox, { sizes: [1000, 10_000] });
	} catch (error) {
		return { skipped: `the ClickSend run in real n8n failed: ${(error as Error).message.split('\n')[0]}` };
	}
}

/** Receipts into our trigger and into n8n's own Webhook node, in the same real n8n. */
async function compareTriggerIngest(): Promise<BenchResults['triggerIngest']> {
	if (process.env.BENCH_REAL_N8N === '0') return { skipped: 'BENCH_REAL_N8N=0' };
	progress('real n8n: 1,000 receipts into our ClearLine Trigger and into n8n\'s Webhook node, twice each');
	try {
		return await measureTriggerIngest({ receipts: 1000 });
	} catch (error) {
		return { skipped: `the ingest run failed: ${(error as Error).message.split('\n')[0]}` };
	}
}

/** Queue mode (two webhook processors, a worker) against one regular n8n process. */
async function compareQueueMode(): Promise<BenchResults['queueMode']> {
	if (process.env.BENCH_REAL_N8N === '0' || process.env.BENCH_QUEUE === '0') return { skipped: process.env.BENCH_QUEUE === '0' ? 'BENCH_QUEUE=0' : 'BENCH_REAL_N8N=0' };
	progress('queue mode against regular n8n: 1,000 receipts and the bulk send in each (installs Redis and PostgreSQL first if missing)');
	try {
		return await measureQueueMode({ receipts: 1000, latencyMs: LATENCY_MS, log: progress });
	} catch (error) {
		return { skipped: `the queue-mode run failed: ${(error as Error).message.split('\n')[0]}` };
	}
}

function coldLoad(): { coldLoad?: ColdLoad; coldLoadNote?: string } {
	progress('cold load of dist/');
	const built = ensureBuilt();
	if (!built.ok) return { coldLoadNote: `cold load skipped: ${built.note}` };
	try {
		return { coldLoad: measureColdLoad(), coldLoadNote: built.note };
	} catch (error) {
		return { coldLoadNote: `cold load failed: ${(error as Error).message}` };
	}
}

async function main(): Promise<void> {
	const started = performance.now();
	const notes: string[] = [
		`The sandbox runs in a child process (as a provider runs elsewhere); every request waits ${LATENCY_MS} ms there before it is answered.`,
		`floor = requests × latency ÷ min(concurrency, requests): the least time the requests can take at ${DEFAULT_CONCURRENCY} in flight (one latency when there are fewer requests than that).`,
		`Sequential baselines (*) are measured on ${SEQUENTIAL_SAMPLE} messages (ClickSend ${CLICKSEND_SEQUENTIAL_SAMPLE}) and extrapolated linearly to the workload; unbounded baselines are measured in full.`,
		'Baselines: a benchmark-only node in the same engine making one request per message through helpers.httpRequestWithAuthentication, one after another (sequential) or all at once (Promise.all).',
		'Wall = the whole runWorkflow (engine start, the node, engine finish). "in flight" = most requests open at once at the sandbox (its HTTP server events), against the configured concurrency.',
		`Peak RSS growth: this process's peak RSS (Linux VmHWM, reset before each run) minus its RSS at the start of the run, after a full GC. ClickSend (10,000) runs first; the smaller runs after it reuse the heap it grew, so theirs read ~0.`,
		'Throughput: best of 11 passes over 20,000 messages; on this machine allocation-heavy code has phases of seconds in which it runs about a third slower, which the median shows.',
		`Each node and baseline ran ${WARM_UP_MESSAGES} messages first (warm-up, not counted).`,
	];
	// CPU-only measurements first, while this process's heap is small and nothing else runs.
	progress('phone normalisation + segment counting');
	const throughput = measureThroughput();
	const load = coldLoad();
	const sandbox = await startRemoteSandbox(LATENCY_MS);
	let sends: Awaited<ReturnType<typeof benchmarkSends>>;
	let historyRead: HistoryRead;
	let realN8n: BenchResults['realN8n'];
	let requestCost: BenchResults['requestCost'];
	let clickSendRealN8n: ClickSendRealN8n;
	try {
		sends = await benchmarkSends(sandbox, notes);
		progress(`ClickSend: the history read of Skip Messages Sent, ${HISTORY_ENTRIES.toLocaleString('en-US')} entries, with no latency and ${LATENCY_MS} ms`);
		historyRead = await measureHistoryRead(sandbox, { entries: HISTORY_ENTRIES, latenciesMs: [0, LATENCY_MS], restoreLatencyMs: LATENCY_MS });
		realN8n = await compareInRealN8n(sandbox);
		requestCost = await benchRequestCost(sandbox, LATENCY_MS, progress);
		clickSendRealN8n = await compareClickSendInRealN8n(sandbox);
	} finally {
		await sandbox.close();
	}
	const triggerIngest = await compareTriggerIngest();
	const queueMode = await compareQueueMode();

	const partial = {
		latencyMs: LATENCY_MS,
		concurrency: DEFAULT_CONCURRENCY,
		machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
		providers: sends.providers,
		rateLimit: sends.rateLimit,
		probes: sends.probes,
		historyRead,
		realN8n,
		requestCost,
		clickSendRealN8n,
		triggerIngest,
		queueMode,
		...load,
		throughput,
		notes,
	};
	const results: BenchResults = { ...partial, targets: evaluateTargets(partial), totalSeconds: (performance.now() - started) / 1000 };
	printReport(results);
	await shutdownHarness();
}

main().catch(async (error: Error) => {
	console.error(`Benchmark failed: ${error.stack ?? error.message}`);
	await shutdownHarness().catch(() => undefined);
	process.exit(1);
});
