/**
 * The command line of this folder: `tsx scripts/n8n/cli-entry.ts install [line]` installs an n8n
 * line (2.8 unless named: 1.123, 2.8, 2.41) into the cache, or says where it is;
 * `tsx scripts/n8n/cli-entry.ts where [line]` prints its cache folder.
 */
import { DEFAULT_N8N_LINE, n8nLine } from './lines';
import { ensureN8n, n8nCacheDir } from './install';
import { formatDuration } from './util';

async function main(command: string | undefined, lineName: string | undefined): Promise<void> {
	const line = lineName ? n8nLine(lineName) : DEFAULT_N8N_LINE;
	if (command === 'where') {
		console.log(n8nCacheDir(line));
		return;
	}
	if (command === 'install' || command === undefined) {
		const startedAt = Date.now();
		const { n8nBin, version, runtime } = await ensureN8n(line);
		console.log(`n8n ${version} on Node.js ${runtime.version}: ${n8nBin} (${formatDuration(Date.now() - startedAt)})`);
		return;
	}
	console.error('usage: tsx scripts/n8n/cli-entry.ts [install|where] [1.123|2.8|2.41]');
	process.exitCode = 2;
}

if (require.main === module) {
	main(process.argv[2], process.argv[3]).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
