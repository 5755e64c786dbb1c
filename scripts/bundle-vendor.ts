/**
 * `npm run build`, after tsc: bundles each module in lib/vendor/ with the library it re-exports
 * into dist/lib/vendor/, over the file tsc wrote there (which still requires the library). n8n
 * Cloud installs no runtime dependencies, so what the nodes use from a library must ship inside
 * dist. Left readable (not minified) for n8n's reviewers; the library's licence goes with it.
 */
import { build, type Plugin } from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..');
const VENDOR_SOURCE_DIR = path.join(REPO_ROOT, 'lib', 'vendor');
const VENDOR_DIST_DIR = path.join(REPO_ROOT, 'dist', 'lib', 'vendor');

/**
 * Modules of a bundled library replaced by our own, with the same answers and less cost; each
 * replacement says why. Only the shipped bundle carries them: the tests that import lib/vendor
 * directly run the library as published, and test/lib/vendor-bundle.test.ts holds the two equal.
 */
const LIBRARY_MODULE_REPLACEMENTS: Array<{ packageName: string; modulePath: RegExp; replacement: string }> = [
	{
		packageName: 'libphonenumber-js',
		modulePath: /[\\/]helpers[\\/]matchesEntirely\.js$/,
		replacement: path.join(REPO_ROOT, 'scripts', 'vendor-patches', 'libphonenumber-matches-entirely.ts'),
	},
];

/** lib/vendor/<file> → the npm package it re-exports (the one import that is not a type). */
function bundledPackageOf(sourceFile: string): string {
	const source = fs.readFileSync(sourceFile, 'utf8');
	const packages = new Set(
		[...source.matchAll(/^export\s+\{[^}]*\}\s+from\s+'([^']+)'/gm)].map((match) => packageName(match[1])),
	);
	if (packages.size !== 1) {
		throw new Error(`${path.relative(REPO_ROOT, sourceFile)} must re-export from exactly one package (found: ${[...packages].join(', ') || 'none'})`);
	}
	return [...packages][0];
}

function packageName(specifier: string): string {
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function licenceBanner(packageNameToShip: string): string {
	const manifestPath = require.resolve(`${packageNameToShip}/package.json`, { paths: [REPO_ROOT] });
	const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { version: string; license?: string; homepage?: string };
	return `/*! Bundled: ${packageNameToShip} ${manifest.version} (${manifest.license ?? 'see its package'}) ${manifest.homepage ?? ''} */`;
}

/** Bundles one lib/vendor module, with its library and our replacements inside, into outFile. */
export async function bundleVendorModule(sourceFile: string, outFile: string): Promise<void> {
	const packageToShip = bundledPackageOf(sourceFile);
	await build({
		entryPoints: [sourceFile],
		outfile: outFile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		banner: { js: licenceBanner(packageToShip) },
		plugins: [replaceLibraryModules(packageToShip)],
		logLevel: 'warning',
	});
}

function replaceLibraryModules(packageToShip: string): Plugin {
	const replacements = LIBRARY_MODULE_REPLACEMENTS.filter((entry) => entry.packageName === packageToShip);
	const packageFolder = `${path.sep}node_modules${path.sep}${packageToShip.split('/').join(path.sep)}${path.sep}`;
	return {
		name: 'replace-library-modules',
		setup(pluginBuild) {
			pluginBuild.onLoad({ filter: /\.js$/ }, (args) => {
				if (!args.path.includes(packageFolder)) return undefined;
				const match = replacements.find((entry) => entry.modulePath.test(args.path));
				if (match === undefined) return undefined;
				return { contents: fs.readFileSync(match.replacement, 'utf8'), loader: 'ts' };
			});
		},
	};
}

async function bundleAllVendorModules(): Promise<void> {
	for (const entry of fs.readdirSync(VENDOR_SOURCE_DIR).filter((file) => file.endsWith('.ts'))) {
		const sourceFile = path.join(VENDOR_SOURCE_DIR, entry);
		const outFile = path.join(VENDOR_DIST_DIR, entry.replace(/\.ts$/, '.js'));
		await bundleVendorModule(sourceFile, outFile);
		// tsc's source map describes the file this bundle replaced.
		fs.rmSync(`${outFile}.map`, { force: true });
		console.log(`bundled ${path.relative(REPO_ROOT, sourceFile)} → ${path.relative(REPO_ROOT, outFile)} (${Math.round(fs.statSync(outFile).size / 1024)} kB)`);
	}
}

if (require.main === module) {
	bundleAllVendorModules().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exitCode = 1;
	});
}
