/**
 * The sandbox as a provider looks from a real network: HTTPS with a certificate of its own, a
 * round trip away. A client connects to the latency proxy (latency-proxy.ts), which forwards the
 * encrypted bytes to a TLS front that hands the plain HTTP to the sandbox, so TCP and TLS
 * handshakes pay their round trips like requests do.
 *
 * The certificate is self-signed, made at run time with the openssl command line (Node's crypto
 * makes keys but no certificates). A client trusts it the way a user trusts a private CA: n8n
 * through NODE_EXTRA_CA_CERTS=`caFile`, a Node client through the `ca` option.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';

import { startLatencyProxy, type LatencyProxyCounts } from './latency-proxy';

export interface NetworkCounts extends LatencyProxyCounts {
	/** TLS handshakes completed at the front, resumed sessions included. */
	tlsHandshakes: number;
	/** Of those, how many resumed an earlier session. */
	tlsResumed: number;
	/** TLS versions negotiated since the network started (not reset), e.g. { TLSv1.3: 4100 }. */
	tlsVersions: Record<string, number>;
}

export interface SimulatedNetwork {
	/** `https://127.0.0.1:<proxy port>`: the sandbox's base URL as seen through the network. */
	readonly baseUrl: string;
	/** The certificate in PEM, for NODE_EXTRA_CA_CERTS. */
	readonly caFile: string;
	readonly ca: string;
	readonly roundTripMs: number;
	counts(): NetworkCounts;
	resetCounts(): void;
	close(): Promise<void>;
}

/**
 * An EC P-256 certificate for 127.0.0.1 and localhost, valid for a day: cheap handshakes on both
 * sides, so that the handshakes cost what they cost on a real network in round trips, not CPU
 * of an oversized key.
 */
function makeCertificate(folder: string): { keyFile: string; certFile: string } {
	const keyFile = path.join(folder, 'key.pem');
	const certFile = path.join(folder, 'cert.pem');
	try {
		execFileSync(
			'openssl',
			[
				'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
				'-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=sms-gateways bench sandbox',
				'-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
			],
			{ stdio: ['ignore', 'ignore', 'pipe'] },
		);
	} catch (error) {
		const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
		throw new Error(`openssl could not make the sandbox's certificate: ${stderr || (error as Error).message}`);
	}
	return { keyFile, certFile };
}

export async function startSimulatedNetwork(options: { sandboxPort: number; roundTripMs: number }): Promise<SimulatedNetwork> {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sms-bench-tls-'));
	const { keyFile, certFile } = makeCertificate(folder);
	const ca = fs.readFileSync(certFile, 'utf8');
	let tlsCounts = { tlsHandshakes: 0, tlsResumed: 0 };
	const tlsVersions: Record<string, number> = {};
	const open = new Set<net.Socket>();

	const front = tls.createServer({ key: fs.readFileSync(keyFile), cert: ca }, (secure) => {
		tlsCounts.tlsHandshakes++;
		if (secure.isSessionReused()) tlsCounts.tlsResumed++;
		const version = secure.getProtocol() ?? 'unknown';
		tlsVersions[version] = (tlsVersions[version] ?? 0) + 1;
		const sandbox = net.connect(options.sandboxPort, '127.0.0.1');
		for (const socket of [secure, sandbox]) {
			// Nagle's algorithm would hold a small write back until the previous one is acknowledged.
			socket.setNoDelay(true);
			open.add(socket);
			socket.once('close', () => open.delete(socket));
			socket.on('error', () => (socket === secure ? sandbox : secure).destroy());
		}
		secure.pipe(sandbox).pipe(secure);
	});
	// A client that gives up during the handshake is the client's business, not a failure of the front.
	front.on('tlsClientError', () => undefined);
	await new Promise<void>((resolve, reject) => {
		front.once('error', reject);
		front.listen(0, '127.0.0.1', () => resolve());
	});
	const proxy = await startLatencyProxy({ targetPort: (front.address() as net.AddressInfo).port, roundTripMs: options.roundTripMs });

	return {
		baseUrl: `https://127.0.0.1:${proxy.port}`,
		caFile: certFile,
		ca,
		roundTripMs: options.roundTripMs,
		counts: () => ({ ...proxy.counts(), ...tlsCounts, tlsVersions: { ...tlsVersions } }),
		resetCounts: () => {
			proxy.resetCounts();
			tlsCounts = { tlsHandshakes: 0, tlsResumed: 0 };
		},
		close: async () => {
			await proxy.close();
			for (const socket of open) socket.destroy();
			await new Promise<void>((resolve) => front.close(() => resolve()));
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}
