/**
 * The docs and the code's comments point readers to files of the repository (`lib/trigger.ts`,
 * `docs/providers/clicksend.md`). When a file is split, renamed or removed, those pointers must
 * follow, or a newcomer is sent to a file that is not there.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

import { REPO_ROOT } from './harness/package-name';

/** Where the pointers are written: the docs, every source folder (comments included), the tools' and CI's files. */
const READ_FOLDERS = ['docs', 'lib', 'nodes', 'credentials', 'sandbox', 'scripts', 'test', 'tools', '.github', '.ci'];
const READ_FILES = ['README.md', 'CHANGELOG.md', 'package.json', 'jest.config.js', 'eslint.config.mjs', 'gulpfile.js'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'vendor']);
/** Lock files name packages, not our files. */
const SKIPPED_FILES = /(^|\/)package-lock\.json$/;

/** A path from the repository's root to a file: a top-level folder, then a name with an extension. */
const FILE_REFERENCE = /(?<![\w./-])(?:lib|nodes|credentials|sandbox|scripts|test|docs|tools)\/[\w./-]*\w\.(?:ts|md|json|js|mjs|sh)\b/g;

function filesUnder(folder: string): string[] {
	return readdirSync(join(REPO_ROOT, folder)).flatMap((name) => {
		const path = join(folder, name);
		if (statSync(join(REPO_ROOT, path)).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : filesUnder(path);
		return SKIPPED_FILES.test(path) ? [] : [path];
	});
}

function danglingReferences(): string[] {
	const dangling: string[] = [];
	for (const file of [...READ_FILES, ...READ_FOLDERS.flatMap(filesUnder)]) {
		const text = readFileSync(join(REPO_ROOT, file), 'utf8');
		for (const reference of new Set(text.match(FILE_REFERENCE) ?? [])) {
			if (!existsSync(join(REPO_ROOT, reference))) dangling.push(`${relative(REPO_ROOT, join(REPO_ROOT, file))}: ${reference}`);
		}
	}
	return dangling;
}

describe('file references', () => {
	it('every repository file named in the docs or the code exists', () => {
		expect(danglingReferences()).toEqual([]);
	});
});
