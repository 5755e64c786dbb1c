/**
 * The floor reference for per-request sends: a plain Node client, no n8n, that keeps at most
 * `concurrency` requests in flight over connections it keeps open and reuses (a keep-alive agent
 * with that many sockets), so a request costs one round trip once its connection is open.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

import type { BaselineRequest } from './baseline-node';

export interface KeepAliveRun {
	/** From the first request sent to the last answer read. */
	wallMs: number;
	/** Requests not answered with a 2xx. */
	failed: number;
}

export async function sendWithKeepAlive(
	requests: BaselineRequest[],
	options: { concurrency: number; headers: Record<string, string>; ca?: string },
): Promise<KeepAliveRun> {
	const secure = requests[0]?.url.startsWith('https:') ?? false;
	const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
	const agent = secure ? new https.Agent({ ...agentOptions, ca: options.ca }) : new http.Agent(agentOptions);
	const send = (request: BaselineRequest) =>
		new Promise<number>((resolve, reject) => {
			const body = JSON.stringify(request.body);
			const headers = { ...options.headers, 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
			const call = (secure ? https : http).request(request.url, { method: request.method, agent, headers }, (response) => {
				response.resume();
				response.once('end', () => resolve(response.statusCode ?? 0));
				response.once('error', reject);
			});
			call.once('error', reject);
			call.end(body);
		});

	let next = 0;
	let failed = 0;
	const started = performance.now();
	const worker = async () => {
		while (next < requests.length) {
			const status = await send(requests[next++]).catch(() => 0);
			if (status < 200 || status >= 300) failed++;
		}
	};
	try {
		await Promise.all(Array.from({ length: Math.min(options.concurrency, requests.length) }, worker));
		return { wallMs: performance.now() - started, failed };
	} finally {
		agent.destroy();
	}
}
