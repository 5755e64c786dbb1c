/**
 * What one request costs a per-request send in real n8n (issue #17): 1,000 ClearLine messages,
 * one request each, in n8n 2.8.4 (`n8n execute`), over (a) the plain sandbox at its latency and
 * (b) the simulated network (simulated-network.ts: TLS, a round trip away, the sandbox itself
 * answering at once), each through our ClearLine node, n8n's HTTP Request node, and a plain Node
 * client that reuses its connections (keep-alive-client.ts) at the same concurrency, the floor
 * reference. Counted per run: connections, TLS handshakes and round trips (on the simulated
 * network), so that what n8n's request helper pays per request shows as round trips per message.
 *
 * n8n trusts the simulated network's certificate through NODE_EXTRA_CA_CERTS, as a user trusts a
 * private CA; ClearLine's credential has no option to skip certificate checks.
 *
 * Run directly (`npx tsx scripts/bench/request-cost.ts`) it starts its own sandbox and prints the
 * result as JSON.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { DEFAULT_CONCURRENCY } from '../../lib/http';
import { SANDBOX_KEYS } from '../../sandbox/keys';
import { writeJsonFile, importJsonIntoN8n, runN8nCliOrThrow, type CliOptions } from '../n8n/cli';
import { ensureN8n } from '../n8n/install';
import { installPackedPackage } from '../n8n/package';
import { findFreePorts } from '../n8n/ports';
import { stopAllN8nProcesses } from '../n8n/processes';
import { sendWithKeepAlive } from './keep-alive-client';
import {
	benchCredentials,
	benchWorkflow,
	clearLineNode,
	EXECUTE_TIMEOUT_MS,
	fastest,
	httpRequestNode,
	inputItems,
	measureRun,
	RUNS_PER_WORKFLOW,
	type RealN8nRun,
	type Setup,
} from './real-n8n';
import { startRemoteSandbox, type RemoteSandbox } from './remote-sandbox';
import type { Target } from './results';
import { startSimulatedNetwork, type SimulatedNetwork } from './simulated-network';
import { workloadOf, type Workload } from './workloads';

export interface ClientRun {
	/** n8n's clients: the sending node's executionTime; the plain client: first request to last answer. */
	wallMs: number;
	requests: number;
	maxInFlight: number;
	failedItems: number;
	/** TCP connections that carried the requests. */
	connections: number;
	/** Round trips paid, counted at the latency proxy (simulated network only). */
	roundTrips?: number;
	/** TLS handshakes (simulated network only). */
	tlsHandshakes?: number;
}

export interface NetworkResult {
	name: string;
	roundTripMs: number;
	/** messages × round trip ÷ concurrency: every message one round trip, `concurrency` at a time. */
	floorMs: number;
	ourNode: ClientRun;
	httpRequestNode: ClientRun;
	keepAliveClient: ClientRun;
	/** The simulated network only: our node with Concurrency raised to RAISED_CONCURRENCY, what a user can do. */
	ourNodeRaisedConcurrency?: ClientRun;
}

export type RequestCostComparison =
	| { n8nVersion: string; messages: number; concurrency: number; tlsVersions: Record<string, number>; networks: NetworkResult[] }
	| { skipped: string };

const WARM_UP_REQUESTS = 100;
/**
 * Through n8n's helper a request over TLS costs three round trips (TCP, TLS, the request itself),
 * so three times the Concurrency keeps as many requests on their one useful round trip.
 */
export const RAISED_CONCURRENCY = 3 * DEFAULT_CONCURRENCY;
const TLS_CREDENTIAL = { id: 'bench-clearline-tls', name: 'ClearLine (sandbox over the simulated network)' };

interface NetworkPlan {
	name: string;
	roundTripMs: number;
	/** The sandbox's own latency during this network's runs. */
	sandboxLatencyMs: number;
	providerUrl: string;
	oursWorkflowId: string;
	httpWorkflowId: string;
	/** Our node at RAISED_CONCURRENCY (the simulated network only). */
	raisedWorkflowId?: string;
	/** Set for the simulated network: its counts. */
	network?: SimulatedNetwork;
}

export async function measureRequestCost(
	sandbox: RemoteSandbox,
	options: { messages: number; latencyMs: number; roundTripMs: number; signal?: AbortSignal },
): Promise<RequestCostComparison> {
	let n8nVersion: string;
	try {
		n8nVersion = (await ensureN8n()).version;
	} catch (error) {
		return { skipped: `n8n is not installed and could not be installed: ${(error as Error).message}` };
	}
	const workload = workloadOf('clearline');
	const network = await startSimulatedNetwork({ sandboxPort: Number(new URL(sandbox.baseUrl).port), roundTripMs: options.roundTripMs });
	const [brokerPort] = await findFreePorts(1);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-bench-network-'));
	const cli: CliOptions = {
		userFolder,
		brokerPort,
		timeoutMs: EXECUTE_TIMEOUT_MS,
		env: { N8N_LOG_LEVEL: 'info', NODE_EXTRA_CA_CERTS: network.caFile },
	};
	const setup: Setup = { userFolder, cli, signal: options.signal };
	const plans: NetworkPlan[] = [
		{
			name: `plain HTTP over loopback, the sandbox answering after ${options.latencyMs} ms`,
			roundTripMs: options.latencyMs,
			sandboxLatencyMs: options.latencyMs,
			providerUrl: sandbox.providerUrl(workload.provider),
			oursWorkflowId: 'netOursPlain0001',
			httpWorkflowId: 'netHttpPlain0001',
		},
		{
			name: `TLS with a ${options.roundTripMs} ms round trip (simulated), the sandbox answering at once`,
			roundTripMs: options.roundTripMs,
			sandboxLatencyMs: 0,
			providerUrl: `${network.baseUrl}/${workload.provider}`,
			oursWorkflowId: 'netOursTls000001',
			httpWorkflowId: 'netHttpTls000001',
			raisedWorkflowId: 'netOursTlsC60001',
			network,
		},
	];
	try {
		await prepareN8n(setup, workload, plans, options.messages);
		const networks: NetworkResult[] = [];
		for (const plan of plans) {
			await sandbox.call('setLatency', plan.sandboxLatencyMs);
			try {
				networks.push(await measureNetwork(setup, sandbox, workload, plan, options.messages));
			} finally {
				await sandbox.call('setLatency', options.latencyMs);
			}
		}
		return { n8nVersion, messages: options.messages, concurrency: DEFAULT_CONCURRENCY, tlsVersions: network.counts().tlsVersions, networks };
	} finally {
		await stopAllN8nProcesses(5_000);
		await network.close();
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

async function prepareN8n(setup: Setup, workload: Workload, plans: NetworkPlan[], messages: number): Promise<void> {
	await installPackedPackage(setup.userFolder, { quiet: true });
	const [plain, simulated] = plans;
	const credentials = [
		...benchCredentials(workload, plain.providerUrl),
		{ ...TLS_CREDENTIAL, type: workload.credentialType, data: workload.credentialData(simulated.providerUrl) },
	];
	setup.signal?.throwIfAborted();
	await importJsonIntoN8n('import:credentials', 'credentials.json', credentials, setup.cli);
	const workflowsDir = path.join(setup.userFolder, 'workflows');
	fs.mkdirSync(workflowsDir);
	for (const plan of plans) {
		const items = inputItems(workload, plan.providerUrl, messages);
		const credential = plan === simulated ? TLS_CREDENTIAL : undefined;
		writeJsonFile(path.join(workflowsDir, `${plan.httpWorkflowId}.json`), benchWorkflow(plan.httpWorkflowId, `bench: HTTP Request node, ${plan.name}`, items, httpRequestNode()));
		writeJsonFile(path.join(workflowsDir, `${plan.oursWorkflowId}.json`), benchWorkflow(plan.oursWorkflowId, `bench: ClearLine node, ${plan.name}`, items, clearLineNode(workload, credential)));
		if (plan.raisedWorkflowId) {
			const raised = clearLineNode(workload, credential, { concurrency: RAISED_CONCURRENCY });
			writeJsonFile(path.join(workflowsDir, `${plan.raisedWorkflowId}.json`), benchWorkflow(plan.raisedWorkflowId, `bench: ClearLine node at Concurrency ${RAISED_CONCURRENCY}, ${plan.name}`, items, raised));
		}
	}
	setup.signal?.throwIfAborted();
	await runN8nCliOrThrow(['import:workflow', '--separate', `--input=${workflowsDir}`], setup.cli);
}

async function measureNetwork(setup: Setup, sandbox: RemoteSandbox, workload: Workload, plan: NetworkPlan, messages: number): Promise<NetworkResult> {
	const requests = Array.from({ length: messages }, (_, index) => workload.baselineRequest(index, plan.providerUrl));
	const keepAlive = (sent: typeof requests) =>
		sendWithKeepAlive(sent, { concurrency: DEFAULT_CONCURRENCY, headers: { ApiKey: SANDBOX_KEYS.clearline.apiKey }, ca: plan.network?.ca });
	// A first run of the client's code and the proxy's is slower than the next: not counted.
	await keepAlive(requests.slice(0, WARM_UP_REQUESTS));

	const runs = { ourNode: [] as ClientRun[], httpRequestNode: [] as ClientRun[], keepAliveClient: [] as ClientRun[], raised: [] as ClientRun[] };
	const counted = async (run: () => Promise<RealN8nRun | ClientRun>): Promise<ClientRun> => {
		plan.network?.resetCounts();
		let measured: RealN8nRun | ClientRun;
		try {
			measured = await run();
		} catch (error) {
			// On a loaded machine `n8n execute` has printed its run data cut by another line once; one more try.
			console.error(`  … a run failed, trying once more: ${(error as Error).message.split('\n')[0]}`);
			plan.network?.resetCounts();
			measured = await run();
		}
		const counts = plan.network?.counts();
		const result: ClientRun = {
			wallMs: measured.wallMs,
			requests: measured.requests,
			maxInFlight: measured.maxInFlight,
			failedItems: measured.failedItems,
			connections: measured.connections,
		};
		if (counts) Object.assign(result, { connections: counts.connections, roundTrips: counts.roundTrips, tlsHandshakes: counts.tlsHandshakes });
		return result;
	};
	// Alternated, so that a slow phase of the machine does not fall on one client only.
	for (let round = 0; round < RUNS_PER_WORKFLOW; round++) {
		runs.httpRequestNode.push(await counted(() => measureRun(setup, sandbox, plan.httpWorkflowId, messages)));
		runs.ourNode.push(await counted(() => measureRun(setup, sandbox, plan.oursWorkflowId, messages)));
		const raisedWorkflowId = plan.raisedWorkflowId;
		if (raisedWorkflowId) runs.raised.push(await counted(() => measureRun(setup, sandbox, raisedWorkflowId, messages)));
		runs.keepAliveClient.push(
			await counted(async () => {
				await sandbox.call('reset');
				await sandbox.call('resetMeter');
				const run = await keepAlive(requests);
				const meter = await sandbox.call('readMeter');
				return { wallMs: run.wallMs, requests: meter.served.length, maxInFlight: meter.maxInFlight, failedItems: run.failed, connections: meter.connections };
			}),
		);
	}
	return {
		name: plan.name,
		roundTripMs: plan.roundTripMs,
		floorMs: (messages * plan.roundTripMs) / DEFAULT_CONCURRENCY,
		ourNode: fastest(runs.ourNode),
		httpRequestNode: fastest(runs.httpRequestNode),
		keepAliveClient: fastest(runs.keepAliveClient),
		...(runs.raised.length > 0 ? { ourNodeRaisedConcurrency: fastest(runs.raised) } : {}),
	};
}

/**
 * The part `npm run bench` runs: skipped with BENCH_REAL_N8N=0 (as every real-n8n part) or
 * BENCH_REQUEST_COST=0; BENCH_NETWORK_RTT_MS sets the simulated round trip (100).
 */
export async function benchRequestCost(sandbox: RemoteSandbox, latencyMs: number, progress: (line: string) => void): Promise<RequestCostComparison> {
	for (const name of ['BENCH_REAL_N8N', 'BENCH_REQUEST_COST']) {
		if (process.env[name] === '0') return { skipped: `${name}=0` };
	}
	const roundTripMs = Number(process.env.BENCH_NETWORK_RTT_MS ?? 100);
	if (!Number.isFinite(roundTripMs) || roundTripMs <= 0) return { skipped: `BENCH_NETWORK_RTT_MS must be a number above 0, got "${process.env.BENCH_NETWORK_RTT_MS}"` };
	progress(`real n8n: 1,000 ClearLine messages, one request each, at ${latencyMs} ms and over TLS with a ${roundTripMs} ms round trip: our node, HTTP Request node, keep-alive client`);
	try {
		return await measureRequestCost(sandbox, { messages: 1000, latencyMs, roundTripMs });
	} catch (error) {
		return { skipped: `the per-request cost run failed: ${(error as Error).message.split('\n')[0]}` };
	}
}

// ---------------------------------------------------------------------------------------------
// Report

/** Ours within 1.3 × floor on the plain sandbox, within 1.5 × on the simulated network (issue #17). */
const FLOOR_LIMITS = [1.3, 1.5];

const ms = (value: number) => Math.round(value).toLocaleString('en-US');

export function requestCostLines(comparison: RequestCostComparison | undefined): string[] {
	if (!comparison) return [];
	if ('skipped' in comparison) return ['', `Per-request cost in real n8n skipped: ${comparison.skipped}`];
	const lines = [
		'',
		`Per-request cost in real n8n ${comparison.n8nVersion} (n8n execute, faster of ${RUNS_PER_WORKFLOW} runs each, alternated): ` +
			`${comparison.messages.toLocaleString('en-US')} ClearLine messages, one request each, ${comparison.concurrency} in flight; ` +
			`floor = messages × round trip ÷ ${comparison.concurrency}`,
	];
	// The sandbox answers at once behind the simulated network: its count of open requests says nothing there.
	const inFlight = (run: ClientRun) => (run.roundTrips === undefined ? `at most ${run.maxInFlight} in flight at the sandbox, ` : '');
	for (const network of comparison.networks) {
		lines.push(`  ${network.name}: floor ${ms(network.floorMs)} ms`);
		const row = (name: string, run: ClientRun) => {
			const perMessage = (count: number | undefined) => (count === undefined ? '' : (count / comparison.messages).toFixed(2));
			const trips = run.roundTrips === undefined ? '' : `, ${perMessage(run.roundTrips)} round trips, ${perMessage(run.tlsHandshakes)} TLS handshakes`;
			return (
				`    ${name.padEnd(32)} ${ms(run.wallMs).padStart(6)} ms = ${(run.wallMs / network.floorMs).toFixed(2)} × floor, ` +
				`${(run.wallMs / network.keepAliveClient.wallMs).toFixed(2)} × keep-alive client; ` +
				`per message ${perMessage(run.connections)} connections${trips}; ${run.requests} requests, ${inFlight(run)}${run.failedItems} failed`
			);
		};
		lines.push(
			row('our ClearLine node (n8n helper)', network.ourNode),
			row("n8n's HTTP Request node", network.httpRequestNode),
			row('plain client, keep-alive', network.keepAliveClient),
			`    HTTP Request node ÷ ours: ${(network.httpRequestNode.wallMs / network.ourNode.wallMs).toFixed(2)}×`,
		);
		if (network.ourNodeRaisedConcurrency) {
			lines.push(
				row(`our node at Concurrency ${RAISED_CONCURRENCY}`, network.ourNodeRaisedConcurrency),
				`      (what a user can do for a distant provider; the floor stays at ${comparison.concurrency} in flight)`,
			);
		}
	}
	lines.push(`  TLS versions negotiated: ${Object.entries(comparison.tlsVersions).map(([version, count]) => `${version} ${count}`).join(', ')}`);
	return lines;
}

export function requestCostTargets(comparison: RequestCostComparison | undefined): Target[] {
	if (!comparison || 'skipped' in comparison) return [];
	return comparison.networks.map((network, index) => {
		const ratio = network.ourNode.wallMs / network.floorMs;
		const limit = FLOOR_LIMITS[index] ?? FLOOR_LIMITS[FLOOR_LIMITS.length - 1];
		return {
			name: `ClearLine ${comparison.messages.toLocaleString('en-US')} in real n8n, ${index === 0 ? `sandbox at ${network.roundTripMs} ms` : `${network.roundTripMs} ms TLS network`}: wall ÷ floor`,
			value: Number(ratio.toFixed(2)),
			limit: `≤ ${limit}`,
			pass: ratio <= limit && network.ourNode.failedItems === 0,
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Run directly

async function main(): Promise<void> {
	const latencyMs = 50;
	const sandbox = await startRemoteSandbox(latencyMs);
	try {
		const comparison = await measureRequestCost(sandbox, { messages: 1000, latencyMs, roundTripMs: 100 });
		console.log(requestCostLines(comparison).join('\n'));
		console.log(JSON.stringify(comparison));
	} finally {
		await sandbox.close();
	}
}

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(error.stack ?? error.message);
		process.exitCode = 1;
	});
}
