/**
 * n8n 2.8.4 in queue mode on a real Redis and PostgreSQL: one main (`n8n start`), one worker
 * (`n8n worker`), two webhook processors (`n8n webhook`) and a round-robin proxy in front of the
 * processors, whose URL is n8n's WEBHOOK_URL (what a provider is given). Each process has a user
 * folder of its own (n8n's crash journal is per folder) sharing one installed package.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import { n8nPostgresEnvironment, type PostgresConnection } from './services';
import { findFreePorts } from './ports';
import { startN8n, type N8nServerCommand, type RunningN8n } from './processes';

export const WEBHOOK_PROCESSORS = 2;

/** The value of SMS_QUEUE_PROCESS in each process, which a workflow can save into its execution record. */
export type ProcessLabel = 'main' | 'worker' | `webhook-${number}`;

interface ProcessSpec {
	label: ProcessLabel;
	command: N8nServerCommand;
	port: number;
	brokerPort: number;
	userFolder: string;
}

export interface QueueCluster {
	mainUrl: string;
	/** The round-robin proxy's URL: n8n's WEBHOOK_URL. */
	proxyUrl: string;
	webhookUrls: string[];
	/** The main's user folder: the one n8n's CLI is run against. */
	mainUserFolder: string;
	/** Environment for n8n's CLI against the same database. */
	cliEnv: NodeJS.ProcessEnv;
	processes: Map<ProcessLabel, RunningN8n>;
	/** Starts the named process again (after a stop or kill), with the same settings. */
	start(label: ProcessLabel): Promise<RunningN8n>;
	/** Stops every n8n process gracefully and starts them again, main first. */
	restartAll(): Promise<void>;
	logs(label: ProcessLabel): string;
	/** Every request the proxy passed on, in order, with the webhook processor that got it. */
	proxied(): ProxiedRequest[];
	stop(): Promise<void>;
}

export interface ProxiedRequest {
	method: string;
	path: string;
	/** The webhook processor's URL. */
	target: string;
}

export interface QueueClusterOptions {
	root: string;
	redisPort: number;
	postgres: PostgresConnection;
	/** Installs the package and imports what the run needs, through n8n's CLI with `cliEnv`. */
	prepareUserFolder: (folder: string, cliEnv: NodeJS.ProcessEnv) => Promise<void>;
	/** How long each process may take to start (processes.ts's default unless given). */
	startTimeoutMs?: number;
}

export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const [mainPort, proxyPort, mainBroker, workerBroker, ...webhookPorts] = await findFreePorts(4 + WEBHOOK_PROCESSORS);
	const proxyUrl = `http://127.0.0.1:${proxyPort}`;
	const mainUserFolder = path.join(options.root, 'main');
	fs.mkdirSync(mainUserFolder, { recursive: true });

	const specs: ProcessSpec[] = [
		{ label: 'main', command: 'start', port: mainPort, brokerPort: mainBroker, userFolder: mainUserFolder },
		{ label: 'worker', command: 'worker', port: 0, brokerPort: workerBroker, userFolder: sharedPackageFolder(options.root, 'worker', mainUserFolder) },
		...webhookPorts.map((port, index) => ({
			label: `webhook-${index + 1}` as const,
			command: 'webhook' as const,
			port,
			// Webhook processors run no task runner, but n8n reads the setting anyway.
			brokerPort: 0,
			userFolder: sharedPackageFolder(options.root, `webhook-${index + 1}`, mainUserFolder),
		})),
	];

	const shared: NodeJS.ProcessEnv = {
		...n8nPostgresEnvironment(options.postgres),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(options.redisPort),
		// Every process must decrypt the credentials the CLI stored.
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		WEBHOOK_URL: `${proxyUrl}/`,
		// Runs started from the editor or REST API go to the worker too, as production runs do.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// The bulk-send workflow saves $env.SMS_QUEUE_PROCESS into its execution record.
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	};
	const cliEnv = { ...shared, SMS_QUEUE_PROCESS: 'cli' };
	await options.prepareUserFolder(mainUserFolder, cliEnv);

	const envOf = (spec: ProcessSpec): NodeJS.ProcessEnv => ({
		...shared,
		SMS_QUEUE_PROCESS: spec.label,
		// Production webhooks go to the webhook processors only, as behind a real load balancer.
		...(spec.label === 'main' ? { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } : {}),
	});

	const processes = new Map<ProcessLabel, RunningN8n>();
	const start = async (label: ProcessLabel) => {
		const spec = specs.find((candidate) => candidate.label === label)!;
		const n8n = await startN8n({ userFolder: spec.userFolder, command: spec.command, port: spec.port || mainPort, brokerPort: spec.brokerPort || (await findFreePorts(1))[0], env: envOf(spec), timeoutMs: options.startTimeoutMs });
		processes.set(label, n8n);
		return n8n;
	};
	const startAll = async () => {
		// The main runs the database migrations and activates the workflows; the others wait for it.
		await start('main');
		await Promise.all(specs.filter((spec) => spec.label !== 'main').map((spec) => start(spec.label)));
	};
	const stopAll = async () => {
		await Promise.all([...processes.values()].map((n8n) => n8n.stop()));
	};

	const proxy = await startRoundRobinProxy(proxyPort, webhookPorts);
	try {
		await startAll();
	} catch (error) {
		await stopAll();
		await proxy.close();
		throw error;
	}
	return {
		mainUrl: `http://127.0.0.1:${mainPort}`,
		proxyUrl,
		webhookUrls: webhookPorts.map((port) => `http://127.0.0.1:${port}`),
		mainUserFolder,
		cliEnv,
		processes,
		start,
		restartAll: async () => {
			await stopAll();
			await startAll();
		},
		logs: (label) => processes.get(label)?.logs() ?? '',
		proxied: () => [...proxy.proxied],
		stop: async () => {
			await stopAll();
			await proxy.close();
		},
	};
}

/** A user folder of its own whose `.n8n/nodes` (the installed package) is the main's. */
function sharedPackageFolder(root: string, name: string, mainUserFolder: string): string {
	const folder = path.join(root, name);
	fs.mkdirSync(path.join(folder, '.n8n'), { recursive: true });
	fs.symlinkSync(path.join(mainUserFolder, '.n8n', 'nodes'), path.join(folder, '.n8n', 'nodes'));
	return folder;
}

/** A load balancer reduced to what matters here: each request to the next webhook processor in turn. */
async function startRoundRobinProxy(port: number, targetPorts: number[]): Promise<{ proxied: ProxiedRequest[]; close(): Promise<void> }> {
	let next = 0;
	const proxied: ProxiedRequest[] = [];
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
	const server = http.createServer((request, response) => {
		const targetPort = targetPorts[next++ % targetPorts.length];
		proxied.push({ method: request.method ?? '', path: request.url ?? '', target: `http://127.0.0.1:${targetPort}` });
		const upstream = http.request(
			{ host: '127.0.0.1', port: targetPort, method: request.method, path: request.url, headers: request.headers, agent },
			(answer) => {
				response.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(response);
			},
		);
		upstream.on('error', (error) => {
			if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
			response.end(`proxy: webhook processor on ${targetPort} failed: ${error.message}`);
		});
		request.pipe(upstream);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	return {
		proxied,
		close: () =>
			new Promise<void>((resolve) => {
				agent.destroy();
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
