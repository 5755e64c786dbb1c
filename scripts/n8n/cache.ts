/**
 * The cache folder outside the repository where n8n and the Node.js runtimes it needs are
 * installed once and reused, and the lock that keeps two processes from installing into one
 * folder at once.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { sleep } from './util';

/** `<XDG_CACHE_HOME or ~/.cache>/n8n-nodes-sms-gateways`: one folder per n8n version or runtime below it. */
export function cacheRoot(): string {
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-sms-gateways');
}

/** Two processes (say `npm start` and the e2e run) must not install into one folder at once. */
export async function acquireInstallLock(cacheDir: string, what: string): Promise<() => void> {
	const lockDir = path.join(cacheDir, '.install-lock');
	let announced = false;
	for (;;) {
		if (tryCreateLock(lockDir)) return () => fs.rmSync(lockDir, { recursive: true, force: true });
		const holder = Number(readFileOr(path.join(lockDir, 'pid'), '0'));
		if (!(holder > 0 && isProcessAlive(holder))) {
			// The holder died mid-install (Ctrl-C, a killed CI job): its install is redone anyway.
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (!announced) console.log(`Waiting for another process (pid ${holder}) that is installing ${what}…`);
		announced = true;
		await sleep(2000);
	}
}

/** The lock appears with its owner's pid already inside it (a rename), never empty. */
function tryCreateLock(lockDir: string): boolean {
	const staging = `${lockDir}.${process.pid}`;
	fs.mkdirSync(staging, { recursive: true });
	fs.writeFileSync(path.join(staging, 'pid'), String(process.pid));
	try {
		fs.renameSync(staging, lockDir);
		return true;
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		if (['EEXIST', 'ENOTEMPTY'].includes((error as NodeJS.ErrnoException).code ?? '')) return false;
		throw error;
	}
}

function isProcessAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export function readFileOr(file: string, fallback: string): string {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return fallback;
	}
}
