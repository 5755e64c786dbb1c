/**
 * Putting this package into n8n the way a user would: built, packed with `npm pack` and
 * installed from the tarball into the user folder's `.n8n/nodes`, where n8n's community-package
 * installer puts it. REPO_ROOT, the root of this repository, is the package that gets packed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { npmCommand, runOrThrow } from './util';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Builds, packs and installs the package into `<userFolder>/.n8n/nodes`; returns the tarball name. */
export async function installPackedPackage(userFolder: string, options: { quiet?: boolean } = {}): Promise<string> {
	const log = (message: string) => !options.quiet && console.log(message);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-sms-gateways-pack-'));
	try {
		log('Building and packing the package (npm pack, whose prepack runs npm run build)…');
		const packed = await runOrThrow(npmCommand(), ['pack', '--json', '--pack-destination', packDir], REPO_ROOT);
		const tarballName = parsePackJson(packed.stdout);
		const tarball = path.join(packDir, tarballName);

		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		fs.mkdirSync(nodesDir, { recursive: true });
		// What n8n's community-package installer writes; rewritten each time so that an old
		// tarball path from a previous install (long deleted) is not resolved again.
		fs.writeFileSync(path.join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true }, null, '\t')}\n`);
		log(`Installing ${tarballName} into ${nodesDir}…`);
		// n8n itself provides n8n-workflow: a second copy from the peer dependency is not wanted.
		await runOrThrow(
			npmCommand(),
			['install', tarball, '--no-audit', '--no-fund', '--no-package-lock', '--legacy-peer-deps', '--omit=dev'],
			nodesDir,
		);
		return tarballName;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/** The tarball's file name from what `npm pack --json` printed. */
export function parsePackJson(stdout: string): string {
	// `npm pack --json` prints the build's log first (prepack), where gulp's lines start with a
	// "[time]": the JSON is the array that starts on a line of its own.
	const json = stdout.slice(stdout.search(/^\[\s*$/m));
	const packed = JSON.parse(json) as Array<{ filename: string }>;
	if (!packed[0]?.filename) throw new Error(`npm pack printed no file name:\n${stdout}`);
	return packed[0].filename.replace(/^@/, '').replace(/\//, '-');
}
