/**
 * The package as `npm publish` would upload it: a copy of the working tree with no dist (as a
 * fresh clone has), packed with `npm pack` so that prepack has to build it, and unpacked again
 * for the checks. And the checks that n8n's scanner does not make on a tarball: every file the
 * n8n block lists is there, and no compiled file requires a package that n8n does not install.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { isBuiltin } from 'node:module';
import * as path from 'node:path';

import { parsePackJson, REPO_ROOT } from '../n8n/package';
import { npmCommand, runOrThrow } from '../n8n/util';

export interface PackedPackage {
	tarball: string;
	/** What npm calls the package size: the bytes of the .tgz. */
	packedBytes: number;
	/** The tarball's contents (package.json, dist/, …). */
	unpackedDir: string;
	/** The copy of the working tree that was packed: the source a provenance statement points at. */
	sourceDir: string;
}

/** n8n provides n8n-workflow; everything else a node uses must be inside the package. */
const PROVIDED_BY_N8N = new Set(['n8n-workflow']);

/**
 * Copies the working tree's files (tracked and new, as git sees them: no node_modules, no dist)
 * into `workDir`, packs it there and unpacks the tarball. node_modules is linked, not installed.
 */
export async function packFreshCopy(workDir: string): Promise<PackedPackage> {
	const copyDir = path.join(workDir, 'clone');
	const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT })
		.toString()
		.split('\0')
		.filter(Boolean);
	for (const file of listed) {
		const source = path.join(REPO_ROOT, file);
		// A tracked file deleted in the working tree is still listed; a node_modules symlink is not
		// matched by .gitignore's "node_modules/".
		if (file === 'node_modules' || !fs.lstatSync(source, { throwIfNoEntry: false })?.isFile()) continue;
		fs.mkdirSync(path.dirname(path.join(copyDir, file)), { recursive: true });
		fs.copyFileSync(source, path.join(copyDir, file));
	}
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copyDir, 'node_modules'), 'dir');

	const packDir = path.join(workDir, 'packed');
	fs.mkdirSync(packDir);
	const packed = await runOrThrow(npmCommand(), ['pack', '--json', '--pack-destination', packDir], copyDir);
	const tarball = path.join(packDir, parsePackJson(packed.stdout));
	const unpackedDir = path.join(workDir, 'unpacked');
	fs.mkdirSync(unpackedDir);
	execFileSync('tar', ['-xzf', tarball, '-C', unpackedDir, '--strip-components=1']);
	return { tarball, packedBytes: fs.statSync(tarball).size, unpackedDir, sourceDir: copyDir };
}

/** Files that package.json names (main, the n8n block's nodes and credentials) but the package lacks. */
export function missingListedFiles(packageDir: string): string[] {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as {
		main?: string;
		n8n?: { nodes?: string[]; credentials?: string[] };
	};
	if (!manifest.n8n?.nodes?.length) return ['(package.json lists no nodes in its n8n block)'];
	const listed = [...(manifest.main ? [manifest.main] : []), ...manifest.n8n.nodes, ...(manifest.n8n.credentials ?? [])];
	return listed.filter((file) => !fs.existsSync(path.join(packageDir, file)));
}

/**
 * Icons that a compiled node or credential points at (`file:…`) but the package lacks: n8n shows
 * a blank square for them.
 */
export function missingIcons(packageDir: string): string[] {
	const missing: string[] = [];
	for (const file of compiledFiles(packageDir)) {
		const source = fs.readFileSync(file, 'utf8');
		for (const match of source.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)) {
			const icon = path.resolve(path.dirname(file), match[1]);
			if (!fs.existsSync(icon)) missing.push(`${path.relative(packageDir, file)} → ${match[1]}`);
		}
	}
	return missing;
}

/**
 * `require()`s in the compiled files that n8n cannot satisfy: a package other than n8n-workflow
 * (n8n installs no dependencies of a community node; the scanner lets a devDependency through),
 * or a relative path to a file the package lacks. Node's built-in modules are the scanner's to
 * judge.
 */
export function unsatisfiedRequires(packageDir: string): string[] {
	const problems: string[] = [];
	for (const file of compiledFiles(packageDir)) {
		const source = fs.readFileSync(file, 'utf8');
		for (const match of source.matchAll(/\brequire\((["'])([^"']+)\1\)/g)) {
			const specifier = match[2];
			const where = path.relative(packageDir, file);
			if (specifier.startsWith('.')) {
				if (!resolvesToFile(path.resolve(path.dirname(file), specifier))) problems.push(`${where} requires ${specifier}, which is not in the package`);
			} else if (!PROVIDED_BY_N8N.has(specifier) && !isBuiltin(specifier)) {
				problems.push(`${where} requires '${specifier}', which n8n does not install (bundle it, see lib/vendor/)`);
			}
		}
	}
	return problems;
}

function resolvesToFile(target: string): boolean {
	return [target, `${target}.js`, `${target}.json`, path.join(target, 'index.js')].some(
		(candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile(),
	);
}

function compiledFiles(packageDir: string): string[] {
	const files: string[] = [];
	const visit = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory() && entry.name !== 'node_modules') visit(full);
			else if (entry.isFile() && entry.name.endsWith('.js')) files.push(full);
		}
	};
	visit(packageDir);
	return files;
}
