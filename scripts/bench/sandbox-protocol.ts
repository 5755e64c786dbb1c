/**
 * The messages between the benchmark and its sandbox process (sandbox-process.ts) over Node's IPC
 * channel. The sandbox runs in a process of its own, as a provider runs on another machine: its
 * parsing, logging and answering do not take CPU time from n8n's event loop, nor count in n8n's RSS.
 */
import type { ActiveFault, Fault, ProviderName, RequestFilter, RequestLogEntry } from '../../sandbox/server';

/** One provider request as the sandbox's HTTP server saw it; times in ms since the epoch (performance.timeOrigin + now()). */
export interface ServedRequest {
	path: string;
	/** Request headers received. */
	start: number;
	/** Response fully written; null if it never was (a hung or reset request). */
	end: number | null;
	status: number | null;
}

export interface MeterReading {
	/** Most provider requests open at the sandbox at one time (headers received, response not yet written). */
	maxInFlight: number;
	/** TCP connections that carried provider requests (a connection kept open across a reset counts again). */
	connections: number;
	served: ServedRequest[];
}

export interface SandboxCalls {
	setLatency: { args: [ms: number, jitterMs?: number]; result: null };
	reset: { args: []; result: null };
	requests: { args: [filter: RequestFilter]; result: RequestLogEntry[] };
	injectFault: { args: [fault: Fault]; result: ActiveFault };
	clearFaults: { args: []; result: null };
	inspect: { args: [provider: ProviderName, view: string]; result: unknown };
	resetMeter: { args: []; result: null };
	readMeter: { args: []; result: MeterReading };
	close: { args: []; result: null };
}

export type SandboxCallName = keyof SandboxCalls;

export interface CallMessage {
	id: number;
	call: SandboxCallName;
	args: unknown[];
}

export type ReplyMessage = { id: number; result: unknown } | { id: number; error: string };

export interface ReadyMessage {
	ready: { baseUrl: string; port: number };
}
