/** What the benchmark measured, as printed and as the BENCH_JSON line carries it. */
import type { ColdLoad } from './cold-load';
import type { RealN8nComparison } from './real-n8n';
import type { RequestCostComparison } from './request-cost';
import type { ClickSendRealN8n } from './real-n8n-clicksend';
import type { IngestComparison } from './trigger-ingest';
import type { RateLimitRun } from './rate-limit';
import type { Throughput } from './throughput';
import type { QueueModeComparison } from './queue-mode';
import type { HistoryRead } from './history-read';

export interface OursResult {
	requests: number;
	wallMs: number;
	/** The node's execution time as n8n records it (wall minus the engine's own start and finish). */
	nodeMs: number;
	firstRequestMs: number;
	lastAnswerMs: number;
	messagesPerSecond: number;
	rssGrowthMb: number;
	rssMethod: string;
	/** At the sandbox: most requests open at one time. */
	maxInFlight: number;
	/** requests × latency ÷ min(concurrency, requests). */
	floorMs: number;
	wallOverFloor: number;
	/** Correctness checks that failed (empty: all held). */
	problems: string[];
}

export interface BaselineResult {
	/** Messages actually sent in the measured run. */
	measuredMessages: number;
	measuredWallMs: number;
	/** For `messages` messages: measured, or extrapolated from `measuredMessages` when fewer. */
	wallMs: number;
	extrapolated: boolean;
	maxInFlight: number;
	failedItems: number;
}

export interface ProviderResult {
	provider: string;
	title: string;
	messages: number;
	concurrency: number;
	skipped?: string;
	ours?: OursResult;
	sequential?: BaselineResult;
	unbounded?: BaselineResult;
	/** Baseline wall ÷ our wall: how many times faster our node is. */
	sequentialOverOurs?: number;
	unboundedOverOurs?: number;
}

/** A run that is not a target but explains one (other concurrency, no latency). */
export interface Probe {
	name: string;
	messages: number;
	latencyMs: number;
	concurrency: number;
	requests: number;
	wallMs: number;
	floorMs: number;
	maxInFlight: number;
	firstRequestMs: number;
	lastAnswerMs: number;
	/** Wall ÷ messages: with no latency, the time each message costs on n8n's event loop. */
	msPerMessage: number;
	problems: string[];
}

export interface Target {
	name: string;
	value: number | string;
	limit: string;
	pass: boolean;
}

export interface BenchResults {
	latencyMs: number;
	concurrency: number;
	machine: { cpus: number; node: string; platform: string };
	providers: ProviderResult[];
	rateLimit?: RateLimitRun;
	probes: Probe[];
	/** ClickSend's Skip Messages Sent history read, against Get History's read of the same pages one after another. */
	historyRead?: HistoryRead;
	/** The same ClearLine send in real n8n: n8n's HTTP Request node against ours. */
	realN8n?: RealN8nComparison;
	/** ClearLine 1,000 in real n8n on the plain sandbox and the simulated TLS network: our node, the HTTP Request node, a keep-alive client. */
	requestCost?: RequestCostComparison;
	/** ClickSend 1,000 and 10,000 in real n8n: our node against a Code node packing the batches + one HTTP Request node. */
	clickSendRealN8n?: ClickSendRealN8n;
	/** Receipts into our ClearLine Trigger and into n8n's Webhook node, in one real n8n. */
	triggerIngest?: IngestComparison;
	/** Receipts and the bulk send in n8n's queue mode against one regular n8n. */
	queueMode?: QueueModeComparison;
	coldLoad?: ColdLoad;
	coldLoadNote?: string;
	throughput: Throughput;
	targets: Target[];
	notes: string[];
	totalSeconds: number;
}
