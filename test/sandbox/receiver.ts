import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: string;
}

/** A stand-in for the n8n webhook the sandbox POSTs callbacks to. */
export interface Receiver {
	url(path?: string): string;
	received: ReceivedRequest[];
	/** Status the next requests get (default 200). */
	answerWith(status: number): void;
	waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const received: ReceivedRequest[] = [];
	let status = 200;
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			received.push({
				method: request.method ?? '',
				path: request.url ?? '',
				headers: request.headers,
				rawBody: Buffer.concat(chunks).toString('utf8'),
			});
			response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: (path = '/webhooks/sms-delivery') => `http://127.0.0.1:${port}${path}`,
		received,
		answerWith: (next) => {
			status = next;
		},
		async waitFor(count, timeoutMs = 5000) {
			const deadline = Date.now() + timeoutMs;
			while (received.length < count) {
				if (Date.now() > deadline) throw new Error(`Expected ${count} request(s), got ${received.length}`);
				await new Promise((resolve) => setTimeout(resolve, 10));
			}
			return received;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
