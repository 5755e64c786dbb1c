/**
 * `npm run test:start`: npm start as a user meets it, on a fresh user folder. The banner names an
 * owner account that signs in (without one, n8n opens on its setup screen); a restart prints the
 * same account; once the password is changed in n8n, the banner no longer claims to know it.
 * Three starts, about 3 minutes (more when n8n is not in the cache yet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { REPO_ROOT } from '../../scripts/n8n/package';
import { findFreePorts } from '../../scripts/n8n/ports';
import { callN8nRest, hasInstanceOwner, logIn } from '../../scripts/n8n/rest';
import { cleanNpmEnv, forEachLine, waitForExit } from '../../scripts/n8n/util';

/** The banner's last line: everything is up once it is printed. */
const BANNER_END = 'Ctrl-C stops n8n and the sandbox';
/** The first start may install n8n into the cache (about 5 minutes). */
const START_TIMEOUT_MS = 10 * 60_000;

interface NpmStart {
	url: string;
	output(): string;
	/** The email and password the banner says to sign in with, if it names them. */
	owner?: { email: string; password: string };
	stop(): Promise<void>;
}

interface Ports {
	n8n: number;
	broker: number;
	sandbox: number;
	chatModel: number;
}

async function startNpmStart(userFolder: string, ports: Ports): Promise<NpmStart> {
	// One process (tsx as a loader, not its CLI wrapper), so that SIGINT reaches start.ts's handler.
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'start.ts')], {
		cwd: REPO_ROOT,
		env: {
			...cleanNpmEnv(),
			N8N_SMS_USER_FOLDER: userFolder,
			N8N_PORT: String(ports.n8n),
			N8N_RUNNERS_BROKER_PORT: String(ports.broker),
			SANDBOX_PORT: String(ports.sandbox),
			CHAT_MODEL_PORT: String(ports.chatModel),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const lines: string[] = [];
	const exited = waitForExit(child);
	const bannerPrinted = new Promise<void>((resolve, reject) => {
		const onLine = (line: string) => {
			lines.push(line);
			if (line.includes(BANNER_END)) resolve();
		};
		forEachLine(child.stdout!, onLine);
		forEachLine(child.stderr!, onLine);
		void exited.then((code) => reject(new Error(`npm start exited (${code}) before its banner`)));
	});
	const output = () => lines.join('\n');
	const stop = () => stopNpmStart(child, exited);
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			bannerPrinted,
			new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('npm start printed no banner in time')), START_TIMEOUT_MS))),
		]);
	} catch (error) {
		await stop();
		throw new Error(`${(error as Error).message}\n--- npm start output ---\n${lines.slice(-40).join('\n')}`);
	} finally {
		clearTimeout(timer);
	}
	const signIn = /sign in as (\S+), password (\S+)$/m.exec(output());
	return {
		url: `http://127.0.0.1:${ports.n8n}`,
		output,
		owner: signIn ? { email: signIn[1], password: signIn[2] } : undefined,
		stop,
	};
}

/** Ctrl-C, as a user stops it: start.ts then stops n8n (its own process group) and the sandbox. */
async function stopNpmStart(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGINT');
	const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 60_000))]);
	if (!stopped) {
		child.kill('SIGKILL');
		throw new Error('npm start did not stop within 60 s of Ctrl-C');
	}
}

function check(condition: unknown, message: string, start: NpmStart): asserts condition {
	if (!condition) throw new Error(`${message}\n--- npm start output ---\n${start.output().split('\n').slice(-40).join('\n')}`);
}

async function main(): Promise<void> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-sms-start-'));
	const [n8n, broker, sandbox, chatModel] = await findFreePorts(4);
	const ports = { n8n, broker, sandbox, chatModel };
	let running: NpmStart | undefined;
	try {
		running = await startNpmStart(userFolder, ports);
		const first = running;
		check(first.owner, 'the first start on a fresh user folder names no owner account to sign in with', first);
		check(await hasInstanceOwner(first.url), 'n8n still has no owner: it would open on its setup screen', first);
		check(await logIn(first.url, first.owner.email, first.owner.password), `n8n refuses the printed ${first.owner.email} and password`, first);
		console.log(`ok    a fresh start creates the owner and prints it; /rest/login accepts it – ${first.owner.email}`);
		await first.stop();

		running = await startNpmStart(userFolder, ports);
		const second = running;
		check(
			second.owner?.email === first.owner.email && second.owner.password === first.owner.password,
			'a restart does not print the account the first start created',
			second,
		);
		const session = await logIn(second.url, first.owner.email, first.owner.password);
		check(session, 'after a restart, n8n refuses the printed email and password', second);
		console.log('ok    a restart prints the same owner account, and it still signs in');

		const changedPassword = 'Changed-by-the-user-2';
		const change = await callN8nRest(session, 'PATCH', '/me/password', { currentPassword: first.owner.password, newPassword: changedPassword });
		check(change.ok, `PATCH /rest/me/password answered ${change.status}`, second);
		await second.stop();

		running = await startNpmStart(userFolder, ports);
		const third = running;
		check(!third.owner, 'after the password was changed in n8n, the banner still prints the old one', third);
		check(third.output().includes('npm start does not know its'), 'the banner does not say to use the changed password', third);
		console.log('ok    after the password is changed in n8n, the banner says npm start does not know it');
		await third.stop();
		running = undefined;
	} finally {
		await running?.stop().catch(() => undefined);
		fs.rmSync(userFolder, { recursive: true, force: true });
	}
}

main().catch((error: unknown) => {
	console.error(`FAIL  ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
