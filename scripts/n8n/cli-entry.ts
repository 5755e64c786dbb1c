/**
 * The command line of this folder: `tsx scripts/n8n/cli-entry.ts install` installs n8n into the
 * cache (or says where it is); `tsx scripts/n8n/cli-entry.ts where` prints the cache folder.
 */
import { ensureN8n, n8nCacheDir } from './install';

async function main(command: string | undefined): Promise<void> {
	if (command === 'where') {
		console.log(n8nCacheDir());
		return;
	}
	if (command === 'install' || command === undefined) {
		const { n8nBin, version } = await ensureN8n();
		console.log(`n8n ${version}: ${n8nBin}`);
		return;
	}
	console.error('usage: tsx scripts/n8n/cli-entry.ts [install|where]');
	process.exitCode = 2;
}

if (require.main === module) {
	main(process.argv[2]).catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
