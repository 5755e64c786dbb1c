/**
 * The 429 run: the provider answers "429 Too Many Requests, Retry-After: 1" to a stretch of
 * requests in the middle of a send. The node must slow its pool down (pause, fewer in flight, then
 * back up) and retry, never fail an item or send one twice.
 */
import type { INodeType } from 'n8n-workflow';

import type { Fault } from '../../sandbox/server';
import type { RemoteSandbox } from './remote-sandbox';
import { checkRun, runOurNode, type RunMeasurement } from './runs';
import type { Workload } from './workloads';

export interface RateLimitRun {
	provider: string;
	messages: number;
	retryAfterSeconds: number;
	/** Requests the sandbox answered with the injected 429. */
	rateLimited: number;
	requests: number;
	wallMs: number;
	failedItems: number;
	problems: string[];
	/** Most requests in flight at the sandbox in each 250 ms of the run. */
	inFlightTimeline: number[];
	/** From the end of the last 429 answer to the next request. */
	pauseMs: number;
	/** Most requests in flight within `burstWindowMs` of the first request after the pause. */
	inFlightRightAfterPause: number;
	burstWindowMs: number;
}

export const TIMELINE_STEP_MS = 250;
const BURST_WINDOW_MS = 100;

/** Most requests open at once at the sandbox within each step of the run (a sweep over start/end events). */
export function inFlightTimeline(run: RunMeasurement, stepMs = TIMELINE_STEP_MS): number[] {
	const events: Array<[time: number, change: number]> = [];
	for (const entry of run.served) {
		events.push([entry.start, 1]);
		events.push([entry.end ?? run.wallMs, -1]);
	}
	// An end before a start at the same instant: a slot handed over is not two in flight.
	events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const steps: number[] = [];
	let open = 0;
	let next = 0;
	for (let stepEnd = stepMs; stepEnd < run.wallMs + stepMs; stepEnd += stepMs) {
		let most = open;
		for (; next < events.length && events[next][0] < stepEnd; next++) {
			open += events[next][1];
			most = Math.max(most, open);
		}
		steps.push(most);
	}
	return steps;
}

export async function runRateLimited(
	sandbox: RemoteSandbox,
	workload: Workload,
	nodeType: new () => INodeType,
	options: { messages: number; after: number; times: number; retryAfterSeconds: number },
): Promise<RateLimitRun> {
	const fault: Fault = {
		provider: workload.provider,
		method: 'POST',
		path: workload.sendPath,
		kind: 'status',
		status: 429,
		retryAfter: options.retryAfterSeconds,
		body: { detail: 'Rate limit exceeded' },
		after: options.after,
		times: options.times,
	};
	const run = await runOurNode(sandbox, workload, nodeType, options.messages, [fault]);
	const limited = run.log.filter((entry) => entry.fault !== undefined && entry.status === 429);
	const lastLimitedEnd = run.served.filter((entry) => entry.status === 429).reduce((last, entry) => Math.max(last, entry.end ?? last), -Infinity);
	const resumedAt = run.served.filter((entry) => entry.start > lastLimitedEnd).reduce((first, entry) => Math.min(first, entry.start), Infinity);
	const openAt = (time: number) => run.served.filter((entry) => entry.start <= time && (entry.end ?? Infinity) > time).length;
	const burst = run.served.filter((entry) => entry.start >= resumedAt && entry.start < resumedAt + BURST_WINDOW_MS);
	return {
		provider: workload.title,
		messages: options.messages,
		retryAfterSeconds: options.retryAfterSeconds,
		rateLimited: limited.length,
		requests: run.requests,
		wallMs: run.wallMs,
		failedItems: run.failedItems,
		problems: checkRun(workload, run),
		inFlightTimeline: inFlightTimeline(run),
		pauseMs: resumedAt - lastLimitedEnd,
		inFlightRightAfterPause: Math.max(0, ...burst.map((entry) => openAt(entry.start))),
		burstWindowMs: BURST_WINDOW_MS,
	};
}
