import * as http from 'node:http';
import * as https from 'node:https';
import { performance } from 'node:perf_hooks';

import { startSimulatedNetwork, type SimulatedNetwork } from '../../scripts/bench/simulated-network';

const ROUND_TRIP_MS = 100;

/** One GET through `agent`; resolves with the time it took. */
function get(url: string, agent: https.Agent, ca?: string): Promise<number> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const request = https.get(url, { agent, ca }, (response) => {
			response.resume();
			response.once('end', () => resolve(performance.now() - started));
		});
		request.once('error', reject);
	});
}

describe('the simulated network of the benchmark', () => {
	let backend: http.Server;
	let network: SimulatedNetwork;
	beforeAll(async () => {
		backend = http.createServer((_request, response) => response.end('ok'));
		await new Promise<void>((resolve) => backend.listen(0, '127.0.0.1', resolve));
		network = await startSimulatedNetwork({ sandboxPort: (backend.address() as { port: number }).port, roundTripMs: ROUND_TRIP_MS });
	});
	afterAll(async () => {
		await network.close();
		await new Promise<void>((resolve) => backend.close(() => resolve()));
	});
	beforeEach(() => network.resetCounts());

	it('makes a request on a new connection pay three round trips (TCP, TLS 1.3, HTTP), and one on a reused connection one', async () => {
		const agent = new https.Agent({ keepAlive: true, maxSockets: 1, ca: network.ca });
		try {
			const first = await get(`${network.baseUrl}/a`, agent);
			const second = await get(`${network.baseUrl}/b`, agent);
			expect(network.counts()).toMatchObject({ connections: 1, tlsHandshakes: 1, roundTrips: 4 });
			expect(first).toBeGreaterThanOrEqual(3 * ROUND_TRIP_MS);
			expect(second).toBeGreaterThanOrEqual(ROUND_TRIP_MS);
			expect(second).toBeLessThan(2 * ROUND_TRIP_MS);
		} finally {
			agent.destroy();
		}
	});

	it('counts a connection, a handshake and three round trips for each request of a client that opens a new connection each time, as n8n’s helper does', async () => {
		for (const path of ['/a', '/b']) {
			const agent = new https.Agent({ ca: network.ca });
			await get(`${network.baseUrl}${path}`, agent);
			agent.destroy();
		}
		expect(network.counts()).toMatchObject({ connections: 2, tlsHandshakes: 2, tlsResumed: 0, roundTrips: 6 });
		expect(network.counts().tlsVersions['TLSv1.3']).toBeGreaterThan(0);
	});

	it('is trusted only by a client given its certificate', async () => {
		const agent = new https.Agent();
		try {
			await expect(get(`${network.baseUrl}/a`, agent)).rejects.toThrow(/self[- ]signed/);
		} finally {
			agent.destroy();
		}
	});
});
