/**
 * A TCP proxy that makes loopback behave like a network with a round trip of `roundTripMs`: every
 * chunk waits half the round trip in each direction, and a new connection waits one whole round
 * trip before its first bytes leave, as the TCP handshake (SYN, SYN-ACK) makes a client wait on a
 * real network. The kernel has no netem here, so this is done in user space.
 *
 * It counts what a request costs in round trips, whatever the protocol inside: one per connection
 * (the handshake) and one per client flight that the server answered (a TLS handshake flight, an
 * HTTP request), read from the order in which each side spoke.
 */
import * as net from 'node:net';

export interface LatencyProxyCounts {
	/** TCP connections accepted. */
	connections: number;
	/** Round trips the connections paid: handshakes plus answered client flights. */
	roundTrips: number;
}

export interface LatencyProxy {
	readonly port: number;
	counts(): LatencyProxyCounts;
	resetCounts(): void;
	close(): Promise<void>;
}

export async function startLatencyProxy(options: { targetPort: number; targetHost?: string; roundTripMs: number }): Promise<LatencyProxy> {
	const oneWayMs = options.roundTripMs / 2;
	let counts: LatencyProxyCounts = { connections: 0, roundTrips: 0 };
	const open = new Set<net.Socket>();

	const server = net.createServer((client) => {
		counts.connections++;
		counts.roundTrips++;
		// Nothing is read before the handshake's round trip is over; the kernel buffers what the client writes meanwhile.
		client.pause();
		const handshake = setTimeout(() => client.resume(), options.roundTripMs);
		const upstream = net.connect(options.targetPort, options.targetHost ?? '127.0.0.1');
		for (const socket of [client, upstream]) {
			open.add(socket);
			socket.setNoDelay(true);
			socket.once('close', () => open.delete(socket));
		}
		let lastSpeaker: 'client' | 'server' | undefined;
		// Timers of one duration fire in the order they were set: chunks keep their order.
		const later = (action: () => void) => setTimeout(action, oneWayMs);

		client.on('data', (chunk: Buffer) => {
			lastSpeaker = 'client';
			later(() => upstream.write(chunk));
		});
		upstream.on('data', (chunk: Buffer) => {
			if (lastSpeaker === 'client') counts.roundTrips++;
			lastSpeaker = 'server';
			later(() => client.write(chunk));
		});
		client.on('end', () => later(() => upstream.end()));
		upstream.on('end', () => later(() => client.end()));
		// A reset travels like data: the other side learns of it half a round trip later.
		client.on('error', () => later(() => upstream.destroy()));
		upstream.on('error', () => later(() => client.destroy()));
		client.once('close', () => clearTimeout(handshake));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	return {
		port: (server.address() as net.AddressInfo).port,
		counts: () => ({ ...counts }),
		resetCounts: () => {
			counts = { connections: 0, roundTrips: 0 };
		},
		close: async () => {
			for (const socket of open) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}
