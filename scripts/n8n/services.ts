/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages: installed when missing
 * (apt-get, as root), started on loopback with their data in a temporary folder and their own
 * free ports, and stopped and removed again. PostgreSQL refuses to run as root, so both run as
 * the system users their packages create. Like n8n's processes, none may outlive the script.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureN8n, n8nPackageDir } from './install';
import { forEachLine, sleep, tail, waitForExit } from './util';

export interface RunningService {
	name: string;
	port: number;
	logs(): string;
	stop(): Promise<void>;
}

export interface PostgresConnection {
	host: string;
	port: number;
	user: string;
	database: string;
}

export interface RunningPostgres extends RunningService {
	connection: PostgresConnection;
}

const DEBIAN_PACKAGES = { redis: 'redis-server', postgres: 'postgresql' } as const;

// ---------------------------------------------------------------------------------------------
// Installing

function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const versions = fs
		.readdirSync(root)
		.filter((version) => fs.existsSync(path.join(root, version, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

function redisServerBin(): string | undefined {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((file) => fs.existsSync(file));
}

/** Installs redis-server and PostgreSQL from Debian's packages unless both are there; returns what it installed. */
export async function ensureQueueServices(log: (message: string) => void): Promise<string[]> {
	const missing = [
		...(redisServerBin() ? [] : [DEBIAN_PACKAGES.redis]),
		...(postgresBinDir() ? [] : [DEBIAN_PACKAGES.postgres]),
	];
	if (missing.length === 0) return [];
	if (process.getuid?.() !== 0) {
		throw new Error(`${missing.join(' and ')} missing: install them (apt-get install -y ${missing.join(' ')}) or run this as root`);
	}
	log(`Installing ${missing.join(' and ')} from Debian's packages (apt-get)…`);
	// Debian's maintainer scripts would start the services on their default ports: the test starts
	// its own instances, so the package's own service is kept from starting (policy-rc.d's exit 101).
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const policy = '/usr/sbin/policy-rc.d';
	const addedPolicy = !fs.existsSync(policy);
	if (addedPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
	try {
		await runWithEnv('apt-get', ['update'], env);
		await runWithEnv('apt-get', ['install', '-y', '--no-install-recommends', ...missing], env);
	} finally {
		if (addedPolicy) fs.rmSync(policy, { force: true });
	}
	if (!redisServerBin() || !postgresBinDir()) throw new Error(`apt-get installed ${missing.join(' and ')}, but the programs are still not there`);
	return missing;
}

async function runWithEnv(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const code = await waitForExit(child);
	if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${code})\n${output.trim().split('\n').slice(-20).join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// Running as an unprivileged system user

interface SystemUser {
	name: string;
	uid: number;
	gid: number;
}

function systemUser(name: string): SystemUser | undefined {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.startsWith(`${name}:`));
	if (!line) return undefined;
	const [, , uid, gid] = line.split(':');
	return { name, uid: Number(uid), gid: Number(gid) };
}

/** The user a service runs as: its package's system user when this script is root, else this user. */
function serviceUser(name: string): SystemUser | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const user = systemUser(name);
	if (!user) throw new Error(`the system user "${name}" (created by its Debian package) does not exist`);
	return user;
}

/** A temporary folder the service's user owns (a service cannot use root's). */
function serviceFolder(prefix: string, user: SystemUser | undefined): string {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	if (user) fs.chownSync(folder, user.uid, user.gid);
	return folder;
}

const liveServices = new Set<ChildProcess>();

process.on('exit', () => {
	for (const child of liveServices) signalGroup(child, 'SIGKILL');
});

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// Already gone.
	}
}

function spawnService(command: string, args: string[], user: SystemUser | undefined, cwd: string): { child: ChildProcess; lines: string[]; exited: Promise<void> } {
	// Its own process group, so that stopping it stops its helper processes too (PostgreSQL's).
	const child = spawn(command, args, {
		cwd,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', HOME: cwd },
		...(user ? { uid: user.uid, gid: user.gid } : {}),
	});
	const lines: string[] = [];
	forEachLine(child.stdout!, (line) => lines.push(line));
	forEachLine(child.stderr!, (line) => lines.push(line));
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', () => resolve());
	});
	liveServices.add(child);
	void exited.then(() => liveServices.delete(child));
	return { child, lines, exited };
}

/** The signal is the service's own way to stop quickly; SIGKILL after graceMs. */
async function stopService(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals, graceMs: number): Promise<void> {
	signalGroup(child, signal);
	const inTime = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
	if (!inTime) signalGroup(child, 'SIGKILL');
	await exited;
	signalGroup(child, 'SIGKILL');
}

async function waitForPort(port: number, exited: Promise<void>, timeoutMs: number): Promise<boolean> {
	let gone = false;
	void exited.then(() => (gone = true));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && !gone) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return true;
		await sleep(100);
	}
	return false;
}

// ---------------------------------------------------------------------------------------------
// Redis

export async function startRedis(port: number): Promise<RunningService> {
	const bin = redisServerBin();
	if (!bin) throw new Error('redis-server is not installed');
	const user = serviceUser('redis');
	const folder = serviceFolder('n8n-sms-redis-', user);
	// No persistence: the queue lives only as long as the test.
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--dir', folder, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const { child, lines, exited } = spawnService(bin, args, user, folder);
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
	if (!(await waitForPort(port, exited, 15_000))) {
		await stopService(child, exited, 'SIGTERM', 2_000);
		removeFolder();
		throw new Error(`redis-server did not listen on ${port}\n${tail(lines, 20)}`);
	}
	return {
		name: 'redis',
		port,
		logs: () => lines.join('\n'),
		stop: async () => {
			await stopService(child, exited, 'SIGTERM', 5_000);
			removeFolder();
		},
	};
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

const POSTGRES_ROLE = 'n8n';
const POSTGRES_DATABASE = 'n8n';

export async function startPostgres(port: number): Promise<RunningPostgres> {
	const binDir = postgresBinDir();
	if (!binDir) throw new Error('PostgreSQL is not installed');
	const user = serviceUser('postgres');
	const folder = serviceFolder('n8n-sms-postgres-', user);
	const dataDir = path.join(folder, 'data');
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
	try {
		// Trust on loopback only: the server listens nowhere else and lives for one test run.
		const initdb = spawnService(path.join(binDir, 'initdb'), ['-D', dataDir, '-U', POSTGRES_ROLE, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], user, folder);
		await initdb.exited;
		if (initdb.child.exitCode !== 0) throw new Error(`initdb failed (exit ${initdb.child.exitCode})\n${tail(initdb.lines, 20)}`);
	} catch (error) {
		removeFolder();
		throw error;
	}
	// Durability is not what is tested: without fsync the many small writes of n8n's executions
	// do not queue behind the disk.
	const args = [
		'-D', dataDir, '-p', String(port), '-h', '127.0.0.1', '-k', folder,
		'-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200',
	];
	const { child, lines, exited } = spawnService(path.join(binDir, 'postgres'), args, user, folder);
	// SIGINT is PostgreSQL's fast shutdown: open sessions are ended, nothing waits for them.
	const stop = async () => {
		await stopService(child, exited, 'SIGINT', 10_000);
		removeFolder();
	};
	const connection: PostgresConnection = { host: '127.0.0.1', port, user: POSTGRES_ROLE, database: 'postgres' };
	try {
		if (!(await waitForPort(port, exited, 30_000))) throw new Error(`PostgreSQL did not listen on ${port}\n${tail(lines, 20)}`);
		await waitForPostgres(connection, 15_000);
		await queryPostgres(connection, `CREATE DATABASE ${POSTGRES_DATABASE}`);
	} catch (error) {
		await stop();
		throw error;
	}
	return { name: 'postgres', port, logs: () => lines.join('\n'), stop, connection: { ...connection, database: POSTGRES_DATABASE } };
}

/** The port is open a moment before PostgreSQL accepts sessions ("the database system is starting up"). */
async function waitForPostgres(connection: PostgresConnection, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await queryPostgres(connection, 'SELECT 1');
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await sleep(200);
		}
	}
}

/** n8n's environment for this database (DB_TYPE=postgresdb and its DB_POSTGRESDB_* settings). */
export function n8nPostgresEnvironment(connection: PostgresConnection): NodeJS.ProcessEnv {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: connection.host,
		DB_POSTGRESDB_PORT: String(connection.port),
		DB_POSTGRESDB_USER: connection.user,
		// Ignored under trust; n8n wants a value.
		DB_POSTGRESDB_PASSWORD: 'n8n',
		DB_POSTGRESDB_DATABASE: connection.database,
	};
}

// ---------------------------------------------------------------------------------------------
// Querying, with the pg client that n8n ships (no dependency of this package)

type Row = Record<string, unknown>;

interface PgClient {
	connect(): Promise<void>;
	query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
	end(): Promise<void>;
}

let pgClientClass: (new (config: Record<string, unknown>) => PgClient) | undefined;

async function pgClient(connection: PostgresConnection): Promise<PgClient> {
	if (!pgClientClass) {
		await ensureN8n();
		const requireFromN8n = createRequire(path.join(n8nPackageDir(), 'package.json'));
		pgClientClass = (requireFromN8n('pg') as { Client: new (config: Record<string, unknown>) => PgClient }).Client;
	}
	return new pgClientClass({ ...connection, password: 'n8n' });
}

export async function queryPostgres(connection: PostgresConnection, sql: string, params: unknown[] = []): Promise<Row[]> {
	const client = await pgClient(connection);
	await client.connect();
	try {
		return (await client.query(sql, params)).rows;
	} finally {
		await client.end();
	}
}

